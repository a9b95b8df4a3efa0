"""mpdm: conventions, avenants and délibérations kept as YAML, checked and rendered."""

__version__ = "0.1.0"
