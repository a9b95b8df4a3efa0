"""Obligations the acts create (payments, reports, ends of term, renewals) and their dates."""
