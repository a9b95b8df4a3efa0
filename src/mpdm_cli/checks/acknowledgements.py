"""Acknowledgement rules (A): an accepted anomaly names a rule that exists, and is used.

A001 (an acknowledgement that matches no finding) is reported by the validation pipeline
itself, which alone knows which findings were acknowledged; it is registered here so that
it is documented, listed and selectable like every other rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mpdm_cli.checks.base import Finding, rule
from mpdm_cli.pipeline.diagnostics import Severity, Stage
from mpdm_cli.pipeline.repository import Repository

_CODE = re.compile(r"[A-Z][0-9]{3}")


@rule("A001", "anomalie-sans-objet", Severity.WARNING, stage=Stage.ACKNOWLEDGEMENTS)
def unused_acknowledgement(repository: Repository) -> Iterator[Finding]:
    """Une anomalie acceptée correspond à un diagnostic de sa règle, au chemin indiqué.

    Quand l'acte est corrigé, ou que le chemin est mal recopié, l'acceptation ne sert plus
    et pourrait masquer plus tard une autre anomalie : elle est signalée pour être retirée
    ou corrigée. Le chemin vise la valeur signalée ou l'un de ses parents. Seules les
    règles lancées (voir `--select` et `--ignore`) sont considérées.
    Exemple : `{regle: D005, chemin: signature.date}` alors que la date est renseignée.
    """
    return iter(())  # the validation pipeline reports it, once findings are acknowledged


@rule("A002", "regle-inconnue", stage=Stage.ACKNOWLEDGEMENTS)
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
