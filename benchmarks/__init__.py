"""Benchmarks of mpdm: a synthetic repository generator and the timing harness."""
