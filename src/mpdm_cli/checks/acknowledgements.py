"""Acknowledgement rules (A): an accepted anomaly names a rule that exists.

A001 (an acknowledgement that matches no finding) is reported by the validation pipeline
itself, which alone knows which findings were acknowledged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.repository import Repository

_CODE = re.compile(r"[A-Z][0-9]{3}")


@rule("A002", "regle-inconnue")
def known_rule(repository: Repository) -> Iterator[Finding]:
    """Une anomalie acceptée (`anomalies_acceptees`) nomme une règle qui existe.

    Un code mal recopié n'accepterait rien et masquerait l'anomalie qu'il visait. La liste
    des règles est donnée par `mpdm rules`.
    Exemple : `regle: P01` ou `regle: X999`.
    """
    from mpdm_cli.checks import RULES  # the registry imports this module

    codes = {r.code for r in RULES}
    for entry in repository.entries:
        for index, acknowledgement in enumerate(entry.document.acknowledgements):
            if acknowledgement.rule in codes:
                continue
            close = [c for c in sorted(codes) if c[0] == acknowledgement.rule[:1]]
            shape = "" if _CODE.fullmatch(acknowledgement.rule) else " (format attendu : B001)"
            family = f" ; règles de cette famille : {', '.join(close)}" if close else ""
            yield Finding(
                entry,
                ("anomalies_acceptees", index, "regle"),
                f"règle « {acknowledgement.rule} » inconnue{shape}{family}",
            )
