"""Behaviours the method promises are pinned: a plausible one-line slip in the code fails a test.

Each entry below names a behaviour, the line of code that carries it, a wrong version of that
line (a reversed tie-break, an off-by-one boundary, a swapped label) and the test that must
catch it. The check copies the code to a temporary folder, makes the slip there and runs that
one test, which must fail. So deleting or weakening a pinning test fails here, and so does a
refactoring that moves the line: update the entry with the new line (the first assertion
says which entry).

Found by mutation testing (issue 8): one-line changes to scoring, ranking, evidence, gap, survey,
action-plan, city-wide and input-reading code that left every test green, each now pinned by the test named next
to it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.builders import ROOT


@dataclass(frozen=True)
class Slip:
    behaviour: str
    file: str
    line: str  #: the code as it is (must occur exactly once in the file)
    wrong: str  #: the slip
    test: str  #: the pytest node that must fail with the slip


RANKING, GAPS, TIERS = "recommender/ranking.py", "gap_analysis/analysis.py", "catalog/tiers.py"
RESOURCES, FIT = "gap_analysis/resources.py", "recommender/fit.py"

SLIPS = (
    Slip(
        "equal scores: the stronger evidence tier first",
        RANKING,
        "(id_rank, -n_matched, tier, -np.round(score, 9), no_effect)",
        "(id_rank, -n_matched, -tier, -np.round(score, 9), no_effect)",
        "tests/test_ranking.py::test_equal_scores_break_by_evidence_tier_before_id",
    ),
    Slip(
        "equal scores and tiers: more matched factors first",
        RANKING,
        "(id_rank, -n_matched, tier,",
        "(id_rank, n_matched, tier,",
        "tests/test_ranking.py::test_equal_scores_and_tiers_break_by_more_matched_factors",
    ),
    Slip(
        "explanations call listed tags listed and mapped tags mapped",
        RANKING,
        'basis="listed" if arrays.basis[p, f] == LISTED else "mapped"',
        'basis="mapped" if arrays.basis[p, f] == LISTED else "listed"',
        "tests/test_explain.py::test_listed_and_mapped_tags_are_named_as_such",
    ),
    Slip(
        "gaps_filled lists only open cells the programme reaches",
        RANKING,
        "cells = np.argwhere((bands > 1e-12) & open_gaps)",
        "cells = np.argwhere((bands >= 0) & open_gaps)",
        "tests/test_ranking.py::test_gaps_filled_lists_only_open_cells_the_programme_reaches",
    ),
    Slip(
        "a programme with nothing left to add is not recommended",
        RANKING,
        "            score <= 1e-9,\n",
        "            score < 0,\n",
        "tests/test_ranking.py::test_a_programme_with_nothing_left_to_add_is_not_recommended",
    ),
    Slip(
        "the age overlap is the years both cover",
        RANKING,
        "age_overlap=AgeRange(min=int(served.min()), max=int(served.max())),",
        "age_overlap=AgeRange(min=int(served.min()), max=int(served.min())),",
        "tests/test_ranking.py::test_age_overlap_is_the_years_both_the_programme_and_the_profile_cover",
    ),
    Slip(
        "matched levels are those both the programme and the profile name",
        RANKING,
        "if lv in programme.levels and lv in profile.levels",
        "if lv in programme.levels or lv in profile.levels",
        "tests/test_ranking.py::test_matched_levels_and_domains_are_those_both_name",
    ),
    Slip(
        "contributions name only factors the programme targets",
        RANKING,
        "            if arrays.basis[p, f] > 0\n",
        "            if arrays.basis[p, f] >= 0\n",
        "tests/test_ranking.py::test_contributions_name_only_the_prioritised_factors_the_programme_targets",
    ),
    Slip(
        "funding that ends today is ending, not expired",
        GAPS,
        "if days < 0:",
        "if days <= 0:",
        "tests/test_gaps.py::test_funding_that_ends_today_is_ending_not_expired",
    ),
    Slip(
        "the funding horizon includes its last day",
        GAPS,
        "elif days <= horizon_days:",
        "elif days < horizon_days:",
        "tests/test_gaps.py::test_funding_horizon_includes_its_last_day",
    ),
    Slip(
        "equal severity: the higher priority first",
        GAPS,
        "(-round(g.severity, 9), g.priority_rank,",
        "(-round(g.severity, 9), -g.priority_rank,",
        "tests/test_gaps.py::test_equal_severity_orders_by_priority_rank_then_band",
    ),
    Slip(
        "partly covered cells are open gaps",
        GAPS,
        'open_cells = cells & (status != "covered")',
        'open_cells = cells & (status == "gap")',
        "tests/test_gaps.py::test_partial_cells_are_open_gaps_and_covered_cells_are_not",
    ),
    Slip(
        "a lowering warning never raises a harmful tier",
        TIERS,
        "tier = TIER_ORDER[max(index, min(index + kind.effect.lower, floor))]",
        "tier = TIER_ORDER[min(index + kind.effect.lower, floor)]",
        "tests/test_evidence.py::test_a_lowering_warning_never_raises_a_harmful_tier",
    ),
    Slip(
        "evidence 'varies' when two levels differ",
        TIERS,
        "return len({r.tier for r in self.by_level.values()}) > 1",
        "return len({r.tier for r in self.by_level.values()}) > 2",
        "tests/test_evidence.py::test_level_specific_warning_changes_only_that_level",
    ),
    Slip(
        "only the evaluations at the base tier are named as its basis",
        TIERS,
        "base_evaluations = tuple(e for tier, e in evaluated if tier == base and known)",
        "base_evaluations = tuple(e for tier, e in evaluated if tier == base or known)",
        "tests/test_evidence.py::test_only_the_evaluations_at_the_base_tier_are_named_as_its_basis",
    ),
    Slip(
        "a resource of a programme with several levels must name its level",
        RESOURCES,
        "elif programme is not None and len(programme.levels) > 1:",
        "elif programme is not None and len(programme.levels) > 2:",
        "tests/test_inventory.py::test_a_resource_of_a_programme_with_several_levels_must_name_its_level",
    ),
    Slip(
        "a resource inherits a one-level programme's level",
        RESOURCES,
        "        elif programme is not None:\n            levels = tuple(programme.levels)",
        "        elif programme is None:\n            levels = tuple(programme.levels)",
        "tests/test_inventory.py::test_what_a_resource_does_not_state_comes_from_its_programme_or_its_factors",
    ),
    Slip(
        "a resource's inherited tags keep their targeting strength",
        RESOURCES,
        'weights.targeting.listed if t.basis == "listed" else weights.targeting.mapped',
        'weights.targeting.listed if t.basis == "mapped" else weights.targeting.mapped',
        "tests/test_inventory.py::test_a_linked_programme_lends_its_tags_at_their_targeting_strength",
    ),
    Slip(
        "a catalogued resource brings its programme's tier even when marked tested",
        RESOURCES,
        "if programme is not None and resource.tested is not False:",
        "if programme is not None and resource.tested is not True:",
        "tests/test_inventory.py::test_a_resource_counts_its_evidence_times_its_fidelity",
    ),
    Slip(
        "a resource's quality is its evidence times its fidelity",
        RESOURCES,
        "return self.evidence * self.fidelity",
        "return self.evidence / self.fidelity",
        "tests/test_inventory.py::test_a_resource_counts_its_evidence_times_its_fidelity",
    ),
    Slip(
        "only a missing inventory named by the profile is explained as read relative to it",
        "brief/meeting.py",
        "if resources_path is None and [p.code for p in exc.problems] == [Code.FILE_NOT_FOUND]:",
        "if resources_path is None or [p.code for p in exc.problems] == [Code.FILE_NOT_FOUND]:",
        "tests/test_plan.py::test_only_a_missing_inventory_named_by_the_profile_is_explained_as_relative",
    ),
    Slip(
        "scale up is advised below good reach, not at it",
        "brief/meeting.py",
        "if resource.reach < settings.coverage.good_reach:",
        "if resource.reach <= settings.coverage.good_reach:",
        "tests/test_plan.py::test_scale_up_is_advised_below_good_reach_and_not_at_it",
    ),
    Slip(
        "the weak-fit notice: a best score equal to low_score is not low",
        FIT,
        "return self.best_score < self.low_score",
        "return self.best_score <= self.low_score",
        "tests/test_fit.py::test_a_best_score_below_low_score_is_low_and_at_it_is_not",
    ),
    Slip(
        "the weak-fit notice: preliminary evidence covers a factor",
        FIT,
        "strong_here = recommended & (tier <= PRELIMINARY)",
        "strong_here = recommended & (tier < PRELIMINARY)",
        "tests/test_fit.py::test_preliminary_evidence_covers_a_factor_and_insufficient_does_not",
    ),
    Slip(
        "the weak-fit notice counts left-out programmes with preliminary evidence",
        FIT,
        "strong_anywhere = arrays.tier.min(axis=1) <= PRELIMINARY",
        "strong_anywhere = arrays.tier.min(axis=1) < PRELIMINARY",
        "tests/test_fit.py::test_programmes_left_out_are_counted_by_reason_when_their_evidence_would_cover",
    ),
    Slip(
        "young people affected count only the grades (ages) the survey covers",
        "survey/prioritise.py",
        "    if span is not None and len(per_step):",
        "    if span is None and len(per_step):",
        "tests/test_survey_prioritise.py::test_affected_counts_only_the_young_people_the_survey_covers",
    ),
    Slip(
        "standouts are suggested in order of the share of young people affected",
        "survey/prioritise.py",
        "return sorted(items, key=lambda f: (-(f.affected_share or 0.0), f.factor))",
        "return sorted(items, key=lambda f: (-(f.affected_share and 0.0), f.factor))",
        "tests/test_survey_prioritise.py::test_standouts_are_suggested_by_share_affected_at_most_five",
    ),
    Slip(
        "a protective factor exactly at the benchmark is not on the unfavourable side",
        "survey/prioritise.py",
        'return self.difference > 0 if self.kind == "risk" else self.difference < 0',
        'return self.difference > 0 if self.kind == "risk" else self.difference <= 0',
        "tests/test_survey_prioritise.py::test_without_standouts_the_suggestion_takes_the_wrong_side_largest_gap_then_most_affected",
    ),
    Slip(
        "suggestions without standouts: equal gaps go to the factor affecting more young people",
        "survey/prioritise.py",
        "key=lambda f: (-abs(f.difference or 0.0), -(f.affected_share or 0.0), f.factor)",
        "key=lambda f: (-abs(f.difference or 0.0), -(f.affected_share and 0.0), f.factor)",
        "tests/test_survey_prioritise.py::test_without_standouts_the_suggestion_takes_the_wrong_side_largest_gap_then_most_affected",
    ),
    Slip(
        "the greedy portfolio fills each required level when there is room",
        "action_plan/portfolio.py",
        "        if options.size == 0 or not room():",
        "        if options.size == 0 or room():",
        "tests/test_portfolio.py::test_greedy_fills_each_required_level_when_it_can",
    ),
    Slip(
        "the greedy portfolio goes on while some programme still adds coverage",
        "action_plan/portfolio.py",
        "        if gains.max() <= 1e-15:",
        "        if gains.min() <= 1e-15:",
        "tests/test_portfolio.py::test_greedy_keeps_going_past_programmes_that_add_nothing",
    ),
    Slip(
        "the best single programme is the one that alone adds most",
        "action_plan/portfolio.py",
        "    gains = problem.reach @ (problem.weight * problem.uncovered)",
        "    gains = problem.reach @ (problem.weight / problem.uncovered)",
        "tests/test_portfolio.py::test_the_best_single_programme_is_the_one_that_alone_adds_most",
    ),
    Slip(
        "a portfolio search that stops reports a true upper bound",
        "action_plan/portfolio.py",
        "fixed = float(problem.weight[active].sum() + problem.weight[~active]",
        "fixed = float(problem.weight[active].sum() - problem.weight[~active]",
        "tests/test_portfolio.py::test_a_stopped_search_reports_a_true_upper_bound",
    ),
    Slip(
        "stability draws break ties like the shortlist (more matched factors first)",
        "action_plan/stability.py",
        "matched = (arrays.basis[rows][:, prio] > 0).sum(axis=1)",
        "matched = (arrays.basis[rows][:, prio] >= 0).sum(axis=1)",
        "tests/test_stability.py::test_equal_scores_break_ties_as_recommend_does",
    ),
    Slip(
        "a group of sub-areas stands out only on the unfavourable side",
        "areas/cluster.py",
        "        diff = c / n - rest_c / rest_n",
        "        diff = c / n + rest_c / rest_n",
        "tests/test_cluster.py::test_a_group_stands_out_only_on_the_unfavourable_side",
    ),
    Slip(
        "a grouping is contiguous only when every group is in one piece",
        "areas/cluster.py",
        "        contiguous = all(\n",
        "        contiguous = any(\n",
        "tests/test_cluster.py::test_a_group_in_two_pieces_is_reported_as_not_contiguous",
    ),
    Slip(
        "compare refuses only an area with no answers at all in the wave",
        "areas/compare.py",
        "elif not city.present[a, w].any():",
        "elif not city.present[a, w].all():",
        "tests/test_compare.py::test_an_area_asked_only_some_factors_in_a_wave_is_still_compared",
    ),
    Slip(
        "a group's figures pool its own sub-areas",
        "areas/cluster.py",
        "n = np.stack([matrix.respondents[labels == g].sum(axis=0) for g in groups])",
        "n = np.stack([matrix.respondents[labels != g].sum(axis=0) for g in groups])",
        "tests/test_cluster.py::test_a_group_stands_out_only_on_the_unfavourable_side",
    ),
    Slip(
        "cluster --wave uses that wave only",
        "areas/cluster.py",
        '        totals = totals[totals["wave"] == wave]',
        '        totals = totals[totals["wave"] != wave]',
        "tests/test_cluster.py::test_wave_chooses_one_wave_and_no_wave_pools_them_all",
    ),
    Slip(
        "a population per band counts only the profile's years of a band partly outside it",
        "inputs/profile.py",
        "count * inside[band_id] / (band.max - band.min + 1)",
        "count * inside[band_id] / (band.min - band.min + 1)",
        "tests/test_profile.py::test_population_is_counted_per_band_within_the_profiles_ages",
    ),
    Slip(
        "a YAML inventory's problems name the field as written, not the table column",
        "inputs/inventory_files.py",
        '        return _finish(path, records, False, doc.sha256, "utf-8")',
        '        return _finish(path, records, True, doc.sha256, "utf-8")',
        "tests/test_inventory.py::test_a_yaml_field_is_named_as_written_and_a_table_column_as_its_header",
    ),
    Slip(
        "a population band is refused only when wholly outside the profile's ages",
        "inputs/profile.py",
        "        if band.max < profile.ages.min or band.min > profile.ages.max:",
        "        if band.min < profile.ages.min or band.min > profile.ages.max:",
        "tests/test_profile.py::test_a_population_band_is_refused_only_when_wholly_outside_the_ages",
    ),
    Slip(
        "an extra cell in a long row is found whatever the other rows' lengths",
        "inputs/inventory_files.py",
        "    for index in range(max((len(row) for _, row in data), default=0)):",
        "    for index in range(min((len(row) for _, row in data), default=0)):",
        "tests/test_inventory_files.py::test_ragged_rows_are_reported",
    ),
    Slip(
        "explanations name a local catalogue file",
        "render/explain.py",
        'if not rec.origin.startswith("bundled:"):',
        'if rec.origin.startswith("bundled:"):',
        "tests/test_explain.py::test_a_programme_from_a_local_catalogue_file_names_that_file",
    ),
)

_SKIP = shutil.ignore_patterns(
    ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "golden", "demo"
)


def test_every_slip_names_a_line_that_is_there() -> None:
    for slip in SLIPS:
        count = (ROOT / slip.file).read_text(encoding="utf-8").count(slip.line)
        assert count == 1, f"{slip.behaviour}: the line is in {slip.file} {count} times; update the entry"
        node = slip.test.split("::")
        assert f"def {node[1]}(" in (ROOT / node[0]).read_text(encoding="utf-8"), f"no test {slip.test}"


def _runs_green_with(slip: Slip, work: Path) -> str | None:
    """Make the slip in a copy of the code and run its test; the test's output when it passed."""
    tree = work / f"slip{SLIPS.index(slip)}"
    shutil.copytree(ROOT, tree, ignore=_SKIP)
    path = tree / slip.file
    path.write_text(path.read_text(encoding="utf-8").replace(slip.line, slip.wrong, 1), encoding="utf-8")
    # the copy comes first on sys.path (python -m, run in the copy); no cached catalogue
    env = {**os.environ, "INSATSVAL_NO_CACHE": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    args = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", slip.test]
    done = subprocess.run(args, cwd=tree, env=env, capture_output=True, text=True, timeout=600)
    shutil.rmtree(tree, ignore_errors=True)
    if done.returncode == 1 and " failed" in done.stdout:
        return None
    return done.stdout[-1500:] + done.stderr[-500:]


def test_each_slip_fails_its_test(tmp_path: Path) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda s: (s, _runs_green_with(s, tmp_path)), SLIPS))
    green = [f"{slip.behaviour} ({slip.test}):\n{out}" for slip, out in results if out is not None]
    assert not green, "slips no test caught:\n" + "\n".join(green)
