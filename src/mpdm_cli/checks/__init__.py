"""The rule registry: every rule mpdm runs, in one explicit tuple."""

from mpdm_cli.checks import references
from mpdm_cli.checks.base import Finding, Rule

RULES: tuple[Rule, ...] = (
    references.unique_ids,
    references.known_references,
)

__all__ = ["RULES", "Finding", "Rule"]
