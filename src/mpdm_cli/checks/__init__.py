"""The rule registry: every rule mpdm runs, in one explicit tuple."""

from mpdm_cli.checks import (
    acknowledgements,
    budget,
    dates,
    payments,
    references,
    staffing,
    votes,
)
from mpdm_cli.checks.base import Finding, Rule

RULES: tuple[Rule, ...] = (
    acknowledgements.unused_acknowledgement,
    acknowledgements.known_rule,
    budget.declared_totals,
    budget.post_envelopes,
    budget.positive_amounts,
    budget.years_in_term,
    budget.authorised_equals_committed,
    budget.subsidy_needs_convention,
    budget.subsidy_needs_deliberation,
    payments.instalments_add_up,
    payments.instalments_in_year_and_term,
    dates.start_before_end,
    dates.avenant_within_term,
    dates.no_overlap,
    dates.deliberation_before_signature,
    dates.signature_date,
    dates.convocation_delay,
    dates.cpo_length,
    staffing.breakdown_sums,
    staffing.within_ceiling,
    staffing.stated_total,
    staffing.recruitments_match,
    staffing.funded_posts_match,
    staffing.known_roles,
    references.unique_ids,
    references.known_references,
    references.cited_articles_exist,
    references.avenant_numbers,
    votes.attendance_adds_up,
    votes.lists_match_counts,
    votes.quorum,
    votes.valid_proxies,
    votes.declared_proxies,
    votes.votes_add_up,
    votes.outcome_matches,
    votes.listed_once,
    votes.officers_present,
)

__all__ = ["RULES", "Finding", "Rule"]
