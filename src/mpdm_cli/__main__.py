"""Entry point for ``python -m mpdm_cli``."""

from mpdm_cli.cli import entry

raise SystemExit(entry())
