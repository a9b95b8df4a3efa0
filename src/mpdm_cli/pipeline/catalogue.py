"""Every diagnostic code in one catalogue: loading (Y), shape (S), acknowledgements (A), rules.

``mpdm rules``, ``mpdm explain``, the SARIF rule list, the README table and the checks of
``--select``/``--ignore`` all read it. The codes of the loading and shape stages are
described here; a rule's entry is read from the rule itself (its docstring).
"""

from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mpdm_cli.pipeline.diagnostics import Severity, Stage
from mpdm_cli.pipeline.loading import MAX_DEPTH, MAX_FILE_BYTES, MAX_NUMBER_DIGITS

if TYPE_CHECKING:
    from mpdm_cli.checks import Rule

STAGE_LABELS = {
    Stage.LOADING: "chargement",
    Stage.SHAPE: "forme",
    Stage.ACKNOWLEDGEMENTS: "anomalies acceptées",
    Stage.RULES: "règles",
    Stage.PRODUCTION: "production",
}


@dataclass(frozen=True)
class CodeEntry:
    """What a user is told about one code."""

    code: str
    stage: Stage
    severity: Severity
    name: str
    summary: str
    explanation: str
    source: str  # the legal text it applies, if any
    example: str
    documentation: str  # the whole text, as ``mpdm explain`` shows it


def _stage_entry(
    stage: Stage,
    code: str,
    name: str,
    summary: str,
    explanation: str,
    example: str,
    severity: Severity = Severity.ERROR,
) -> CodeEntry:
    wrapped = (textwrap.fill(explanation, 88), textwrap.fill(f"Exemple : {example}", 88))
    text = f"{summary}\n\n{wrapped[0]}\n{wrapped[1]}"
    return CodeEntry(code, stage, severity, name, summary, explanation, "", example, text)


# The codes the loading and shape stages report: every one refuses the file (an error).
_STAGE_CODES = (
    _stage_entry(
        Stage.LOADING,
        "Y001",
        "syntaxe-yaml",
        "Le fichier respecte la syntaxe YAML.",
        "Un fichier mal formé ne peut pas être lu : l'endroit indiqué est celui où le lecteur"
        " YAML s'est arrêté (guillemet non fermé, indentation incohérente, « : » en trop).",
        "`nom: Ville de Dijon: centre` (un second « : » sans guillemets).",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y002",
        "cle-en-double",
        "Une clé n'apparaît qu'une fois dans une même table.",
        "YAML garderait en silence la seconde valeur : l'une des deux serait perdue. La"
        " première définition est indiquée.",
        "deux lignes `montant:` dans le même financement.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y003",
        "valeur-yaml",
        "Les valeurs sont des textes, nombres, dates AAAA-MM-JJ ou booléens.",
        "Seuls true et false sont des booléens, les nombres s'écrivent en base 10"
        f" ({MAX_NUMBER_DIGITS} chiffres au plus), les dates au format AAAA-MM-JJ sans heure ;"
        " les étiquettes YAML (`!!…`, `!…`) ne sont pas acceptées. Un identifiant ou une"
        " référence qui ressemble à un nombre s'écrit entre guillemets.",
        "`date: 2024-01-01 10:00`, `montant: !!float 1e3`.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y004",
        "un-seul-document",
        "Un fichier décrit un seul acte (un seul document YAML).",
        "Un séparateur `---` suivi d'un second document ferait ignorer l'un des deux actes.",
        "deux conventions séparées par `---` dans un même fichier.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y005",
        "document-table",
        "Le fichier contient une table de clés, non vide.",
        "Un acte est une table (`type: …`, `id: …`, …) ; un fichier vide, une liste ou un"
        " simple texte ne décrivent aucun acte.",
        "un fichier qui ne contient que des commentaires.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y006",
        "sans-ancre",
        "Les ancres et alias YAML (&, *) ne sont pas acceptés.",
        "Un alias répète une valeur écrite ailleurs : le relecteur ne voit plus ce que l'acte"
        " dit à cet endroit, et un fichier hostile pourrait multiplier les copies à l'infini."
        " Recopiez la valeur.",
        "`nature: *titre` après `titre: &titre Convention de médiation`.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y007",
        "imbrication",
        f"L'imbrication reste raisonnable ({MAX_DEPTH} niveaux au plus).",
        "Aucun acte n'a besoin de plus de quelques niveaux ; une imbrication très profonde"
        " est une erreur de saisie ou un fichier hostile.",
        f"{MAX_DEPTH + 1} listes imbriquées `[[[…]]]`.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y008",
        "encodage-utf8",
        "Le fichier est encodé en UTF-8.",
        "Les accents d'un fichier enregistré en Latin-1 ou en UTF-16 seraient mal lus ; un"
        " caractère de contrôle interdit par YAML est signalé à sa place.",
        "un fichier enregistré en « Windows-1252 » par un ancien éditeur.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y009",
        "fichier-lisible",
        "Le fichier peut être lu.",
        "Fichier absent, droits insuffisants, dossier, tube ou lien vers un fichier hors de"
        " son dossier : rien n'en est lu, et `mpdm validate` sort avec le code 2.",
        "un lien symbolique vers `~/.ssh/id_rsa`.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y010",
        "taille-fichier",
        f"Le fichier ne dépasse pas {MAX_FILE_BYTES // 2**20} Mio.",
        "Un acte fait quelques dizaines de kilo-octets ; un fichier bien plus gros n'est pas"
        " un acte et n'est pas lu.",
        "un export de 50 Mo déposé par erreur dans `conventions/`.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y011",
        "date-possible",
        "Chaque date existe au calendrier.",
        "Une date bien écrite mais impossible est sans doute mal recopiée.",
        "`date: 2023-02-30`.",
    ),
    _stage_entry(
        Stage.LOADING,
        "Y012",
        "cle-texte",
        "Chaque clé est un mot, pas une liste ni une table.",
        "Les clés nomment les champs de l'acte : un nombre, une liste ou une table à la place"
        " d'une clé ne nomme rien.",
        "`1: x` ou `[a, b]: x`.",
    ),
    _stage_entry(
        Stage.SHAPE,
        "S001",
        "champ-obligatoire",
        "Chaque champ obligatoire du type de document est présent.",
        "Les champs obligatoires sont ceux sans lesquels l'acte ne peut être vérifié ni"
        " produit ; `mpdm schema` les décrit pour l'éditeur.",
        "une convention sans `duree`.",
    ),
    _stage_entry(
        Stage.SHAPE,
        "S002",
        "cle-connue",
        "Chaque clé est connue du type de document (pas de faute de frappe).",
        "Une clé inconnue serait ignorée en silence, avec le montant ou la date qu'elle"
        " porte ; la clé connue la plus proche est proposée.",
        "`montnat: 12000` au lieu de `montant: 12000`.",
    ),
    _stage_entry(
        Stage.SHAPE,
        "S003",
        "valeur-valide",
        "Chaque valeur a la forme attendue (texte, nombre, date, liste…).",
        "Chaque champ attend une forme précise : un montant positif en euros et centimes, un"
        " identifiant en minuscules, une valeur parmi une liste fermée, etc.",
        "`categorie: mairie` alors que les valeurs possibles sont commune, association…",
    ),
    _stage_entry(
        Stage.SHAPE,
        "S004",
        "type-document",
        "Le champ type nomme un type de document connu.",
        "Le type dit quel modèle s'applique : organisation, personnes, convention, avenant ou"
        " deliberation.",
        "`type: contrat`.",
    ),
)

# What producing documents and exports can meet once the acts are valid (render, export).
_PRODUCTION_CODES = (
    _stage_entry(
        Stage.PRODUCTION,
        "G001",
        "document-produit",
        "Chaque document demandé est produit (modèle, mise en page, écriture).",
        "Un acte valide peut encore ne pas devenir un document : un modèle de --templates qui"
        " échoue ou sort de son rôle, une mise en page que Typst refuse, un disque plein. Le"
        " document n'est pas écrit ; les autres le sont.",
        "un modèle personnalisé qui cite une variable inexistante.",
    ),
    _stage_entry(
        Stage.PRODUCTION,
        "G002",
        "mise-en-page",
        "La mise en page d'un document se fait sans avertissement.",
        "Typst signale ce qu'il a dû faire faute de mieux (une police absente, un texte qui"
        " déborde) : le document est écrit, mais mérite un regard.",
        "un modèle personnalisé qui demande une police absente.",
        Severity.WARNING,
    ),
    _stage_entry(
        Stage.PRODUCTION,
        "E001",
        "donnees-export",
        "Les données qu'un format ouvert exige sont dans les actes (SIRET, dates…).",
        "Le SCDL exige par exemple le SIRET de chaque collectivité et bénéficiaire et la date"
        " de chaque convention : un export incomplet n'est pas écrit, pour ne jamais publier"
        " de données fausses.",
        "une association sans `siret:`.",
    ),
)


def rule_entry(rule: Rule) -> CodeEntry:
    """A rule's entry, read from its docstring: statement, explanation, then « Exemple : »."""
    summary, _, rest = rule.documentation.partition("\n")
    explanation, marker, example = rest.strip().partition("Exemple :")
    return CodeEntry(
        rule.code,
        rule.stage,
        rule.severity,
        rule.name,
        summary.strip(),
        " ".join(explanation.split()),
        rule.source,
        " ".join(example.split()) if marker else "",
        rule.documentation,
    )


@functools.cache
def entries() -> tuple[CodeEntry, ...]:
    """Every code, in the order of the pipeline: loading, shape, the rules, then what making
    documents and exports can meet."""
    from mpdm_cli.checks import RULES  # the rules import this module's dependencies

    return (*_STAGE_CODES, *(rule_entry(rule) for rule in RULES), *_PRODUCTION_CODES)


def lookup(code: str) -> CodeEntry | None:
    """The entry of ``code`` (any case, surrounding spaces ignored), if it exists."""
    wanted = code.strip().upper()
    return next((entry for entry in entries() if entry.code == wanted), None)


def known_codes() -> frozenset[str]:
    return frozenset(entry.code for entry in entries())


def stage_of(code: str) -> Stage | None:
    """The stage that reports ``code``; the loading and shape codes without the rules."""
    found = next((entry for entry in _STAGE_CODES if entry.code == code), None) or lookup(code)
    return found.stage if found is not None else None


def markdown_table(stage: Stage | None = None) -> str:
    """One row per code: code, stage, severity, name, statement (the README's table)."""
    lines = ["| Code | Étape | Gravité | Nom | Énoncé |", "| --- | --- | --- | --- | --- |"]
    for entry in entries():
        if stage is None or entry.stage is stage:
            summary = entry.summary.replace("|", "\\|")
            lines.append(
                f"| {entry.code} | {STAGE_LABELS[entry.stage]} | {entry.severity.value}"
                f" | `{entry.name}` | {summary} |"
            )
    return "\n".join(lines) + "\n"
