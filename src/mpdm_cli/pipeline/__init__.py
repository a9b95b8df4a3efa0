"""The validation pipeline, one module per stage: load → shape → repository → checks → report."""
