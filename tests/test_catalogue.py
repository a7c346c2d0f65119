"""The bundled catalogue and layered catalogue files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from catalog.bundled import bundled_catalogue_path
from catalog.catalogue import Catalogue, build_catalogue, load_catalogue
from inputs.evidence_scale import TIER_ORDER, EvidenceScale
from inputs.problems import InputError
from inputs.taxonomy import Taxonomy
from tests.builders import programme_record, write_yaml


def layer(path: Path, programmes: list[dict[str, object]], name: str = "test", version: str = "1") -> Path:
    return write_yaml(
        path, {"schema_version": 2, "catalogue": {"name": name, "version": version}, "programmes": programmes}
    )


def test_bundled_catalogue_is_large_and_varied(catalogue: Catalogue) -> None:
    programmes = catalogue.programmes
    assert len(programmes) >= 25
    assert {d for p in programmes for d in p.domains} == {"community", "family", "school", "individual_peer"}
    assert {lv for p in programmes for lv in p.levels} == {"universal", "selective", "indicated"}
    assert min(p.ages.min for p in programmes) == 0
    assert max(p.ages.max for p in programmes) >= 24


FACT_LISTS = ("factors", "outcomes", "ratings", "warnings", "costs", "benefit_cost")


def raw_records() -> list[dict[str, Any]]:
    """The bundled records as plain YAML, so a broken record fails a test, not a fixture."""
    data = yaml.safe_load(bundled_catalogue_path().read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = data["programmes"]
    return records


def facts_without_source(record: dict[str, Any]) -> list[str]:
    """Where a record states a fact without an http(s) source next to it."""
    missing = [] if record.get("sources") else ["sources"]
    if not str((record.get("ages") or {}).get("source", "")).startswith("http"):
        missing.append("ages")
    for key in FACT_LISTS:
        for i, item in enumerate(record.get(key) or []):
            if not str(item.get("source") or "").startswith("http"):
                missing.append(f"{key}[{i}]")
    return missing


def test_every_fact_in_the_bundled_catalogue_has_a_source() -> None:
    records = raw_records()
    assert len(records) >= 50
    unsourced = {r["id"]: facts_without_source(r) for r in records if facts_without_source(r)}
    assert unsourced == {}


def test_a_fact_without_a_source_is_found_and_rejected(
    tmp_path: Path, taxonomy: Taxonomy, scale: EvidenceScale
) -> None:
    record = programme_record("alpha")
    del record["factors"][0]["source"]
    assert facts_without_source(record) == ["factors[0]"]
    _, problems = build_catalogue([layer(tmp_path / "c.yaml", [record])], taxonomy, scale)
    assert [(p.params["pydantic_type"], p.loc) for p in problems] == [("missing", ("factors", 0, "source"))]


def test_bundled_record_ids_are_unique(catalogue: Catalogue) -> None:
    ids = [p.id for p in catalogue.programmes]
    assert len(ids) == len(set(ids))


def test_overlay_adds_and_overrides_by_id(tmp_path: Path, taxonomy: Taxonomy, scale: EvidenceScale) -> None:
    base = layer(tmp_path / "base.yaml", [programme_record("alpha"), programme_record("beta")])
    local = layer(
        tmp_path / "local.yaml",
        [
            {"id": "beta", "ages": {"min": 12, "max": 16, "source": "https://example.org/local"}},
            programme_record("gamma"),
        ],
        name="Malmö socialtjänst",
    )
    catalogue, problems = build_catalogue([base, local], taxonomy, scale)
    assert problems == [] and catalogue is not None
    assert [p.id for p in catalogue.programmes] == ["alpha", "beta", "gamma"]
    assert catalogue.by_id["beta"].ages.min == 12
    assert catalogue.by_id["beta"].name == "Beta"  # fields not overridden are kept
    assert catalogue.origins["beta"] == [str(base), str(local)]
    assert catalogue.origin_of("gamma") == str(local)
    assert catalogue.version == "1+Malmö socialtjänst@1"


def test_error_in_an_overlay_points_at_the_overlay(tmp_path: Path, taxonomy: Taxonomy, scale: EvidenceScale) -> None:
    base = layer(tmp_path / "base.yaml", [programme_record("alpha")])
    local = tmp_path / "local.yaml"
    local.write_text(
        "schema_version: 2\ncatalogue: {name: lokal, version: '1'}\nprogrammes:\n"
        "  - id: alpha\n    ages: {min: 14, max: 12, source: 'https://example.org/x'}\n",
        encoding="utf-8",
    )
    _, problems = build_catalogue([base, local], taxonomy, scale)
    assert len(problems) == 1
    assert problems[0].file == str(local) and problems[0].line == 5
    assert problems[0].params["pydantic_type"] == "age_order"


def test_unknown_factor_gets_suggestions_and_line(tmp_path: Path, taxonomy: Taxonomy, scale: EvidenceScale) -> None:
    path = layer(tmp_path / "c.yaml", [programme_record("alpha", factors=["famly_conflict"])])
    _, problems = build_catalogue([path], taxonomy, scale)
    assert [p.code for p in problems] == ["unknown_factor"]
    assert "family_conflict" in problems[0].params["suggestions"]
    text = path.read_text(encoding="utf-8")
    assert problems[0].line == text[: text.index("famly_conflict")].count("\n") + 1


def test_duplicate_id_in_one_file(tmp_path: Path, taxonomy: Taxonomy, scale: EvidenceScale) -> None:
    path = layer(tmp_path / "c.yaml", [programme_record("alpha"), programme_record("alpha")])
    _, problems = build_catalogue([path], taxonomy, scale)
    assert [p.code for p in problems] == ["duplicate_id"]


def test_load_catalogue_raises_with_every_problem(tmp_path: Path) -> None:
    path = layer(
        tmp_path / "c.yaml",
        [programme_record("alpha", factors=["nope"]), programme_record("beta", ratings=[("blueprints", "Great")])],
    )
    with pytest.raises(InputError) as info:
        load_catalogue([path], include_bundled=False)
    assert sorted(p.code for p in info.value.problems) == ["unknown_factor", "unknown_rating_label"]


def test_catalogue_hash_identifies_the_bytes(tmp_path: Path, taxonomy: Taxonomy, scale: EvidenceScale) -> None:
    a = layer(tmp_path / "a.yaml", [programme_record("alpha")])
    b = layer(tmp_path / "b.yaml", [programme_record("alpha", ages=(11, 15))])
    ca, _ = build_catalogue([a], taxonomy, scale)
    cb, _ = build_catalogue([b], taxonomy, scale)
    assert ca is not None and cb is not None and ca.sha256 != cb.sha256


def test_bundled_path_is_inside_the_package() -> None:
    assert bundled_catalogue_path().name == "programmes.yaml"
    assert bundled_catalogue_path().is_file()


REQUIRED_PROGRAMMES = {
    "ctc", "gbg_pax", "sfp_10_14", "ggc", "effekt_opp", "abc", "comet", "cope", "connect", "incredible_years",
    "triple_p", "pmto", "family_check_up", "nfp", "rinkeby_home_visits", "fft", "mst", "mdft", "tfco", "lst",
    "unplugged", "project_alert", "project_tnd", "paths", "positive_action", "kiva", "olweus", "second_step_stegvis",
    "set", "raising_healthy_children", "yam", "mvp", "preventure", "coping_power", "bbbs", "cmca", "stad_rbs",
    "gvi_sluta_skjut", "art",
}  # fmt: skip


def test_catalogue_has_the_programmes_swedish_teams_meet(catalogue: Catalogue) -> None:
    assert len(catalogue.programmes) >= 50
    assert set(catalogue.by_id) >= REQUIRED_PROGRAMMES, REQUIRED_PROGRAMMES - set(catalogue.by_id)


def test_swedish_null_results_lower_tiers(catalogue: Catalogue) -> None:
    for pid in ("mst", "effekt_opp", "art"):
        tiers = catalogue.tiers[pid].headline
        assert tiers.steps, pid
        assert tiers.tier in ("good", "preliminary", "insufficient", "no_effect"), pid
    assert catalogue.tiers["effekt_opp"].headline.tier == "no_effect"
    assert catalogue.tiers["art"].headline.tier == "no_effect"


def test_every_factor_tag_says_how_it_was_established() -> None:
    bases = {(r["id"], tag.get("basis")) for r in raw_records() for tag in r["factors"]}
    assert {basis for _, basis in bases} == {"listed", "mapped"}


def test_a_tag_without_listed_or_mapped_is_rejected(tmp_path: Path, taxonomy: Taxonomy, scale: EvidenceScale) -> None:
    record = programme_record("alpha")
    record["factors"][0]["basis"] = "guessed"
    _, problems = build_catalogue([layer(tmp_path / "c.yaml", [record])], taxonomy, scale)
    assert [(p.params["pydantic_type"], p.loc) for p in problems] == [("literal_error", ("factors", 0, "basis"))]


def test_every_record_was_checked(catalogue: Catalogue) -> None:
    assert all(p.checked is not None for p in catalogue.programmes)


def test_records_the_fact_check_corrected(catalogue: Catalogue) -> None:
    """Records a review found wrong say what their sources say (issue 10)."""
    by_id = {p.id: p for p in catalogue.programmes}
    cure = by_id["cure_violence"]
    text = next(w.text.en for w in cure.warnings if w.kind == "mixed_results")
    assert "gang involvement in homicides improved more in three" in text
    assert [(e.design, e.result) for e in cure.evaluations] == [("quasi_experiment", "effect")]
    # The Incredible Years: parent, teacher and child programmes are separate records
    assert {"incredible_years", "iy_teacher", "iy_dina"} <= set(by_id)
    assert by_id["iy_teacher"].ratings and by_id["iy_dina"].ratings
    # YAM's best evidence is a published cluster-randomised trial, not a registry rating
    yam = catalogue.tiers["yam"].by_level["universal"]
    assert yam.tier == "good" and not by_id["yam"].ratings


def test_catalogue_is_as_large_as_the_issue_asks(catalogue: Catalogue) -> None:
    ids = {p.id for p in catalogue.programmes}
    assert len(ids) >= 110
    wanted = {
        "planet_youth", "community_trials_rhrd", "project_northland", "project_star_mpp", "alcohol_compliance_checks",
        "new_beginnings", "basics", "mst_psb", "bsft", "familias_unidas", "family_matters", "tryggare_barn",
        "fora_barnen_pa_tal", "pcit", "aktivt_foraldraskap", "iy_teacher", "iy_dina", "keepin_it_real",
        "caring_school_community", "check_and_connect", "fast_track", "reconnecting_youth", "sources_of_strength",
        "friends_for_life", "perry_preschool", "chicago_cpc", "across_ages", "quantum_opportunities",
        "friends_of_the_children", "summer_jobs", "cbits", "teen_intervene", "sspf", "sociala_insatsgrupper",
        "framtidssamtal", "orossamtal", "omstart_yar",
    }  # fmt: skip
    assert wanted <= ids
    # Swedish practice is rated honestly, including no effect where that is what is known
    tiers = {pid: min((t.tier for t in catalogue.tiers[pid].by_level.values()), key=TIER_ORDER.index) for pid in ids}
    assert {"insufficient", "no_effect"} <= {
        tiers[p] for p in ("sspf", "sociala_insatsgrupper", "mentor_sverige", "omstart_yar")
    }
