"""The benchmark: mpdm next to its floor and its peer, on the same generated files, in one run.

``python -m benchmarks.run [--quick]`` (from the repository root, with ``.[bench]``
installed). For N = 1 000 and 10 000 acts (``--quick``: 1 000 only) it generates a
repository (benchmarks/generate.py) and measures:

- ``mpdm validate`` on it: wall time, peak RSS of the largest process
  (``getrusage(RUSAGE_CHILDREN)``) and of the whole process tree (sampled);
- the floor: the same files parsed with PyYAML's ``CSafeLoader`` only, in one process;
- the peer: ``check-jsonschema`` against mpdm's JSON Schemas (from ``mpdm schema`` when
  the command exists, else derived from the models), schema checks only;
- start-up: ``mpdm --version`` next to ``python -c pass``; ``mpdm validate`` on one shipped
  act in a fresh process (the pre-commit case: validate reads the act's whole repository,
  here the small ``conventions/``) next to ``check-jsonschema`` on the same file; and one act
  inside the generated 1 000-act repository (what a user of a big archive sees);
- ``mpdm render``, when the command exists: one convention (md and pdf), the shipped acts
  (``conventions/``, pdf) and many acts (a generated repository of ``RENDER_ACTS`` acts, pdf):
  wall time, ms per PDF and CPU ÷ wall (the use of every core), next to the same run held to
  one core with ``taskset``.

It prints the ratios and writes benchmarks/RESULTS.md with the machine described, followed
by the figures of the previous release (benchmarks/BEFORE.md, kept as that run wrote them:
a resident process and forked workers, both since removed) and a table of both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.generate import generate

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BEFORE = ROOT / "benchmarks" / "BEFORE.md"
# The pre-commit case: one act of the shipped repository, validated in a fresh process.
ONE_FILE = sorted((ROOT / "conventions" / "avenants").glob("*.yaml"))[0]
ONE_FILE_KIND = "avenant"
BIG_REPO_ACTS = 1000  # one act validated inside the generated repository of this size
KIND_FOLDERS = {
    "personnes": ["personnes.yaml"],
    "organisation": ["organisations"],
    "convention": ["conventions"],
    "avenant": ["avenants"],
    "deliberation": ["deliberations"],
}
RENDER_ACTS = 300  # acts of the generated repository rendered to PDF (≈ 350 PDFs)
# The targets of issue 12, by ratio name (a name ending in ``_`` covers every size): the
# validate ones are set at 10 000 acts, where start-up no longer weighs.
TARGETS = {
    "validate_vs_floor_10000": 1.5,  # in one process
    "rss_mb_10000": 300.0,
    "tree_mb_10000": 300.0,
    "validate_vs_peer_": 1 / 5,
    "version_vs_bare": 1.5,
    "one_file_cold_vs_peer": 0.6,
    "render_ms_per_pdf": 25.0,
    "render_cores": 1.5,  # at least: CPU ÷ wall
}


@dataclass
class Row:
    label: str
    wall: float | None  # seconds (median); None: not measured (n/a)
    maxrss_mb: float | None = None
    tree_mb: float | None = None
    cpu: float | None = None  # user + system seconds of the process tree (median)
    note: str = ""
    pdfs: int | None = None  # PDFs written (rendering many acts)


@dataclass
class Report:
    machine: dict[str, str] = field(default_factory=dict)
    sizes: dict[int, list[Row]] = field(default_factory=dict)
    startup: list[Row] = field(default_factory=list)
    render: list[Row] = field(default_factory=list)
    many: list[Row] = field(default_factory=list)  # rendering RENDER_ACTS acts
    many_cores: float | None = None  # cores two busy processes got just before
    one_in_big: Row | None = None  # one act validated inside the BIG_REPO_ACTS repository
    ratios: dict[str, float] = field(default_factory=dict)
    load: list[float] = field(default_factory=list)
    cores: list[float] = field(default_factory=list)


def _measure(command: list[str], cwd: Path | None = None) -> dict[str, Any]:
    """One run of ``command`` in a fresh measuring process (so RUSAGE_CHILDREN is its own)."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.measure", "--", *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _row(label: str, runs: list[dict[str, Any]]) -> Row:
    codes = {r["rc"] for r in runs}
    note = "" if codes == {0} else f"code de sortie {sorted(codes)} : {runs[-1]['stderr'][-200:]}"
    return Row(
        label,
        statistics.median(r["wall"] for r in runs),
        max(r["maxrss_mb"] for r in runs),
        max(r["tree_mb"] for r in runs),
        statistics.median(r["cpu"] for r in runs),
        note,
    )


def _effective_cores(python: str) -> float:
    """How many cores two busy processes get now: 2.0 on an idle 2-core machine, less when
    other work shares it (mpdm's workers then gain less over the one-process floor)."""
    burn = ["-c", "s = 0\nfor i in range(15_000_000): s += i"]
    started = time.perf_counter()
    subprocess.run([python, *burn], check=True)
    one = time.perf_counter() - started
    started = time.perf_counter()
    for process in [subprocess.Popen([python, *burn]) for _ in range(2)]:
        process.wait()
    return 2 * one / (time.perf_counter() - started)


def _interleaved(commands: dict[str, list[str]], repeat: int) -> list[Row]:
    """Each command ``repeat`` times, taking turns: a busy spell of the machine then weighs
    on all of them alike, which keeps their ratios honest on a shared machine."""
    runs: dict[str, list[dict[str, Any]]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, command in commands.items():
            runs[label].append(_measure(command))
    return [_row(label, found) for label, found in runs.items()]


def _startup(
    label: str,
    command: list[str],
    repeat: int,
    accept: tuple[int, ...] = (0,),
) -> Row:
    """Median wall time of many short runs (no memory: the process is too short to sample)."""
    return _startups({label: command}, repeat, accept)[0]


def _startups(
    commands: dict[str, list[str]], repeat: int, accept: tuple[int, ...] = (0,)
) -> list[Row]:
    """Short runs of each command, taking turns as ``_interleaved`` does: the start-up
    ratios compare commands timed under the same load."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    codes: dict[str, int] = dict.fromkeys(commands, 0)
    for _ in range(repeat):
        for label, command in commands.items():
            started = time.perf_counter()
            codes[label] = subprocess.run(command, capture_output=True, check=False).returncode
            times[label].append(time.perf_counter() - started)
    return [
        Row(
            label,
            statistics.median(times[label]),
            note="" if codes[label] in accept else f"code de sortie {codes[label]}",
        )
        for label in commands
    ]


def _has_command(mpdm: str, name: str) -> bool:
    done = subprocess.run([mpdm, name, "--help"], capture_output=True, check=False)
    return done.returncode == 0


def _schemas(mpdm: str, target: Path) -> str:
    """JSON Schemas, one per kind, in ``target``; says where they come from."""
    target.mkdir(parents=True, exist_ok=True)
    if _has_command(mpdm, "schema"):
        done = subprocess.run(
            [mpdm, "schema", "--output", str(target)], capture_output=True, check=False
        )
        if done.returncode == 0 and all(
            (target / f"{kind}.schema.json").is_file() for kind in KIND_FOLDERS
        ):
            return "mpdm schema"
    from mpdm_cli.models import DOCUMENT_TYPES

    for kind, model in DOCUMENT_TYPES.items():
        schema = model.model_json_schema(by_alias=True)
        (target / f"{kind}.schema.json").write_text(json.dumps(schema, ensure_ascii=False))
    return "modèles (model_json_schema)"


def _peer(checker: str, schemas: Path, repo: Path) -> dict[str, Any]:
    """check-jsonschema once per document kind, each on every file of that kind."""
    total: dict[str, Any] = {"wall": 0.0, "maxrss_mb": 0.0, "tree_mb": 0.0, "cpu": 0.0, "rc": 0}
    for kind, places in KIND_FOLDERS.items():
        files: list[str] = []
        for place in places:
            path = repo / place
            if path.is_dir():
                files.extend(str(p.relative_to(repo)) for p in sorted(path.glob("*.yaml")))
            elif path.is_file():
                files.append(place)
        if not files:
            continue
        schema = str(schemas / f"{kind}.schema.json")
        run = _measure([checker, "--schemafile", schema, *files], cwd=repo)
        total["wall"] += run["wall"]
        total["cpu"] += run["cpu"]
        total["maxrss_mb"] = max(total["maxrss_mb"], run["maxrss_mb"])
        total["tree_mb"] = max(total["tree_mb"], run["tree_mb"])
        total["rc"] = max(total["rc"], run["rc"])
    return total


def machine(mpdm: str) -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    versions = []
    for package in (
        "mpdm",
        "PyYAML",
        "pydantic",
        "pydantic-core",
        "typer",
        "rich",
        "jinja2",
        "typst",
        "check-jsonschema",
        "ruamel.yaml",
    ):
        try:
            versions.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    import yaml

    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "system": platform.platform(),
        "python": platform.python_version(),
        "libyaml": str(getattr(yaml, "__with_libyaml__", False)),
        "packages": ", ".join(versions),
        "mpdm": mpdm,
    }


def _compile_mpdm() -> None:
    """Byte-compile mpdm as ``pip install`` does: an editable install is not, and with
    PYTHONDONTWRITEBYTECODE set every run would compile the package again (~0.2 s)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("mpdm_cli")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=1)


def run(
    sizes: list[int], repeat: int, startup_runs: int, mpdm: str, work: Path, peer: bool = True
) -> Report:
    _compile_mpdm()
    report = Report(machine(mpdm))
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    schemas = work / "schemas"
    origin = _schemas(mpdm, schemas)
    python = sys.executable
    say: Callable[[str], None] = lambda text: print(text, file=sys.stderr, flush=True)  # noqa: E731

    small = work / "small"
    generate(12).write(small)
    one_file = sorted((small / "conventions").glob("*.yaml"))[0]  # rendered below
    one_file_runs = max(5, startup_runs // 3)

    for size in sizes:
        repo = work / f"n{size}"
        say(f"génération de {size} actes…")
        generated = generate(size)
        generated.write(repo)
        files = len(generated.files)
        del generated
        report.cores.append(_effective_cores(python))
        say(f"mpdm validate et plancher, {repeat} fois chacun")
        rows = _interleaved(
            {
                f"mpdm validate ({files} fichiers)": [mpdm, "validate", str(repo)],
                "plancher : CSafeLoader seul, 1 processus": [
                    python,
                    "-m",
                    "benchmarks.floor",
                    str(repo),
                ],
            },
            repeat,
        )
        report.load.append(os.getloadavg()[0])
        if not peer:
            rows.append(Row("check-jsonschema", None, note="non mesuré (--no-peer)"))
        elif checker is None:
            rows.append(Row("check-jsonschema", None, note="non installé (pip install .[bench])"))
        else:
            say(f"check-jsonschema ({origin})")
            measured = _peer(checker, schemas, repo)
            note = "" if measured["rc"] == 0 else f"code de sortie {measured['rc']}"
            rows.append(
                Row(
                    f"check-jsonschema, schémas : {origin}",
                    measured["wall"],
                    measured["maxrss_mb"],
                    measured["tree_mb"],
                    measured["cpu"],
                    note,
                )
            )
            if origin != "mpdm schema":
                rows.append(Row("check-jsonschema, schémas : mpdm schema", None, note="n/a"))
        report.sizes[size] = rows
        if size == BIG_REPO_ACTS:
            say(f"un acte dans le dépôt de {size} actes")
            inside = sorted((repo / "avenants").glob("*.yaml"))[0]
            report.one_in_big = _startup(
                f"mpdm validate {inside.name} (un acte du dépôt généré de {files} fichiers,"
                " vérifié dans ce dépôt), nouveau processus",
                [mpdm, "validate", str(inside)],
                max(3, one_file_runs // 2),
                accept=(0, 1),
            )
        shutil.rmtree(repo)

    say("démarrage")
    validate_one = [mpdm, "validate", str(ONE_FILE)]
    shipped_files = len(list((ROOT / "conventions").rglob("*.yaml")))
    # pip's launcher script (``bin/mpdm``) imports ``re`` before it calls mpdm: that is the
    # least any console script costs, next to a bare interpreter.
    report.startup = _startups(
        {
            "python -c pass": [python, "-c", "pass"],
            "python -c 'import re' (ce que le lanceur de pip fait avant mpdm)": [
                python,
                "-c",
                "import re",
            ],
            "mpdm --version": [mpdm, "--version"],
        },
        startup_runs,
    )
    one_file_rows = {
        f"mpdm validate conventions/avenants/{ONE_FILE.name} (un acte livré, vérifié dans"
        f" conventions/ : {shipped_files} fichiers), nouveau processus": validate_one,
    }
    if checker:
        one_file_rows[f"check-jsonschema sur ce fichier (schéma {ONE_FILE_KIND})"] = [
            checker,
            "--schemafile",
            str(schemas / f"{ONE_FILE_KIND}.schema.json"),
            str(ONE_FILE),
        ]
    report.startup += _startups(one_file_rows, one_file_runs)
    if not checker:
        report.startup.append(Row("check-jsonschema sur ce fichier", None, note="non installé"))
    report.startup.append(
        report.one_in_big
        or Row(f"mpdm validate d'un acte du dépôt de {BIG_REPO_ACTS} actes", None, note="n/a")
    )
    if _has_command(mpdm, "render"):
        say("rendu")
        convention_id = one_file.stem
        small_files = len(list(small.rglob("*.yaml")))
        for fmt in ("md", "pdf"):
            report.render.append(
                _startup(
                    f"mpdm render d'une convention ({fmt}, dépôt de {small_files} fichiers)",
                    [mpdm, "render", str(small), convention_id, "-f", fmt, "-o", str(work / "out")],
                    max(3, startup_runs // 10),
                )
            )
        shipped = ROOT / "conventions"
        report.render.append(
            _startup(
                "mpdm render des actes livrés (pdf, conventions/)",
                [mpdm, "render", str(shipped), "-f", "pdf", "-o", str(work / "out-shipped")],
                max(3, startup_runs // 10),
            )
        )
        if _has_command(mpdm, "import"):
            report.render.append(_import_row(mpdm, work, max(3, startup_runs // 10)))
        say(f"rendu de {RENDER_ACTS} actes en PDF, {repeat} fois")
        report.many_cores = _effective_cores(python)
        report.many = _render_many(mpdm, work, repeat)
    else:
        report.render = [Row("mpdm render", None, note="n/a (commande absente)")]
    report.ratios = ratios(report)
    return report


def _import_row(mpdm: str, work: Path, repeat: int) -> Row:
    """``mpdm import`` of the seed délibération (86 members, as text) against a copy of the
    shipped acts, validation of the repository included; each run writes into a folder of
    its own (import never overwrites). CPU time beside wall time: on a shared machine the
    wall time of a half-second command is mostly waiting for a core."""
    depot = work / "import-depot"
    shutil.copytree(ROOT / "conventions", depot, dirs_exist_ok=True)
    seed = ROOT / "tests" / "fixtures" / "import" / "seeds" / "deliberation-dm-2023-12-21.txt"
    runs = []
    for run_index in range(repeat):
        out = work / f"import-{run_index}"
        runs.append(_measure([mpdm, "import", "--depot", str(depot), str(seed), "-o", str(out)]))
        shutil.rmtree(out, ignore_errors=True)
    row = _row("mpdm import d'une délibération (texte, 86 membres), vérification comprise", runs)
    if row.cpu is not None:  # the table has no CPU column: the note carries it
        row.note = f"CPU {row.cpu * 1000:.0f} ms" + (f" ; {row.note}" if row.note else "")
    return row


def _render_many(mpdm: str, work: Path, repeat: int) -> list[Row]:
    """``mpdm render -f pdf`` of a generated repository: with every core, then with one."""
    repo = work / "render"
    generate(RENDER_ACTS).write(repo)
    every, one = work / "out-many", work / "out-many-1"
    command = [mpdm, "render", str(repo), "-f", "pdf", "-o"]
    commands = {f"mpdm render de {RENDER_ACTS} actes (pdf, tous les cœurs)": [*command, str(every)]}
    taskset = shutil.which("taskset")
    if taskset:
        commands[f"mpdm render de {RENDER_ACTS} actes (pdf, un cœur : taskset -c 0)"] = [
            taskset,
            "-c",
            "0",
            *command,
            str(one),
        ]
    rows = _interleaved(commands, repeat)
    for row, out in zip(rows, [every, one], strict=False):
        row.pdfs = len(list(out.glob("*.pdf")))
    if not taskset:
        rows.append(Row("mpdm render, un cœur", None, note="n/a (taskset absent)"))
    shutil.rmtree(repo)
    return rows


def ratios(report: Report) -> dict[str, float]:
    found: dict[str, float] = {}
    for size, rows in report.sizes.items():
        mpdm, floor, peer = rows[0].wall, rows[1].wall, rows[2].wall
        if mpdm and floor:
            found[f"validate_vs_floor_{size}"] = mpdm / floor
        if rows[0].cpu and rows[1].cpu:
            found[f"cpu_vs_floor_{size}"] = rows[0].cpu / rows[1].cpu
        if mpdm and peer:
            found[f"validate_vs_peer_{size}"] = mpdm / peer
        if rows[0].maxrss_mb is not None:
            found[f"rss_mb_{size}"] = rows[0].maxrss_mb
        if rows[0].tree_mb is not None:
            found[f"tree_mb_{size}"] = rows[0].tree_mb
    bare, launcher, version, one, peer = (row.wall for row in report.startup[:5])
    if bare and version:
        found["version_vs_bare"] = version / bare
    if launcher and version:
        found["version_vs_launcher"] = version / launcher
    if one:
        found["one_file_cold_ms"] = one * 1000
        if peer:
            found["one_file_cold_vs_peer"] = one / peer
    if report.one_in_big and report.one_in_big.wall:
        found[f"one_file_in_{BIG_REPO_ACTS}_ms"] = report.one_in_big.wall * 1000
    many = report.many[0] if report.many else None
    if many and many.wall and many.pdfs:
        found["render_ms_per_pdf"] = many.wall * 1000 / many.pdfs
        if many.cpu:
            found["render_cores"] = many.cpu / many.wall
    return found


def _cell(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def markdown(report: Report) -> str:
    m = report.machine
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m benchmarks.run`; do not edit by hand. Medians; one run of the",
        "benchmark measures everything on the same generated files, so compare ratios.",
        "",
        f"- Date: {m['date']}",
        f"- CPU: {m['cpu']}, {m['cores']} cores",
        f"- System: {m['system']}",
        f"- Python {m['python']} (libyaml: {m['libyaml']})",
        f"- Packages: {m['packages']}",
        f"- Load average (1 min) after each size: {', '.join(f'{x:.2f}' for x in report.load)};"
        " cores two busy processes got before each size: "
        f"{', '.join(f'{x:.2f}' for x in report.cores)} (2.00 when the machine is idle)",
        "",
    ]
    for size, rows in report.sizes.items():
        lines += [
            f"## {size} acts",
            "",
            "| command | wall (s) | CPU (s) | peak RSS, largest process (MB)"
            " | peak RSS, tree (MB) | note |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
        ]
        lines += [
            f"| {r.label} | {_cell(r.wall)} | {_cell(r.cpu)} | {_cell(r.maxrss_mb, digits=0)}"
            f" | {_cell(r.tree_mb, digits=0)} | {r.note} |"
            for r in rows
        ]
        lines.append("")
    lines += [
        "## Start-up and rendering",
        "",
        "| command | wall (ms) | note |",
        "| --- | ---: | --- |",
    ]
    lines += [
        f"| {r.label} | {_cell(None if r.wall is None else r.wall * 1000, digits=0)} | {r.note} |"
        for r in (*report.startup, *report.render)
    ]
    if report.many:
        lines += [
            "",
            f"## Rendering many acts ({RENDER_ACTS} generated acts, PDF)",
            "",
            "Cores two busy processes got just before: "
            + _cell(report.many_cores)
            + "; ms per PDF: wall ÷ PDFs written (validation included); CPU ÷ wall: cores used.",
            "",
            "| command | PDFs | wall (s) | ms per PDF | CPU (s) | CPU ÷ wall"
            " | peak RSS, tree (MB) | note |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for r in report.many:
            per_pdf = r.wall * 1000 / r.pdfs if r.wall and r.pdfs else None
            cores = r.cpu / r.wall if r.wall and r.cpu else None
            lines.append(
                f"| {r.label} | {r.pdfs if r.pdfs is not None else 'n/a'} | {_cell(r.wall)}"
                f" | {_cell(per_pdf, digits=1)} | {_cell(r.cpu)} | {_cell(cores)}"
                f" | {_cell(r.tree_mb, digits=0)} | {r.note} |"
            )
    lines += ["", "## Ratios and targets", "", "| ratio | value | target |", "| --- | ---: | --- |"]
    for name, value in report.ratios.items():
        lines.append(f"| {name} | {value:.2f} | {_target(name, value)} |")
    lines.append("")
    before_ratios, before_text = _before()
    if before_text:
        lines += _comparison(report.ratios, before_ratios)
        lines += [
            "# Before: the previous release",
            "",
            f"As `{BEFORE.relative_to(ROOT)}` keeps it, written by the same harness then: a"
            " resident process served repeated runs and validation forked workers from 200"
            " files on (both since removed). Its one-file rows validated a file of a small"
            " generated repository whose references were outside it.",
            "",
            *before_text,
        ]
    return "\n".join(lines)


# Ratios measured by the previous release only: the resident process served them.
_RESIDENT_ONLY = {"one_file_ms", "one_file_vs_peer"}


def _before() -> tuple[dict[str, float], list[str]]:
    """The previous release's figures: its ratios, and its text from its machine description
    on, headings one level down (it sits under this run's report)."""
    if not BEFORE.is_file():
        return {}, []
    found: dict[str, float] = {}
    lines: list[str] = []
    in_ratios = False
    for line in BEFORE.read_text(encoding="utf-8").splitlines():
        if not lines and not line.startswith("- Date"):
            continue  # its title and "do not edit" note belong to the file, not to this report
        if line.startswith("#"):
            in_ratios = line.strip("# ") == "Ratios and targets"
            line = "#" + line
        lines.append(line)
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if in_ratios and len(cells) == 3:
            try:
                found[cells[0]] = float(cells[1])
            except ValueError:
                continue  # the header and its rule
    return found, lines


def _comparison(now: dict[str, float], before: dict[str, float]) -> list[str]:
    lines = [
        "## Before and after",
        "",
        "Before: the previous release (section below); after: this run. The targets are",
        "those of today. The one-file rows validate different files (see their labels).",
        "",
        "| ratio | before | after | target |",
        "| --- | ---: | ---: | --- |",
    ]
    for name in [*now, *(name for name in before if name not in now)]:
        after = (
            _cell(now.get(name))
            if name not in _RESIDENT_ONLY
            else "— (no resident process any more)"
        )
        shown = now.get(name)
        target = _target(name, shown) if shown is not None else ""
        lines.append(f"| {name} | {_cell(before.get(name))} | {after} | {target} |")
    lines.append("")
    return lines


def _target(name: str, value: float) -> str:
    for key, limit in TARGETS.items():
        if name == key or (key.endswith("_") and name.startswith(key)):
            if key == "validate_vs_peer_":
                return f"≤ {limit:.2f} (5× faster): {'met' if value <= limit else 'MISSED'}"
            if key == "render_cores":
                return f"≥ {limit:g}: {'met' if value >= limit else 'MISSED'}"
            unit = " MB" if key.endswith("mb_10000") else ""
            return f"≤ {limit:g}{unit}: {'met' if value <= limit else 'MISSED'}"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="mpdm benchmark: validate, floor, peer, start-up, render"
    )
    parser.add_argument("--quick", action="store_true", help="1 000 acts only, fewer repeats")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of acts to generate")
    parser.add_argument("--repeat", type=int, help="runs of each long measure (median)")
    parser.add_argument(
        "--mpdm", default=shutil.which("mpdm", path=str(Path(sys.executable).parent))
    )
    parser.add_argument("--no-peer", action="store_true", help="skip check-jsonschema (slow)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="Markdown report to write")
    args = parser.parse_args(argv)
    if not args.mpdm:
        parser.error("mpdm introuvable : installez le projet (pip install -e '.[bench]')")
    sizes = args.sizes or ([1000] if args.quick else [1000, 10000])
    repeat = args.repeat or (1 if args.quick else 3)
    startup_runs = 15 if args.quick else 40
    with tempfile.TemporaryDirectory(prefix="mpdm-bench-") as work:
        report = run(sizes, repeat, startup_runs, args.mpdm, Path(work), not args.no_peer)
    text = markdown(report)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
