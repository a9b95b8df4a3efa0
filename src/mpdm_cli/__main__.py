"""Entry point for ``python -m mpdm_cli``."""

from mpdm_cli.cli import main

raise SystemExit(main())
