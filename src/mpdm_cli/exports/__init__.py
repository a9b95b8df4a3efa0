"""Data exports of the repository for other systems (SCDL open-data files)."""
