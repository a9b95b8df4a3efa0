"""The acts shipped in conventions/ load cleanly and hold what the signed documents say."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from mpdm_cli.models import Avenant, Convention, Deliberation, Organisation, People
from mpdm_cli.models.deliberation import Absent, Present
from mpdm_cli.pipeline.validation import Outcome, validate

ROOT = Path(__file__).resolve().parent.parent / "conventions"


def _outcome() -> Outcome:
    return validate([ROOT])


def test_no_yaml_shape_or_reference_diagnostic() -> None:
    outcome = _outcome()
    bad = [d for d in outcome.diagnostics if d.code.startswith(("Y", "S", "R"))]
    assert bad == []
    assert len(outcome.repository.entries) == len(outcome.files)


def test_expected_documents() -> None:
    repository = _outcome().repository
    kinds = Counter(entry.document.type for entry in repository.entries)
    assert kinds == {
        "personnes": 1,
        "organisation": 5,
        "deliberation": 1,
        "avenant": 1,
        "convention": 6,
    }
    assert {o.id for _, o in repository.of_type(Organisation)} == {
        "etat",
        "dijon-metropole",
        "ville-de-dijon",
        "ville-de-chenove",
        "mpdm",
    }
    conventions = [c for _, c in repository.of_type(Convention)]
    assert all(c.partial and c.source for c in conventions)


def test_deliberation_attendance() -> None:
    repository = _outcome().repository
    [(_, deliberation)] = list(repository.of_type(Deliberation))
    present = deliberation.present.members
    absent = deliberation.absent.members
    assert deliberation.present.count == len(present) == 64
    assert deliberation.absent.count is None  # the extract does not state it
    assert len(absent) == 22
    proxies = [a for a in absent if isinstance(a, Absent) and a.proxy_to]
    assert deliberation.proxies == len(proxies) == 19
    substitutes = [p for p in present if isinstance(p, Present) and p.substitute_for]
    assert [(p.person, p.substitute_for) for p in substitutes] == [
        ("patricia-begin", "laurent-gobet")
    ]
    assert len(deliberation.decisions) == 5
    vote = deliberation.vote
    assert (vote.for_, vote.against, vote.abstention, vote.not_voting) == (74, 0, 5, 4)


def test_people_cover_the_council() -> None:
    repository = _outcome().repository
    [(_, people)] = list(repository.of_type(People))
    ids = {p.id for p in people.people}
    assert len(ids) == len(people.people) == 89  # 86 members, 1 substitute, 2 signatories
    assert {"laurent-gobet", "massar-ndiaye", "franck-robine", "michel-deutch"} <= ids


def test_avenant_articles() -> None:
    repository = _outcome().repository
    [(_, avenant)] = list(repository.of_type(Avenant))
    numbers = [a.number for a in avenant.articles]
    assert len(numbers) == 17
    assert numbers[7:11] == ["8", "8 bis", "8 ter", "8 quater"]
    assert len(avenant.visas) == 9
    assert avenant.signature is not None and avenant.signature.date is None
    assert len(avenant.signature.signatories) == 4
