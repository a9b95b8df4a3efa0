"""Avenants: amendments to a convention, applied in order to consolidate it."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, WithJsonSchema

from mpdm_cli.models.common import (
    Article,
    ConventionId,
    Document,
    Party,
    Period,
    Signature,
    field,
    refused,
)
from mpdm_cli.models.convention import Restatable
from mpdm_cli.pipeline.loading import quoted

_NUMBER_TEXT = r"[1-9][0-9]*(?:-[0-9]{4})?"
_NUMBER = re.compile(_NUMBER_TEXT)


def _check_number(value: str) -> str:
    if not _NUMBER.fullmatch(value):
        raise refused(
            "numero_avenant",
            "numéro d'avenant {value} invalide : par exemple 1 ou 1-2023",
            value=quoted(value, 40),
        )
    return value


class Avenant(Document, Restatable):
    """Restated blocks (financements, effectifs…) replace the convention's when consolidating."""

    kind_label = "avenant"
    kind_title = "Avenant à une convention"

    type: Literal["avenant"] = field("type", "Nature du document.")
    number: Annotated[
        str,
        AfterValidator(_check_number),
        WithJsonSchema({"type": "string", "pattern": f"^{_NUMBER_TEXT}$"}),
    ] = field("numero", "Numéro de l'avenant (ex. 1-2023), entre guillemets.")
    convention: ConventionId = field("convention", "Identifiant de la convention modifiée.")
    title: str = field("titre", "Intitulé complet.")
    visas: list[str] = field("visas", "Lignes « VU … », sans le mot VU.", default_factory=list)
    parties: list[Party] = field("parties", "Parties et leurs représentants.")
    preamble: str | None = field("preambule", "Préambule (Markdown).", None)
    period: Period | None = field("periode", "Période couverte par l'avenant.", None)
    extends_term: bool = field(
        "prolonge_duree",
        "true si l'avenant prolonge expressément la durée de la convention.",
        False,
    )
    new_term: Period | None = field(
        "nouvelle_duree", "Nouvelle durée de la convention, si l'avenant la modifie.", None
    )
    articles: list[Article] = field("articles", "Articles de l'avenant.", default_factory=list)
    convention_articles: list[Article] = field(
        "articles_convention",
        "Articles de la convention remplacés ou ajoutés par l'avenant.",
        default_factory=list,
    )
    signature: Signature | None = field("signature", "Lieu, date et signataires.", None)
