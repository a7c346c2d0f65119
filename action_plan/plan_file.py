"""Build the plan file (:class:`inputs.plan_file.PlanFile`) from the brief and the implementation plan."""

from __future__ import annotations

from action_plan.implementation import ImplementationPlan
from brief import MeetingBrief
from catalog.catalogue import Catalogue
from inputs.plan_file import FactorGoal, PlanFile, PlannedProgrammeRecord


def plan_file(brief: MeetingBrief, catalogue: Catalogue, plan: ImplementationPlan) -> PlanFile:
    """What phase 5 needs: goals per factor (with indicators) and the programmes with who, whom, how many, when."""
    profile = brief.loaded.profile
    taxonomy = catalogue.taxonomy
    coverage: dict[str, list[float]] = {}
    for cell in brief.gaps.cells if brief.inventory is not None else []:
        coverage.setdefault(cell.factor, []).append(cell.coverage)
    behaviours = set(taxonomy.behaviour_ids)
    goals = [
        FactorGoal(
            factor=p.factor,
            rank=i,
            weight=round(float(w), 6),
            goal=plan.goals.get(p.factor),
            indicator=p.factor if taxonomy.factors_by_id[p.factor].survey_scale else None,
            behaviours=list(taxonomy.factors_by_id[p.factor].predicts),
            coverage_before=round(sum(coverage[p.factor]) / len(coverage[p.factor]), 4)
            if p.factor in coverage
            else None,
            programmes=[r.programme.id for r in plan.rows if p.factor in r.factors],
        )
        for i, (p, w) in enumerate(zip(profile.priorities, profile.weights(), strict=True), start=1)
    ]
    return PlanFile(
        area=profile.area,
        profile_sha256=brief.loaded.doc.sha256,
        catalogue_version=catalogue.version,
        price_year=plan.price_year,
        chosen_by=plan.chosen_by,
        start=plan.start,
        budget_sek=profile.budget_sek,
        staff_hours=profile.staff_hours,
        goals=goals,
        behaviour_goals={k: v for k, v in plan.goals.items() if k in behaviours},
        programmes=[
            PlannedProgrammeRecord(
                id=r.programme.id,
                name=r.programme.name,
                level=r.level,
                ages=r.ages,
                responsible=r.responsible,
                responsible_basis=r.responsible_basis,
                participants=r.participants,
                cost_sek=None if r.cost_sek is None else round(r.cost_sek, 2),
                start=r.start,
                factors=list(r.factors),
                indicators=list(r.indicators),
            )
            for r in plan.rows
        ],
    )


def plan_yaml(document: PlanFile) -> str:
    """The plan file as YAML text (UTF-8 characters kept, keys in the model's order)."""
    import yaml

    header = "# insatsval plan file (schemas/plan.schema.json): goals and programmes for the follow-up (phase 5).\n"
    return header + yaml.safe_dump(document.model_dump(mode="json"), allow_unicode=True, sort_keys=False)
