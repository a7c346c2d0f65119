"""Checks on catalogue records that need the taxonomy or the evidence scale.

The schema (:mod:`inputs.programme`) checks each record on its own. The checks here
relate a record to the rest of the data: that its factor ids exist, that its rating
labels are ones the evidence scale maps, that a negative rating is explained by a
warning. Each check returns :class:`~inputs.problems.Problem` objects located inside
the record (``loc`` relative to the record), so the loader can add file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from inputs.evidence_scale import TIER_ORDER, EvidenceScale
from inputs.factor_phrases import PhraseTable, normalise_phrase
from inputs.problems import Code, Loc, Problem
from inputs.programme import Programme
from inputs.suggest import suggest
from inputs.taxonomy import Taxonomy
from inputs.vocabulary import LocalText


def _unknown(code: Code, loc: tuple[str | int, ...], value: str, choices: Sequence[str]) -> Problem:
    return Problem(file=None, code=code, loc=loc, params={"value": value, "suggestions": suggest(value, choices)})


def check_cross_references(programme: Programme, taxonomy: Taxonomy, scale: EvidenceScale) -> list[Problem]:
    """Problems that make a record unusable: unknown ids, labels and kinds, ages out of scope."""
    return list(_cross_reference_problems(programme, taxonomy, scale))


def _cross_reference_problems(programme: Programme, taxonomy: Taxonomy, scale: EvidenceScale) -> Iterator[Problem]:
    for i, tag in enumerate(programme.factors):
        if tag.factor not in taxonomy.factor_index:
            yield _unknown(Code.UNKNOWN_FACTOR, ("factors", i, "factor"), tag.factor, taxonomy.factor_ids)
    for i, outcome in enumerate(programme.outcomes):
        if outcome.behaviour not in taxonomy.behaviour_ids:
            yield _unknown(
                Code.UNKNOWN_BEHAVIOUR, ("outcomes", i, "behaviour"), outcome.behaviour, taxonomy.behaviour_ids
            )
    for i, rating in enumerate(programme.ratings):
        registry = scale.registries_by_id.get(rating.registry)
        if registry is None:
            yield _unknown(
                Code.UNKNOWN_REGISTRY, ("ratings", i, "registry"), rating.registry, list(scale.registries_by_id)
            )
        elif scale.tier_of_rating(rating) is None:
            labels = [m.label for m in registry.labels]
            yield Problem(
                file=None,
                code=Code.UNKNOWN_RATING_LABEL,
                loc=("ratings", i, "label"),
                params={"value": rating.label, "registry": registry.id, "labels": "; ".join(labels)},
            )
    for i, warning in enumerate(programme.warnings):
        if warning.kind not in scale.warning_kinds_by_id:
            yield _unknown(
                Code.UNKNOWN_WARNING_KIND, ("warnings", i, "kind"), warning.kind, list(scale.warning_kinds_by_id)
            )
        for level in warning.levels or []:
            if level not in programme.levels:
                yield Problem(
                    file=None,
                    code=Code.WARNING_LEVEL_NOT_OFFERED,
                    loc=("warnings", i, "levels"),
                    params={"level": level, "levels": ", ".join(programme.levels)},
                )
    for i, evaluation in enumerate(programme.evaluations):
        if scale.tier_of_evaluation(evaluation) is None:
            valid = [r.result for r in scale.evaluations.tiers if r.design == evaluation.design]
            yield Problem(
                file=None,
                code=Code.INVALID_EVALUATION,
                loc=("evaluations", i, "result"),
                params={"design": evaluation.design, "value": evaluation.result, "results": ", ".join(valid)},
            )
    if programme.ages.min > taxonomy.max_age:
        yield Problem(
            file=None,
            code=Code.AGES_OUT_OF_SCOPE,
            loc=("ages", "min"),
            params={"min": programme.ages.min, "max_age": taxonomy.max_age},
        )


def check_factor_lists(programme: Programme, phrases: PhraseTable) -> list[Problem]:
    """Listed tags and published factor lists must say the same, through the mapping table.

    * every phrase of a list is in the table (mapped to factors, or to none with a reason);
    * every factor a phrase maps to is tagged ``listed``, with the list's URL as its source;
    * every ``listed`` tag is backed by such a phrase.
    """
    problems: list[Problem] = []
    tags = {tag.factor: (i, tag) for i, tag in enumerate(programme.factors)}
    backing: dict[str, set[str]] = {}
    for li, factor_list in enumerate(programme.factor_lists):
        for pi, phrase in enumerate(factor_list.phrases):
            entry = phrases.by_phrase.get(normalise_phrase(phrase))
            loc = ("factor_lists", li, "phrases", pi)
            if entry is None:
                problems.append(Problem(file=None, code=Code.PHRASE_NOT_MAPPED, loc=loc, params={"phrase": phrase}))
                continue
            for factor in entry.factors:
                backing.setdefault(factor, set()).add(factor_list.source)
                found = tags.get(factor)
                if found is None or found[1].basis != "listed":
                    params = {"phrase": phrase, "factor": factor, "tagged": "mapped" if found else "-"}
                    problems.append(Problem(file=None, code=Code.PHRASE_FACTOR_NOT_TAGGED, loc=loc, params=params))
    for factor, (i, tag) in tags.items():
        if tag.basis != "listed":
            continue
        if factor not in backing:
            problems.append(
                Problem(
                    file=None, code=Code.LISTED_WITHOUT_PHRASE, loc=("factors", i, "basis"), params={"factor": factor}
                )
            )
        elif tag.source not in backing[factor]:
            params = {"factor": factor, "sources": ", ".join(sorted(backing[factor]))}
            problems.append(
                Problem(file=None, code=Code.LISTED_SOURCE_NOT_A_LIST, loc=("factors", i, "source"), params=params)
            )
    return problems


def check_phrase_table(phrases: PhraseTable, taxonomy: Taxonomy) -> list[Problem]:
    """Every factor the mapping table names exists in the taxonomy."""
    return [
        Problem(
            file=None,
            code=Code.UNKNOWN_PHRASE_FACTOR,
            loc=("phrases", i, "factors"),
            params={"phrase": entry.phrase, "value": factor, "suggestions": suggest(factor, taxonomy.factor_ids)},
        )
        for i, entry in enumerate(phrases.phrases)
        for factor in entry.factors
        if factor not in taxonomy.factor_index
    ]


def _untranslated(programme: Programme) -> list[tuple[Loc, LocalText]]:
    """Every text printed in both languages, with where it is (summary and warnings have their own codes)."""
    texts: list[tuple[Loc, LocalText | None]] = [(("ages", "note"), programme.ages.note)]
    texts += [(("factors", i, "note"), t.note) for i, t in enumerate(programme.factors)]
    texts += [(("ratings", i, "note"), r.note) for i, r in enumerate(programme.ratings)]
    texts += [(("evaluations", i, "outcome"), e.outcome) for i, e in enumerate(programme.evaluations)]
    texts += [(("availability_sweden", "note"), programme.availability_sweden.note)]
    if programme.delivery is not None:
        texts.append((("delivery", "summary"), programme.delivery.summary))
    return [(loc, text) for loc, text in texts if text is not None]


#: Words that make a plain-text developer more than a list of names (outside parentheses, which
#: hold expansions such as "STAD (Stockholm Prevents Alcohol and Drug Problems)").
_PROSE_WORDS = frozenset(
    [
        "and",
        "with",
        "by",
        "now",
        "founded",
        "founder",
        "evaluated",
        "disseminated",
        "distributed",
        "published",
        "delivered",
        "developed",
        "based",
        "since",
        "under",
        "licence",
        "led",
        "colleagues",
        "version",
        "pilot",
        "administered",
        "funding",
        "revised",
        "tested",
        "builds",
        "adaptation",
        "deceased",
        "purveyor",
        "trial",
        "from",
        "in",
        "materials",
        "owned",
        "offered",
        "started",
        "many",
        "providers",
        "och",
        "med",
        "av",
        "nu",
        "sedan",
        "grundad",
        "utvärderad",
    ]
)


def _developer_prose_word(developer: str) -> str | None:
    """The first word that needs translating in a plain-text developer, or None for names only."""
    outside = re.sub(r"\([^)]*\)", " ", developer)
    for name in ("University of", "Institute of", "Centers of", "Sisters of", "Center for", "Centre for"):
        outside = outside.replace(name, " ")
    return next((w for w in re.findall(r"[^\W\d]+", outside) if w in _PROSE_WORDS), None)


def check_meaning(programme: Programme, scale: EvidenceScale, phrases: PhraseTable | None = None) -> list[Problem]:
    """Lint rules: the record is usable but says something inconsistent or unsupported."""
    problems: list[Problem] = check_factor_lists(programme, phrases) if phrases is not None else []
    tiers = [scale.tier_of_rating(r) for r in programme.ratings]
    known = [t for t in tiers if t is not None]
    best = min(known, key=TIER_ORDER.index) if known else None
    negative = {"no_effect", "harmful"}
    for i, (rating, tier) in enumerate(zip(programme.ratings, tiers, strict=True)):
        if tier in negative and best not in negative and not programme.warnings:
            problems.append(
                Problem(
                    file=None,
                    code=Code.NEGATIVE_RATING_WITHOUT_WARNING,
                    loc=("ratings", i, "label"),
                    params={"registry": rating.registry, "label": rating.label},
                )
            )
    if programme.summary.sv.strip() == programme.summary.en.strip():
        problems.append(Problem(file=None, code=Code.SUMMARY_NOT_TRANSLATED, loc=("summary",)))
    for i, warning in enumerate(programme.warnings):
        if warning.text.sv.strip() == warning.text.en.strip():
            problems.append(Problem(file=None, code=Code.WARNING_NOT_TRANSLATED, loc=("warnings", i, "text")))
    for loc, text in _untranslated(programme):
        # a short name or figure may read the same in both languages; a sentence may not
        if text.sv.strip() == text.en.strip() and len(text.en.split()) > 3:
            problems.append(Problem(file=None, code=Code.TEXT_NOT_TRANSLATED, loc=loc))
    if isinstance(programme.developer, str) and (word := _developer_prose_word(programme.developer)):
        problems.append(Problem(file=None, code=Code.DEVELOPER_NOT_NAMES, loc=("developer",), params={"word": word}))
    if programme.checked is None:
        problems.append(Problem(file=None, code=Code.NOT_CHECKED, loc=("checked",), params={}))
    return problems
