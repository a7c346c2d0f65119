"""The weak-fit notice (recommender/fit.py; docs/method.md, "Weak fits are said plainly")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from catalog.catalogue import Catalogue
from inputs.settings import Settings
from recommender.fit import FitNotice
from recommender.ranking import recommend
from tests.builders import make_profile, make_programme

Build = Callable[..., Catalogue]
PRELIMINARY = [("crimesolutions", "Promising")]  # preliminary: the weakest tier that counts as covering
INSUFFICIENT: list[tuple[str, str]] = []  # unrated


def notice(catalogue: Catalogue, settings: Settings | None = None, **profile: Any) -> FitNotice:
    found = recommend(catalogue, make_profile(**profile), weights=settings).notice
    assert found is not None  # recommend always sets it
    return found


def test_a_best_score_below_low_score_is_low_and_at_it_is_not(build_catalogue: Build) -> None:
    catalogue = build_catalogue(make_programme("p", ratings=[("blueprints", "Model")]))
    (rec,) = recommend(catalogue, make_profile()).recommendations
    at = Settings.model_validate({"low_score": rec.score})
    above = Settings.model_validate({"low_score": rec.score + 0.01})
    assert not notice(catalogue, at).score_is_low
    assert notice(catalogue, above).score_is_low


def test_preliminary_evidence_covers_a_factor_and_insufficient_does_not(build_catalogue: Build) -> None:
    weak = build_catalogue(make_programme("weak", ratings=INSUFFICIENT))
    assert [p.factor for p in notice(weak).poorly_covered] == ["family_conflict"]
    assert notice(weak).needed
    enough = build_catalogue(make_programme("enough", ratings=PRELIMINARY))
    assert notice(enough).poorly_covered == ()


def test_programmes_left_out_are_counted_by_reason_when_their_evidence_would_cover(build_catalogue: Build) -> None:
    catalogue = build_catalogue(
        make_programme("school_prelim", ratings=PRELIMINARY, domains=["school"]),
        make_programme("school_model", domains=["school"]),
        make_programme("older_model", ages=(18, 24)),
        make_programme("school_unrated", ratings=INSUFFICIENT, domains=["school"]),
        make_programme("here_unrated", ratings=INSUFFICIENT),
    )
    (poor,) = notice(catalogue, domains=["family"]).poorly_covered
    assert poor.factor == "family_conflict"
    # the preliminary programme counts like the established one; the unrated one does not
    assert poor.elsewhere == {"domains": 2, "ages": 1}
