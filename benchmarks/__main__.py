"""Run the speed benchmarks of issue 13, print every ratio and peak memory, and record them in docs/performance.md.

    .venv/bin/python -m benchmarks            # about a minute; rewrites the figures in docs/performance.md
    .venv/bin/python -m benchmarks --quick    # fewer runs, nothing written
    .venv/bin/python -m benchmarks --tree /path/to/other/checkout --no-write   # e.g. the code before a change

Measures, for the checkout at ``--tree`` (this one by default):

1. ``insatsval recommend examples/familj-10-15.yaml`` against ``python -c "import numpy, pydantic, yaml, click"``;
2. ``insatsval --help`` against ``python -c "import click"``;
3. batch scoring of 6,000 areas x 1,000 programmes (and the top 10 of each) against one NumPy
   matrix product and ``argpartition`` (benchmarks/batch_scoring.py), with peak memory;
4. ``insatsval gaps`` with a made-up inventory of 10,000 resources, as CSV and as YAML
   (benchmarks/gaps_inventory.py), the YAML one also against reading the file with libyaml alone.

Only the block between the ``benchmark`` markers of docs/performance.md is rewritten; the
text around it (what was profiled and changed, the estimate for a national run) is written by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks import gaps_inventory, startup
from benchmarks.harness import ROOT, best_of, environment, insatsval, load, one_blas_thread, run_once

DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    what: str
    measured: str
    floor: str
    ratio: str
    goal: str
    peak: str
    load: str


def machine() -> str:
    """CPU, cores, memory, system and library versions, for the record."""
    import numpy
    import pydantic

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        cpu = names[0] if names else cpu
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB memory; {platform.system()} {platform.release()};"
        f" Python {platform.python_version()}, NumPy {numpy.__version__}, pydantic {pydantic.VERSION}"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def startup_rows(runs: int, tree: Path) -> list[Row]:
    goals = {"recommend": "<= 1.6x", "help": "<= 2x"}
    return [
        Row(
            f"`{r.command}` / `{r.floor}`",
            ms(r.measured.seconds),
            ms(r.floor_timing.seconds),
            f"{r.ratio:.2f}x",
            goals[r.what],
            f"{r.measured.peak_mib:.0f} MiB",
            f"{r.load_before:.1f}-{r.load_after:.1f}",
        )
        for r in startup.measure(runs, tree)
    ]


def batch_row(repeat: int, tree: Path) -> Row:
    """Run benchmarks/batch_scoring.py in a process of its own, so its peak memory is its own."""
    before = load()
    with tempfile.TemporaryDirectory() as tmp:
        argv = [sys.executable, "-m", "benchmarks.batch_scoring", "--json", "--repeat", str(repeat)]
        env = one_blas_thread(environment(Path(tmp)))
        env["PYTHONPATH"] = os.pathsep.join([str(tree), str(ROOT)])  # the tree's code, this checkout's benchmarks
        _, peak, out = run_once(argv, env, tree)
    figures = json.loads(out)
    ratio = figures["batch_s"] / figures["floor_s"]
    arrays = f" (from stacked arrays: {ms(figures['arrays_s'])})" if figures["arrays_s"] is not None else ""
    return Row(
        f"batch scoring {figures['areas']:,} areas x {figures['programmes']:,} programmes, top 10{arrays}"
        " / matrix product + `argpartition`",
        ms(figures["batch_s"]),
        ms(figures["floor_s"]),
        f"{ratio:.2f}x",
        "<= 3x, < 1 GiB",
        f"{peak:.0f} MiB process; {figures['batch_peak_mib']:.0f} MiB allocated by the call",
        f"{before:.1f}-{load():.1f}",
    )


def gaps_rows(runs: int, tree: Path, n: int = 10_000) -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        profile, as_csv, as_yaml = gaps_inventory.write_files(Path(tmp), n)
        env = environment(Path(tmp))
        for name, inventory in (("CSV", as_csv), ("YAML", as_yaml)):
            before = load()
            command = insatsval("gaps", str(profile), "--resources", str(inventory))
            commands = [command]
            if name == "YAML":  # the format's own floor: parsing the file with libyaml, nothing else
                parse = f"import yaml; yaml.load(open({str(as_yaml)!r}, 'rb'), Loader=yaml.CSafeLoader)"
                commands.append([sys.executable, "-c", parse])
            timings = best_of(commands, runs, env, tree)
            floor = ms(timings[1].seconds) + " (libyaml parse alone)" if len(timings) > 1 else "-"
            ratio = f"{timings[0].seconds / timings[1].seconds:.2f}x" if len(timings) > 1 else "-"
            rows.append(
                Row(
                    f"`insatsval gaps` with {n:,} resources ({name})",
                    f"{timings[0].seconds:.2f} s",
                    floor,
                    ratio,
                    "< 1.5 s",
                    f"{timings[0].peak_mib:.0f} MiB",
                    f"{before:.1f}-{load():.1f}",
                )
            )
    return rows


#: The national run the estimate is for: every DeSO area, survey waves, stability draws (issue 12).
NATIONAL_AREAS, WAVES = 6000, 8


def national_estimate(tree: Path) -> str:
    """Per-area costs (benchmarks/national.py, in a process of its own) and what they add up to nationally."""
    with tempfile.TemporaryDirectory() as tmp:
        env = one_blas_thread(environment(Path(tmp)))
        env["PYTHONPATH"] = os.pathsep.join([str(tree), str(ROOT)])
        try:
            _, peak, out = run_once([sys.executable, "-m", "benchmarks.national", "--json"], env, tree)
        except RuntimeError as exc:  # a checkout from before the stability draws (issue 12)
            return f"Not measured: {str(exc).splitlines()[-1]}"
    figures = json.loads(out)
    lines = [
        "| catalogue | programmes ranked for the example | brief | 1,000 stability draws | plan as Markdown + JSON"
        f" | per area | {NATIONAL_AREAS:,} areas x {WAVES} waves, one process | two processes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, label in (("bundled", "bundled"), ("large", "1,000 programmes")):
        f = figures[name]
        area_ms = f["brief_ms"] + f["stability_ms"] + f["render_ms"]
        hours = NATIONAL_AREAS * WAVES * area_ms / 1000 / 3600
        lines.append(
            f"| {label} ({f['programmes']}) | {f['eligible']} | {f['brief_ms']:.1f} ms | {f['stability_ms']:.1f} ms"
            f" | {f['render_ms']:.1f} ms | {area_ms:.1f} ms | {hours:.2f} h | {hours / 2:.2f} h |"
        )
    return "\n".join(lines) + f"\n\nPeak memory of that process: {peak:.0f} MiB."


def table(rows: list[Row]) -> str:
    lines = ["| what | measured | floor | ratio | goal | peak memory | load |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r.what} | {r.measured} | {r.floor} | {r.ratio} | {r.goal} | {r.peak} | {r.load} |" for r in rows]
    return "\n".join(lines)


def record(text: str) -> None:
    """Replace the figures between the markers of docs/performance.md with ``text``."""
    doc = DOC.read_text(encoding="utf-8")
    head, _, rest = doc.partition(START)
    _, found, tail = rest.partition(END)
    if not found:
        raise SystemExit(f"{DOC} has no {START} ... {END} block to write the figures into")
    DOC.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Fewer runs; write nothing.")
    parser.add_argument("--tree", type=Path, default=ROOT, help="Checkout to measure (default: this one).")
    parser.add_argument("--no-write", action="store_true", help="Do not record the figures in docs/performance.md.")
    args = parser.parse_args()
    tree = args.tree.resolve()
    runs = (5, 2, 1) if args.quick else (startup.RUNS, 9, gaps_inventory.RUNS)
    started = dt.datetime.now()
    print(f"Measuring {tree} on {machine()}", flush=True)
    rows = startup_rows(runs[0], tree)
    rows.append(batch_row(runs[1], tree))
    rows += gaps_rows(runs[2], tree)
    estimate = national_estimate(tree)
    minutes = (dt.datetime.now() - started).total_seconds() / 60
    text = (
        f"Measured {started:%Y-%m-%d %H:%M} in {minutes:.1f} minutes, {'this checkout' if tree == ROOT else tree},"
        f" on {machine()}. Each time is the best of several runs (start-up {runs[0]}, batch {runs[1]},"
        f" gaps {runs[2]}); load is the 1-minute load average before and after each line (2 cores).\n\n"
        + table(rows)
        + "\n\nPer-area costs behind the estimate of a national run (benchmarks/national.py, best of 3):\n\n"
        + estimate
    )
    print(text)
    if not (args.quick or args.no_write or tree != ROOT):
        record(text)
        print(f"\nRecorded in {DOC.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
