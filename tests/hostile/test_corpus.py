"""Hostile inputs: each one gets its exact diagnostics and exit code, never an internal error.

Every case runs ``mpdm validate --format json base/ INPUT`` in process: ``base/`` holds the
organisations and people the acts refer to, so only the input's own problems show. Plain
text inputs are files in ``cases/``; binary, huge, link and special inputs are built in a
temporary folder by the case itself.
"""

from __future__ import annotations

import errno
import os
import random
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.conftest import BASE, HERE, SEED, Mpdm

Build = Callable[[Path, pytest.MonkeyPatch], Path]
Found = tuple[tuple[str, int, int], ...]

ORG = "type: organisation\nid: {id}\nnom: {nom}\ncategorie: commune\n"
"""A minimal organisation: its id is line 2 column 5, its name line 3 column 6."""


@dataclass(frozen=True)
class Case:
    name: str
    build: Build
    expected: Found
    exit: int


# --- builders ---------------------------------------------------------------------------


COMMITTED: set[str] = set()


def committed(name: str) -> Build:
    path = HERE / "cases" / name
    assert path.is_file(), path
    COMMITTED.add(name)
    return lambda _tmp, _mp: path


def raw(content: bytes, name: str = "entree.yaml") -> Build:
    def build(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
        path = tmp / name
        path.write_bytes(content)
        return path

    return build


def org(identifier: str = "ville-test", nom: str = "Ville") -> Build:
    return raw(ORG.format(id=identifier, nom=nom).encode())


def seed(old: str, new: str) -> Build:
    """The seed act with the first ``old`` replaced by ``new``."""
    assert SEED.count(old) >= 1, old
    return raw(SEED.replace(old, new, 1).encode())


def nested(depth: int) -> Build:
    return raw(f"type: organisation\nid: ville\nadresse: {'[' * depth}{']' * depth}\n".encode())


def huge(megabytes: int) -> Build:
    def build(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
        path = tmp / "enorme.yaml"
        with path.open("wb") as stream:
            stream.write(b"type: organisation\nid: ville\nnom: ")
            chunk = b"x" * (1024 * 1024)
            for _ in range(megabytes):
                stream.write(chunk)
            stream.write(b"\ncategorie: commune\n")
        return path

    return build


def many_lines(line: Callable[[int], str], count: int = 20_000) -> Build:
    """An organisation followed by ``count`` generated lines (a flood of problems)."""
    lines = "".join(line(i) + "\n" for i in range(count))
    return raw((ORG.format(id="ville-inondee", nom="Ville") + lines).encode())


def folder_named_yaml(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    folder = tmp / "actes.yaml"
    folder.mkdir()
    (folder / "ville.yaml").write_text(ORG.format(id="ville-x", nom="X") + "categorie: etat\n")
    (folder / "vide.yaml").mkdir()  # a folder with a YAML name inside it too
    return folder


def symlink_loop(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    (tmp / "a.yaml").symlink_to(tmp / "b.yaml")
    (tmp / "b.yaml").symlink_to(tmp / "a.yaml")
    return tmp / "a.yaml"


def symlink_loop_in_tree(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    tree = tmp / "arbre"
    tree.mkdir()
    (tree / "boucle.yaml").symlink_to("boucle.yaml")
    (tree / "parent").symlink_to("..")  # a link to a folder above: not followed
    return tree


def link_to_a_secret(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    """A repository whose act is a link to a file outside its folder (a CI secret)."""
    folder = tmp / "depot" / "conventions"
    folder.mkdir(parents=True)
    (tmp / "depot" / ".env").write_text("type: organisation\nmot_de_passe: hunter2\n")
    (folder / "acte.yaml").symlink_to("../.env")
    return folder


def link_within_its_folder(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    folder = tmp / "depot"
    folder.mkdir()
    (folder / "ville.txt").write_text(ORG.format(id="ville-liee", nom="Ville"))
    (folder / "ville.yaml").symlink_to("ville.txt")
    return folder


def dangling_symlink(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    (tmp / "lien.yaml").symlink_to(tmp / "disparu.yaml")
    return tmp / "lien.yaml"


def unreadable(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp / "secret.yaml"
    path.write_text(ORG.format(id="ville", nom="Ville"))
    path.chmod(0)
    if os.access(path, os.R_OK):
        # Running as root: chmod 000 does not stop reading, so the refusal is simulated
        # where the loader opens the file.
        real_open = os.open

        def refusing_open(target: str | os.PathLike[str], *args: int) -> int:
            if Path(target) == path:
                raise PermissionError(errno.EACCES, "Permission denied", str(target))
            return real_open(target, *args)

        monkeypatch.setattr(os, "open", refusing_open)
    return path


def fifo(tmp: Path, _mp: pytest.MonkeyPatch) -> Path:
    path = tmp / "tube.yaml"
    os.mkfifo(path)
    return path


def random_bytes(tmp: Path, mp: pytest.MonkeyPatch) -> Path:
    noise = random.Random(20261123).randbytes(4096)
    return raw(b"type: organisation\nid: ville\nnom: " + noise)(tmp, mp)


# The seed act is valid; rule B007 warns that no délibération in base/ authorises its two
# financing lines (warnings do not fail the run).
SEED_WARNINGS: Found = (("B007", 44, 14), ("B007", 52, 14))
LONG_ID = "ville-" + "x" * 494
MEGA = "é" * (512 * 1024)  # 1 MiB of UTF-8 in one value


CASES = [
    # --- encodings and bytes
    Case(
        "utf-8-invalide",
        raw(ORG.format(id="ville", nom="Caf\xe9").encode("latin-1")),
        (("Y008", 3, 9),),
        1,
    ),
    Case(
        "utf-16-le-bom",
        raw(ORG.format(id="ville", nom="Ville").encode("utf-16")),
        (("Y008", 1, 1),),
        1,
    ),
    Case(
        "utf-16-be-bom",
        raw(b"\xfe\xff" + ORG.format(id="v", nom="V").encode("utf-16-be")),
        (("Y008", 1, 1),),
        1,
    ),
    Case(
        "utf-16-sans-bom",
        raw(ORG.format(id="v", nom="V").encode("utf-16-le")),
        (("Y008", 1, 2),),
        1,
    ),
    Case(
        "utf-8-bom-accepte",
        raw(b"\xef\xbb\xbf" + ORG.format(id="ville-bom", nom="Ville").encode()),
        (),
        0,
    ),
    Case(
        "crlf-accepte",
        raw(ORG.format(id="ville-crlf", nom="Ville").replace("\n", "\r\n").encode()),
        (),
        0,
    ),
    Case(
        "crlf-cle-en-double",
        raw(b"type: organisation\r\nid: ville-crlf\r\nnom: V\r\ncategorie: commune\r\nnom: W\r\n"),
        (("Y002", 5, 1),),
        1,
    ),
    Case(
        "fins-de-ligne-melangees",
        raw(b"type: organisation\r\nid: ville-fins\nnom: V\rcategorie: commune\r\nnom: W\n"),
        (("Y002", 5, 1),),
        1,
    ),
    Case(
        "separateur-de-ligne-unicode",
        raw(
            "type: organisation\u2028id: ville-ls\nnom: V\x85categorie: commune\nnom: W\n".encode()
        ),
        (("Y002", 5, 1),),
        1,
    ),
    Case("tabulation-indentation", committed("tab-indentation.yaml"), (("Y001", 6, 1),), 1),
    Case(
        "octet-nul",
        raw(b"type: organisation\nid: ville\nnom: Vi\x00lle\ncategorie: commune\n"),
        (("Y008", 3, 8),),
        1,
    ),
    Case(
        "caractere-echappement-brut",
        raw(b"type: organisation\nid: ville\nnom: \x1b[31mV\ncategorie: commune\n"),
        (("Y008", 3, 6),),
        1,
    ),
    Case("octets-aleatoires", random_bytes, (("Y008", 3, 6),), 1),
    # Control characters written by an escape sequence, and bidirectional controls.
    Case("echappement-esc", org(nom='"\\e[31mVille"'), (("Y008", 3, 6),), 1),
    Case("echappement-hexa-esc", org(nom='"V\\x1b[2J"'), (("Y008", 3, 6),), 1),
    Case("echappement-nul", org(nom='"V\\0"'), (("Y008", 3, 6),), 1),
    Case("echappement-c1", org(nom='"V\\N"'), (("Y008", 3, 6),), 1),
    Case("echappement-bidi", org(nom='"120 000 \\u202e€"'), (("Y008", 3, 6),), 1),
    Case(
        "echappement-dans-une-cle",
        raw(b'type: organisation\nid: ville\nnom: V\ncategorie: commune\n"a\\eb": 1\n'),
        (("Y008", 5, 1),),
        1,
    ),
    Case("bidi-brut", org(nom="Ville \u202e000 021"), (("Y008", 3, 12),), 1),
    Case(
        "isolat-bidi-brut",
        raw(f"# \u2066x\u2069\n{ORG.format(id='v', nom='V')}".encode()),
        (("Y008", 1, 3),),
        1,
    ),
    Case(
        "typographie-francaise-acceptee",
        org("ville-typo", '"Ville\u00a0: «\u202fl’été\u202f» \\t\\r\\_fin"'),
        (),
        0,
    ),
    # --- structure
    Case("fichier-vide", committed("empty.yaml"), (("Y005", 1, 1),), 1),
    Case("commentaires-seuls", committed("comments-only.yaml"), (("Y005", 1, 1),), 1),
    Case("liste-au-sommet", committed("top-level-list.yaml"), (("Y005", 1, 1),), 1),
    Case("valeur-au-sommet", committed("top-level-scalar.yaml"), (("Y005", 1, 1),), 1),
    Case("plusieurs-documents", committed("several-documents.yaml"), (("Y004", 6, 1),), 1),
    Case(
        "cles-en-double-a-chaque-profondeur",
        committed("duplicate-keys.yaml"),
        (  # D005 and P001 are rules: no signature, a breakdown of 6 for 9 people
            ("D005", 3, 5),
            ("Y002", 9, 5),
            ("Y002", 13, 3),
            ("P001", 18, 15),
            ("Y002", 21, 11),
            ("Y002", 22, 1),
        ),
        1,
    ),
    Case(
        "ancres-et-alias",
        committed("anchors-aliases.yaml"),
        (("Y006", 5, 9), ("Y006", 10, 5), ("S002", 11, 5), ("Y006", 11, 9)),
        1,
    ),
    Case(
        "billion-laughs",
        committed("billion-laughs.yaml"),
        (
            ("S003", 7, 3),  # « adresse » is text, not a table
            ("Y006", 8, 12),
            ("Y006", 8, 16),
            ("Y006", 8, 20),
            ("Y006", 8, 24),
            ("Y006", 8, 28),
            ("Y006", 8, 32),
            ("Y006", 8, 36),
            ("Y006", 8, 40),
            ("Y006", 8, 44),
            ("Y006", 9, 12),
            ("Y006", 9, 17),
        ),
        1,
    ),
    Case(  # 800 kB of aliases side by side: each must be located in constant time
        "200-000-alias-a-plat",
        raw(
            b"type: organisation\nid: ville\nnom: &n V\ncategorie: commune\nadresse: ["
            + b", ".join([b"*n"] * 200_000)
            + b"]\n"
        ),
        # « adresse » is text, not a list; then the first aliases.
        (("S003", 5, 10), *(("Y006", 5, column) for column in range(11, 52, 4))),
        1,
    ),
    Case(
        "alias-non-defini",
        raw(b"type: organisation\nid: ville\nnom: *nom\ncategorie: commune\n"),
        (("Y001", 3, 6),),
        1,
    ),
    Case("imbrication-10-000", nested(10_000), (("Y007", 3, 59),), 1),
    Case("imbrication-100-000", nested(100_000), (("Y007", 3, 59),), 1),
    Case(
        "imbrication-100-000-tirets",
        raw(b"type: organisation\nid: ville\nadresse:\n" + b"- " * 100_000 + b"x\n"),
        (("Y007", 4, 99),),
        1,
    ),
    Case("fichier-de-50-mo", huge(50), (("Y010", 1, 1),), 1),
    Case(
        "20-000-cles-inconnues",
        many_lines(lambda i: f"cle{i}: {i}"),
        (*((("S002", line, 1)) for line in range(5, 105)), ("S002", 105, 1)),
        1,
    ),
    Case(
        "20-000-cles-en-double",
        many_lines(lambda i: "nom: Ville"),
        (*((("Y002", line, 1)) for line in range(5, 105)), ("Y002", 105, 1)),
        1,
    ),
    Case(
        "etiquettes-yaml",
        committed("yaml-tags.yaml"),
        (
            ("Y003", 4, 6),
            ("Y003", 5, 8),
            ("Y003", 7, 10),
            ("Y003", 8, 16),
            ("Y003", 9, 12),
            ("Y003", 10, 8),
        ),
        1,
    ),
    Case(
        "cles-non-textuelles",
        committed("non-string-keys.yaml"),
        (
            ("Y012", 5, 1),
            ("Y012", 6, 1),
            ("Y012", 7, 1),
            ("Y012", 8, 3),
            ("Y012", 10, 1),
            ("Y012", 11, 1),
        ),
        1,
    ),
    # --- numbers
    Case(
        "entier-de-5000-chiffres",
        seed("montant: 220000", "montant: " + "9" * 5000),
        (("Y003", 44, 14),),
        1,
    ),
    Case(
        "effectif-de-5000-chiffres",
        seed("nombre: 9", "nombre: " + "1" * 5000),
        (("Y003", 66, 15),),
        1,
    ),
    Case("montant-nan", seed("montant: 220000", "montant: .nan"), (("S003", 44, 14),), 1),
    Case("montant-inf", seed("montant: 220000", "montant: -.inf"), (("S003", 44, 14),), 1),
    Case(
        "montant-trois-decimales",
        seed("montant: 30500.50", "montant: 30500.505"),
        (("S003", 52, 14),),
        1,
    ),
    Case(
        "montant-avec-espaces", seed("montant: 220000", "montant: 220 000"), (("S003", 44, 14),), 1
    ),
    Case(
        "montant-avec-virgule",
        seed("montant: 30500.50", "montant: 30500,50"),
        (("S003", 52, 14),),
        1,
    ),
    Case("montant-1e3", seed("montant: 220000", "montant: 1e3"), (("S003", 44, 14),), 1),
    Case("montant-avec-euro", seed("montant: 220000", "montant: 220000 €"), (("S003", 44, 14),), 1),
    Case("effectif-octal-010", seed("nombre: 9", "nombre: 010"), (("S003", 66, 15),), 1),
    Case("effectif-hexa-0x1F", seed("nombre: 9", "nombre: 0x1F"), (("S003", 66, 15),), 1),
    Case("effectif-1_000", seed("nombre: 9", "nombre: 1_000"), (("S003", 66, 15),), 1),
    Case("effectif-sexagesimal-1:30", seed("nombre: 9", "nombre: 1:30"), (("S003", 66, 15),), 1),
    Case("effectif-plus-9", seed("nombre: 9", "nombre: +9"), SEED_WARNINGS, 0),
    Case("age-moins-zero", seed("age_min: 9", "age_min: -0"), SEED_WARNINGS, 0),
    Case(
        "annee-octale",
        seed("annees: [2022, 2023, 2024]", "annees: [2022, 02023, 2024]"),
        (("S003", 46, 20),),
        1,
    ),
    # --- dates
    Case("date-impossible", seed("date: 2021-12-21", "date: 2021-02-30"), (("Y011", 107, 9),), 1),
    Case("date-non-iso", seed("date: 2021-12-21", "date: 21/12/2021"), (("S003", 107, 9),), 1),
    Case(
        "date-heure", seed("date: 2021-12-21", "date: 2021-12-21T10:00:00"), (("S003", 107, 9),), 1
    ),
    Case(
        "date-heure-espace",
        seed("date: 2021-12-21", "date: 2021-12-21 10:00:00"),
        (("S003", 107, 9),),
        1,
    ),
    Case(
        "date-etiquette-timestamp",
        seed("date: 2021-12-21", "date: !!timestamp 2021-12-21T10:00:00"),
        (("Y003", 107, 9),),
        1,
    ),
    # --- booleans and look-alikes
    Case("booleen-yes", seed("conditionnel: false", "conditionnel: yes"), (("S003", 84, 19),), 1),
    Case("booleen-off", seed("conditionnel: false", "conditionnel: off"), (("S003", 84, 19),), 1),
    Case("booleen-n", seed("conditionnel: false", "conditionnel: n"), (("S003", 84, 19),), 1),
    Case("booleen-on", seed("conditionnel: false", "conditionnel: on"), (("S003", 84, 19),), 1),
    Case("booleen-y", seed("conditionnel: false", "conditionnel: y"), (("S003", 84, 19),), 1),
    Case("booleen-NO", seed("conditionnel: false", "conditionnel: NO"), (("S003", 84, 19),), 1),
    Case(
        "booleen-true-accepte", seed("conditionnel: false", "conditionnel: True"), SEED_WARNINGS, 0
    ),
    Case("texte-no", seed("lieu: Dijon", "lieu: no"), SEED_WARNINGS, 0),
    Case("texte-yes", seed("lieu: Dijon", "lieu: yes"), SEED_WARNINGS, 0),
    Case("texte-on", seed("lieu: Dijon", "lieu: on"), SEED_WARNINGS, 0),
    Case("nom-off-reste-un-texte", org(nom="off"), (), 0),
    # --- identifiers
    Case("id-avec-barre", org("ville/dijon"), (("S003", 2, 5),), 1),
    Case("id-point-point", org("../../etc/passwd"), (("S003", 2, 5),), 1),
    # A control character written by an escape: refused as such when loading (Y008).
    Case("id-nul-echappe", org('"ville\\0dijon"'), (("Y008", 2, 5),), 1),
    Case("id-controle-echappe", org('"ville\\e[2Jdijon"'), (("Y008", 2, 5),), 1),
    Case("id-largeur-nulle", org('"ville\\u200bdijon"'), (("S003", 2, 5),), 1),
    Case("id-de-500-caracteres", org(LONG_ID), (("S003", 2, 5),), 1),
    Case(
        "reference-point-point",
        seed("  - organisation: ville\n", "  - organisation: ../ville\n"),
        (("S003", 15, 19),),
        1,
    ),
    Case("texte-de-1-mo", org(nom=MEGA), (), 0),
    Case(
        "type-de-100-ko",
        raw(("type: " + "x" * 100_000 + "\nid: v\n").encode()),
        (("S004", 1, 7),),
        1,
    ),
    Case("id-de-1-mo", org('"' + MEGA + '"'), (("S003", 2, 5),), 1),
    # --- the file system
    Case("dossier-nomme-x-yaml", folder_named_yaml, (("Y002", 5, 1),), 1),
    Case("boucle-de-liens", symlink_loop, (("Y009", 1, 1),), 2),
    Case("boucle-de-liens-dans-un-dossier", symlink_loop_in_tree, (("Y009", 1, 1),), 2),
    Case("lien-vers-un-secret-hors-du-dossier", link_to_a_secret, (("Y009", 1, 1),), 2),
    Case("lien-dans-son-dossier-suivi", link_within_its_folder, (), 0),
    Case("lien-casse", dangling_symlink, (("Y009", 1, 1),), 2),
    Case("fichier-illisible", unreadable, (("Y009", 1, 1),), 2),
    Case("tube-nomme", fifo, (("Y009", 1, 1),), 2),
]


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging forever if an input blocks the run (a FIFO, /dev/zero) or
    takes unreasonably long. A hang guard, not a speed target: speed is measured by the
    benchmark, on a quiet machine, never by a test."""

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError("mpdm validate blocked on a hostile input")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mpdm: Mpdm, alarm: None
) -> None:
    target = case.build(tmp_path, monkeypatch)
    run = mpdm(BASE, target)
    assert run.err == ""
    assert run.code == case.exit
    assert tuple(run.found(target)) == case.expected
    assert run.found(BASE) == []
    assert all(len(d["message"]) < 400 for d in run.report["diagnostics"])


def test_corpus_is_large_and_every_committed_input_is_used() -> None:
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)
    assert {path.name for path in (HERE / "cases").iterdir()} == COMMITTED
