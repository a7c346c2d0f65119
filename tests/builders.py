"""Builders for small, valid test inputs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from inputs.profile import AreaProfile
from inputs.programme import Programme

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
URL = "https://example.org/source"


def programme_record(
    pid: str,
    factors: Sequence[str | tuple[str, str]] = ("family_conflict",),
    ages: tuple[int, int] = (10, 15),
    levels: Sequence[str] = ("universal",),
    domains: Sequence[str] = ("family",),
    ratings: Sequence[tuple[str, str]] = (("blueprints", "Model"),),
    warnings: Sequence[dict[str, Any]] = (),
    **extra: Any,
) -> dict[str, Any]:
    """A minimal valid programme record as plain data (for YAML files and pydantic)."""
    tags = [
        {"factor": f, "basis": "listed", "source": URL}
        if isinstance(f, str)
        else {"factor": f[0], "basis": f[1], "source": URL}
        for f in factors
    ]
    record: dict[str, Any] = {
        "id": pid,
        "name": pid.replace("_", " ").title(),
        "summary": {"sv": f"Sammanfattning av {pid}.", "en": f"Summary of {pid}."},
        "domains": list(domains),
        "levels": list(levels),
        "ages": {"min": ages[0], "max": ages[1], "source": URL},
        "factors": tags,
        "ratings": [{"registry": r, "label": label, "source": URL} for r, label in ratings],
        "warnings": list(warnings),
        "availability_sweden": {"status": "unknown"},
        "sources": [URL],
        "checked": "2026-11-27",
    }
    record.update(extra)
    return record


def make_programme(pid: str, **kwargs: Any) -> Programme:
    return Programme.model_validate(programme_record(pid, **kwargs))


def make_profile(
    factors: Sequence[str] = ("family_conflict",),
    ages: tuple[int, int] = (10, 15),
    levels: Sequence[str] = ("universal", "selective", "indicated"),
    domains: Sequence[str] = ("community", "family", "school", "individual_peer"),
    weights: Sequence[float | None] | None = None,
) -> AreaProfile:
    weights = weights or [None] * len(factors)
    return AreaProfile.model_validate(
        {
            "area": "Testområdet",
            "ages": {"min": ages[0], "max": ages[1]},
            "levels": list(levels),
            "domains": list(domains),
            "priorities": [
                {"factor": f, **({"weight": w} if w is not None else {})} for f, w in zip(factors, weights, strict=True)
            ],
        }
    )


def write_yaml(path: Path, data: Any) -> Path:
    import yaml

    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
