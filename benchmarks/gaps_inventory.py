"""``insatsval gaps`` with an inventory of 10,000 resources (a city's register), as CSV and as YAML.

    .venv/bin/python -m benchmarks.gaps_inventory --resources 10000

Writes a made-up inventory (fixed seed; for timing only): half the resources are catalogued
programmes at one of their levels, half local activities with 1-4 factors, random ages, reach
or participants, fidelity and funding dates; the same rows as ``inventering.csv`` and
``inventering.yaml``. Times ``insatsval gaps`` on the family profile with each (a new process
each run, the best of three) and prints the wall time and the process's peak memory.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
from pathlib import Path
from typing import Any

import yaml

from benchmarks.harness import ROOT, Timing, best_of, environment, insatsval, load
from catalog.catalogue import load_catalogue

RUNS = 3
LEVELS = ("universal", "selective", "indicated")
COLUMNS = (
    *("name", "provider", "programme", "factors", "age_min", "age_max", "levels", "reach", "participants"),
    *("eligible", "fidelity", "tested", "funded_until"),
)
PROFILE = {
    "area": "Benchmark (påhittat)",
    "ages": {"min": 10, "max": 15},
    "levels": ["universal", "selective"],
    "domains": ["family"],
    "priorities": [
        {"factor": "poor_family_management", "weight": 3},
        {"factor": "family_conflict", "weight": 2},
        {"factor": "parental_attitudes_favourable_to_drug_use", "weight": 2},
        {"factor": "family_attachment", "weight": 1},
    ],
}


def resources(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` made-up resources, as YAML inventory records."""
    catalogue = load_catalogue()
    rng = random.Random(seed)
    out = []
    for i in range(n):
        record: dict[str, Any] = {"name": f"Resurs {i:05d}", "provider": f"Utförare {i % 97}"}
        if rng.random() < 0.5:
            programme = rng.choice(catalogue.programmes)
            record["programme"] = programme.id
            record["levels"] = [rng.choice(list(programme.levels))]
        else:
            record["factors"] = rng.sample(catalogue.taxonomy.factor_ids, rng.randint(1, 4))
            low = rng.randint(0, 18)
            record["ages"] = {"min": low, "max": rng.randint(low, 24)}
            record["levels"] = [rng.choice(LEVELS)]
            record["tested"] = rng.random() < 0.3
        if rng.random() < 0.5:
            record["reach"] = round(rng.uniform(0.001, 0.05), 3)
        else:
            record["participants"], record["eligible"] = rng.randint(1, 30), rng.randint(100, 1000)
        record["fidelity"] = rng.choice(["full", "partial", "none", "unknown"])
        if rng.random() < 0.3:
            record["funded_until"] = f"20{rng.randint(25, 29)}-0{rng.randint(1, 9)}-15"
        out.append(record)
    return out


def csv_row(record: dict[str, Any]) -> list[Any]:
    ages = record.get("ages") or {}
    tested = {True: "ja", False: "nej", None: ""}[record.get("tested")]
    cells = {**record, "factors": ",".join(record.get("factors", [])), "levels": ",".join(record["levels"])}
    cells |= {"age_min": ages.get("min", ""), "age_max": ages.get("max", ""), "tested": tested}
    return [cells.get(column, "") for column in COLUMNS]


def write_files(folder: Path, n: int) -> tuple[Path, Path, Path]:
    """The profile, and the same inventory as CSV and as YAML."""
    records = resources(n)
    profile = folder / "profil.yaml"
    profile.write_text(yaml.safe_dump(PROFILE, allow_unicode=True, sort_keys=False), encoding="utf-8")
    as_yaml = folder / "inventering.yaml"
    text = yaml.dump({"resources": records}, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
    as_yaml.write_text(text, encoding="utf-8")
    as_csv = folder / "inventering.csv"
    with as_csv.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(csv_row(r) for r in records)
    return profile, as_csv, as_yaml


def measure(n: int = 10_000, runs: int = RUNS, tree: Path = ROOT) -> dict[str, tuple[Timing, float, float]]:
    """Best time and peak memory of ``gaps`` with each inventory format, and the load before and after."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        profile, as_csv, as_yaml = write_files(Path(tmp), n)
        env = environment(Path(tmp))
        for name, inventory in (("csv", as_csv), ("yaml", as_yaml)):
            before = load()
            (timing,) = best_of([insatsval("gaps", str(profile), "--resources", str(inventory))], runs, env, tree)
            out[name] = (timing, before, load())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    args = parser.parse_args()
    for name, (timing, before, after) in measure(args.resources).items():
        print(
            f"insatsval gaps, {args.resources:,} resources ({name}): {timing.seconds:.2f} s,"
            f" peak {timing.peak_mib:.0f} MiB (load {before:.1f}-{after:.1f})"
        )


if __name__ == "__main__":
    main()
