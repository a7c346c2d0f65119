"""The ``insatsval`` command line: parse options, call the library, print.

Every decision lives in the packages below it (:mod:`inputs`, :mod:`catalog`,
:mod:`recommender`, :mod:`gap_analysis`, :mod:`brief`, :mod:`render`); this module only wires
options to those functions and prints.

Exit codes: 0 success; 1 bad input, or a check that failed (``catalog lint``); 2 wrong
command-line usage; 3 an internal error (a bug: please report it; ``--debug`` shows the
traceback).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from inputs.names import DOMAIN_NAMES, LEVEL_NAMES, Lang, canonical_domain, canonical_level
from inputs.problems import Code, InputError, Problem
from render.i18n import language_from, translate, translate_help, use_language

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
MAX_PROBLEMS_SHOWN = 20
EXIT_INPUT, EXIT_INTERNAL = 1, 3
_warned_about_lang = False


# --- help and messages in the run's language ---------------------------------------------
class TranslatedOption(click.Option):
    """An option whose help (and shown default, and metavar) is translated when help is printed."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        help_text, show_default, metavar = self.help, self.show_default, self.metavar
        self.help = translate(help_text or "") or None
        if isinstance(show_default, str):
            self.show_default = translate(show_default)
        if metavar:
            self.metavar = translate(metavar)
        try:
            return super().get_help_record(ctx)
        finally:
            self.help, self.show_default, self.metavar = help_text, show_default, metavar


class TranslatedArgument(click.Argument):
    """An argument whose name in usage lines and errors is translated (PROFILE -> PROFIL)."""

    def make_metavar(self, ctx: click.Context) -> str:
        return translate(super().make_metavar(ctx))


def _translated_usage(pieces: list[str]) -> list[str]:
    return [translate(piece) for piece in pieces]


class TranslatedHelp(click.Command):
    """Mixed into commands and groups: usage, help text and short help are translated when printed."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return _translated_usage(super().collect_usage_pieces(ctx))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _with_translated_help(self, lambda: super(TranslatedHelp, self).format_help_text(ctx, formatter))

    def get_short_help_str(self, limit: int = 45) -> str:
        return str(_with_translated_help(self, lambda: super(TranslatedHelp, self).get_short_help_str(limit)))


class TranslatedCommand(TranslatedHelp):
    """A command whose help text is translated when help is printed."""


class TranslatedGroup(TranslatedHelp, click.Group):
    command_class = TranslatedCommand
    group_class = type  # sub-groups are of this same class


def _with_translated_help(command: click.Command, action: Callable[[], Any]) -> Any:
    original = command.help
    command.help = translate_help(original) if original else None
    try:
        return action()
    finally:
        command.help = original


class FilePath(click.Path):
    """A file argument; an impossible path (a NUL character) is a usage error, not a traceback."""

    def __init__(self) -> None:
        super().__init__(path_type=Path, dir_okay=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and "\0" in value:
            from inputs.problems import problem_message

            problem = Problem(file=repr(value), code=Code.PATH_INVALID)
            self.fail(f"{value!r}: {problem_message(problem, current_language())}", param, ctx)
        return super().convert(value, param, ctx)


option = functools.partial(click.option, cls=TranslatedOption)
argument = functools.partial(click.argument, cls=TranslatedArgument)


def current_language() -> Lang:
    """The language of the run in progress (set by :class:`InsatsvalGroup`)."""
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    lang: Lang = root.meta.get("insatsval.lang", "sv") if root else "sv"
    return lang


def report_problems(problems: Sequence[Problem], lang: Lang) -> None:
    """Print problems to stderr, one paragraph each."""
    from inputs.problems import first_problems
    from render.labels import text
    from render.messages import format_problem

    shown = first_problems(problems, MAX_PROBLEMS_SHOWN)
    for problem in shown:
        click.echo(f"{text('error_prefix', lang)}: {format_problem(problem, lang)}", err=True)
    if len(problems) > len(shown):
        click.echo(text("more_problems", lang, count=len(problems) - len(shown)), err=True)


class InsatsvalGroup(TranslatedGroup):
    """The top-level group: chooses the language before parsing, and turns errors into exit codes."""

    def main(self, args: Sequence[str] | None = None, *params: Any, **extra: Any) -> Any:
        global _warned_about_lang
        argv = list(sys.argv[1:] if args is None else args)
        lang, unsupported = language_from(argv, os.environ)
        if unsupported is not None and not _warned_about_lang:
            from render.labels import text

            _warned_about_lang = True
            click.echo(text("lang_unsupported", lang, value=unsupported), err=True)
        with use_language(lang):
            return super().main(argv, *params, **extra)

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        lang = language_from(list(args), os.environ)[0]  # before parsing, which consumes the group's options
        ctx = super().make_context(info_name, args, parent, **extra)
        if parent is None:  # sub-groups (survey, catalog) see only their part of the command line
            ctx.meta["insatsval.lang"] = lang
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except InputError as exc:
            if ctx.params.get("debug"):
                raise
            report_problems(exc.problems, current_language())
            ctx.exit(EXIT_INPUT)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except Exception:
            if ctx.params.get("debug"):
                raise
            from render.labels import text

            click.echo(text("internal_error", current_language()), err=True)
            ctx.exit(EXIT_INTERNAL)


# --- shared options --------------------------------------------------------------------
def lang_option(f: F) -> F:
    return option(
        "--lang",
        type=click.Choice(["sv", "en"]),
        # the language read from the whole command line, so `insatsval --lang en gaps ...` works too
        default=current_language,
        help="Language of everything people read (default sv, or $INSATSVAL_LANG).",
    )(f)


def format_option(*choices: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return option(
            "--format",
            "fmt",
            type=click.Choice(list(choices)),
            default=choices[0],
            show_default=True,
            help="Output format.",
        )(f)

    return decorate


def csv_dialect_option(f: F) -> F:
    return option(
        "--csv-dialect",
        type=click.Choice(["standard", "excel-sv"]),
        default="standard",
        show_default=True,
        help="CSV flavour: standard (',' and '.') or excel-sv (';', decimal comma, BOM) for Swedish Excel.",
    )(f)


def as_of_option(f: F) -> F:
    return option(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Date to check funding against; default today.",
    )(f)


def settings_option(f: F) -> F:
    return option(
        "--settings",
        "--weights",
        "settings",
        metavar="FILE",
        type=FilePath(),
        help="YAML file overriding weights and thresholds (docs/method.md).",
    )(f)


def catalog_options(f: F) -> F:
    f = option(
        "--catalog",
        "catalogs",
        multiple=True,
        metavar="FILE",
        type=FilePath(),
        help="Extra catalogue file layered on the bundled one (repeatable; later files win).",
    )(f)
    return option("--no-bundled", is_flag=True, help="Do not start from the bundled catalogue.")(f)


def _load_catalogue(catalogs: tuple[Path, ...], no_bundled: bool) -> Any:
    from catalog.catalogue import load_catalogue

    return load_catalogue(list(catalogs), include_bundled=not no_bundled)


def _labels(lang: Lang, catalogue: Any) -> Any:
    from render.labels import Labels

    return Labels(lang, catalogue.taxonomy, catalogue.scale)


# --- the group -------------------------------------------------------------------------
@click.group(name="insatsval", cls=InsatsvalGroup, context_settings=CONTEXT_SETTINGS)
# the version is looked up only when asked for: importlib.metadata at every start would slow --help
@click.version_option(None, "-V", "--version", package_name="insatsval", prog_name="insatsval", cls=TranslatedOption)
@option("--debug", is_flag=True, help="Show a full traceback when something goes wrong.")
@option(
    "--lang",
    type=click.Choice(["sv", "en"]),
    expose_value=False,
    help="Language of everything people read (default sv, or $INSATSVAL_LANG).",
)
def cli(debug: bool) -> None:
    """insatsval: choose evidence-based prevention programmes for a CTC area plan.

    \b
    Start with:
      insatsval recommend examples/familj-10-15.yaml
      insatsval factors
      insatsval programmes --factor family_conflict --age 12
    """


def plan_options(f: F) -> F:
    """Options shared by recommend, gaps and plan."""
    f = option(
        "--resources",
        metavar="FILE",
        type=FilePath(),
        help="Inventory of existing resources (.yaml, .csv or .xlsx); overrides 'resources:' in the profile.",
    )(f)
    f = as_of_option(f)
    f = settings_option(f)
    return catalog_options(f)


def suffix_check(module: str, code: Code) -> Callable[[click.Context, click.Parameter, tuple[Path, ...]], Any]:
    """A click callback: a file suffix not in ``module.SUFFIXES`` is a usage error (exit 2).

    It runs while the options are parsed, so a typo fails before anything is computed; the
    module is imported only then, which keeps ``--help`` light.
    """

    def check(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> tuple[Path, ...]:
        import importlib

        from inputs.problems import problem_message

        suffixes = importlib.import_module(module).SUFFIXES
        for path in value:
            if path.suffix.lower() not in suffixes:
                problem = Problem(file=path, code=code, params={"suffix": path.suffix or "-"})
                raise click.BadParameter(f"'{path}': {problem_message(problem, current_language())}")
        return value

    return check


def export_options(f: F) -> F:
    """--export, --force and --csv-dialect, shared by recommend, gaps and plan."""
    f = option(
        "--export",
        "exports",
        multiple=True,
        callback=suffix_check("render.exports", Code.EXPORT_SUFFIX),
        metavar="FILE",
        type=FilePath(),
        help="Also write FILE; the format follows the suffix: .xlsx .html .md .csv .json .docx .yaml (repeatable).",
    )(f)
    f = option("--force", is_flag=True, help="Replace export files that already exist.")(f)
    return csv_dialect_option(f)


def _brief(profile: Path, options: dict[str, Any], top: int | None = None) -> tuple[Any, Any]:
    """The catalogue and the meeting brief for ``profile`` with the shared plan options (top=None: rank all)."""
    from brief import build_brief
    from inputs.profile import load_profile
    from inputs.settings import load_settings

    catalogue = _load_catalogue(options["catalogs"], options["no_bundled"])
    loaded = load_profile(profile, catalogue.taxonomy)
    as_of = options["as_of"]
    brief = build_brief(
        catalogue,
        loaded,
        load_settings(options["settings"]),
        resources_path=options["resources"],
        settings_path=options["settings"],
        as_of=as_of.date() if as_of else None,
        top=top,
    )
    return catalogue, brief


def _print_output(
    command: str,
    fmt: str,
    profile: Path,
    top: int | None,
    lang: Lang,
    options: dict[str, Any],
    choose: tuple[str, ...] | None = None,
) -> None:
    """recommend, gaps and plan: build the brief, write any exports, then print ``fmt``.

    Printing and exporting go through one renderer, so what is printed and what is exported
    in the same format are the same bytes.
    """
    from render.exports import export_all
    from render.outputs import render_output

    catalogue, brief = _brief(profile, options, top)
    L = _labels(lang, catalogue)
    extras = _plan_extras(brief, catalogue, choose) if choose is not None else None
    if options["exports"]:
        written = export_all(
            options["exports"],
            options["force"],
            command,  # type: ignore[arg-type]
            brief,
            catalogue,
            L,
            options["csv_dialect"],
            extras,
        )
        for path in written:
            click.echo(L("export_written", file=str(path)), err=True)
    data = render_output(command, fmt, brief, catalogue, L, options["csv_dialect"], extras)  # type: ignore[arg-type]
    click.echo(data.decode("utf-8"), nl=False)


@cli.command()
@argument("profile", type=FilePath())
@option(
    "--top", metavar="N", type=click.IntRange(min=1), default=10, show_default=True, help="How many programmes to list."
)
@option(
    "--stability",
    metavar="N",
    type=click.IntRange(min=1),
    help="Also perturb priority weights and evidence multipliers N times and say how sure the top N is.",
)
@option("--seed", metavar="S", type=int, default=1, show_default=True, help="Random seed for --stability.")
@format_option("table", "json", "csv", "md")
@lang_option
@plan_options
@export_options
def recommend(profile: Path, top: int, fmt: str, lang: Lang, stability: int | None, seed: int, **options: Any) -> None:
    """Rank programmes for an area profile and explain each one.

    With an inventory (--resources, or 'resources:' in the profile) the ranking weighs what
    is still uncovered, and programmes already in place are listed instead of proposed.

    \b
    Example:
      insatsval recommend examples/familj-10-15.yaml --top 5 --lang en
      insatsval recommend examples/skola-6-12.yaml --format json > shortlist.json
      insatsval recommend examples/familj-10-15.yaml --top 5 --stability 1000 --seed 7
    """
    if stability is not None:
        _recommend_with_stability(profile, top, fmt, lang, stability, seed, options)
        return
    _print_output("recommend", fmt, profile, top, lang, options)


@cli.command()
@argument("profile", type=FilePath())
@format_option("table", "json", "csv", "md")
@lang_option
@plan_options
@export_options
def gaps(profile: Path, fmt: str, lang: Lang, **options: Any) -> None:
    """Resource and gap analysis: coverage per prioritised factor and age band.

    \b
    Example:
      insatsval gaps examples/familj-10-15.yaml
      insatsval gaps examples/skola-6-12.yaml --resources inventering.xlsx --format json
    """
    _print_output("gaps", fmt, profile, None, lang, options)


@cli.command()
@argument("profile", type=FilePath())
@option(
    "--top",
    metavar="N",
    type=click.IntRange(min=1),
    default=8,
    show_default=True,
    help="How many programmes to propose.",
)
@option(
    "--choose",
    multiple=True,
    metavar="ID",
    help="A programme the plan has chosen (repeatable); default: action_plan.programmes in the profile.",
)
@format_option("table", "json", "csv", "md")
@lang_option
@plan_options
@export_options
def plan(profile: Path, top: int, choose: tuple[str, ...], fmt: str, lang: Lang, **options: Any) -> None:
    """Everything for phase 4: priorities, resources, gaps, shortlist, goals, goal chain, implementation plan.

    \b
    Example:
      insatsval plan examples/familj-10-15.yaml
      insatsval plan examples/familj-10-15.yaml --export plan.xlsx --export plan.html --export plan.docx
      insatsval plan examples/familj-10-15.yaml --export plan.yaml   # the plan file for the follow-up
      insatsval plan examples/familj-10-15.yaml --lang en --format md > plan.md
    """
    _print_output("plan", fmt, profile, top, lang, options, choose)


@cli.command()
@format_option("table", "json", "csv", "md")
@lang_option
def factors(fmt: str, lang: Lang) -> None:
    """List the CTC risk and protective factors (ids to use in profiles).

    \b
    Example:
      insatsval factors --lang en
    """
    from catalog.bundled import load_evidence_scale, load_taxonomy
    from render.catalogue_views import render_factors
    from render.labels import Labels

    taxonomy = load_taxonomy()
    click.echo(render_factors(taxonomy, Labels(lang, taxonomy, load_evidence_scale()), fmt), nl=False)


def _level(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    return canonical_level(value) if value is not None else None


def _domain(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    return canonical_domain(value) if value is not None else None


@cli.command()
@option("--factor", help="Only programmes that target this factor (id, or its Swedish or English name).")
@option("--age", metavar="N", type=click.IntRange(min=0), help="Only programmes that serve this age (years).")
@option(
    "--level",
    type=click.Choice(LEVEL_NAMES, case_sensitive=False),
    callback=_level,
    help="Only programmes offered at this level.",
)
@option(
    "--domain",
    type=click.Choice(DOMAIN_NAMES, case_sensitive=False),
    callback=_domain,
    help="Only programmes working in this domain.",
)
@format_option("table", "json", "csv", "md")
@lang_option
@catalog_options
def programmes(
    factor: str | None,
    age: int | None,
    level: str | None,
    domain: str | None,
    fmt: str,
    lang: Lang,
    catalogs: tuple[Path, ...],
    no_bundled: bool,
) -> None:
    """Search the programme catalogue.

    \b
    Example:
      insatsval programmes --factor poor_family_management --age 12 --level universal
    """
    from catalog.search import filter_programmes
    from inputs.profile import resolve_factor
    from render.catalogue_views import render_programme_list

    catalogue = _load_catalogue(catalogs, no_bundled)
    factor_id = None
    if factor is not None:
        factor_id, problem = resolve_factor(factor, catalogue.taxonomy)
        if problem is not None:
            raise InputError([problem])
    found = filter_programmes(catalogue, factor=factor_id, age=age, level=level, domain=domain)
    click.echo(render_programme_list(found, catalogue, _labels(lang, catalogue), fmt), nl=False)


@cli.command()
@argument("programme_id")
@format_option("table", "json", "md")
@lang_option
@catalog_options
def show(programme_id: str, fmt: str, lang: Lang, catalogs: tuple[Path, ...], no_bundled: bool) -> None:
    """Show everything the catalogue says about one programme, with sources.

    PROGRAMME_ID is the programme's id in any case (gbg_pax, GBG_PAX), or its name.

    \b
    Example:
      insatsval show gbg_pax --lang en
    """
    from catalog.search import find_programme
    from inputs.suggest import suggest
    from render.catalogue_views import render_programme_detail

    catalogue = _load_catalogue(catalogs, no_bundled)
    programme = find_programme(catalogue, programme_id)
    if programme is None:
        suggestions = suggest(programme_id.strip().lower(), list(catalogue.by_id))
        raise InputError(
            [
                Problem(
                    file=None, code=Code.UNKNOWN_PROGRAMME, params={"value": programme_id, "suggestions": suggestions}
                )
            ]
        )
    click.echo(render_programme_detail(programme, catalogue, _labels(lang, catalogue), fmt), nl=False)


@cli.group()
def catalog() -> None:
    """Tools for analysts who curate the catalogue: lint, stats, diff.

    \b
    Example:
      insatsval catalog lint
      insatsval catalog stats --format json
      insatsval catalog diff old.yaml new.yaml
    """


@catalog.command("lint")
@argument("files", nargs=-1, type=FilePath())
@option("--with-bundled", is_flag=True, help="Lint FILES as layers on top of the bundled catalogue.")
@option(
    "--phrases",
    "phrases_path",
    metavar="FILE",
    type=FilePath(),
    default=None,
    help="Mapping table of factor-list wordings to use instead of the bundled one.",
)
@format_option("table", "json")
@lang_option
def catalog_lint(files: tuple[Path, ...], with_bundled: bool, phrases_path: Path | None, fmt: str, lang: Lang) -> None:
    """Check catalogue files: schema, ids, labels, ages, sources, URLs, warnings.

    Without FILES the bundled catalogue is checked. Exit code 1 when anything is wrong.

    \b
    Example:
      insatsval catalog lint
      insatsval catalog lint --with-bundled my-department.yaml
      insatsval catalog lint --phrases proposed-factor-phrases.yaml
    """
    from catalog.bundled import load_evidence_scale, load_taxonomy
    from catalog.lint import lint_catalogue_files
    from render.catalogue_tools import render_lint
    from render.labels import Labels

    taxonomy, scale = load_taxonomy(), load_evidence_scale()
    report = lint_catalogue_files(list(files), taxonomy, scale, with_bundled=with_bundled, phrases_path=phrases_path)
    click.echo(render_lint(report, Labels(lang, taxonomy, scale), fmt), nl=False)
    sys.exit(0 if report.ok else EXIT_INPUT)


@catalog.command("stats")
@option(
    "--thin-below",
    metavar="N",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Fewer programmes than this is 'thin'.",
)
@option(
    "--by",
    type=click.Choice(["factor", "programme"]),
    default="factor",
    show_default=True,
    help="One row per factor (coverage) or per programme (where its factor tags come from).",
)
@format_option("table", "json", "csv", "md")
@lang_option
@catalog_options
def catalog_stats(thin_below: int, by: str, fmt: str, lang: Lang, catalogs: tuple[Path, ...], no_bundled: bool) -> None:
    """How many programmes target each factor, by level and age band; where tags come from.

    \b
    Example:
      insatsval catalog stats --lang en
      insatsval catalog stats --by programme
      insatsval catalog stats --format json > coverage.json
    """
    from catalog.bundled import load_phrase_table
    from catalog.stats import factor_stats, tag_stats
    from render.catalogue_tools import render_stats

    catalogue = _load_catalogue(catalogs, no_bundled)
    stats = factor_stats(catalogue, thin_below=thin_below)
    tags = tag_stats(catalogue, catalogue.phrase_table(load_phrase_table()))
    L = _labels(lang, catalogue)
    click.echo(render_stats(stats, catalogue.taxonomy, tags, L, fmt, thin_below, by), nl=False)


@catalog.command("diff")
@argument("old", type=FilePath())
@argument("new", type=FilePath())
@format_option("table", "json", "md")
@lang_option
def catalog_diff(old: Path, new: Path, fmt: str, lang: Lang) -> None:
    """What changed between two catalogue files: programmes, tags, ratings, ages, costs.

    \b
    Example:
      insatsval catalog diff catalog/programmes.yaml proposed.yaml
    """
    from catalog.catalogue import load_catalogue
    from catalog.diff import diff_catalogues
    from render.catalogue_tools import render_diff

    before = load_catalogue([old], include_bundled=False)
    after = load_catalogue([new], taxonomy=before.taxonomy, scale=before.scale, include_bundled=False)
    click.echo(render_diff(diff_catalogues(before, after), _labels(lang, before), fmt), nl=False)


# --- phases 3 and 5: survey data (survey aggregate, prioritise, follow-up, synth) ---------------
def survey_threshold_options(f: F) -> F:
    """--min-respondents and --allow-below-10, shared by the survey commands."""
    f = option(
        "--min-respondents",
        "threshold",
        metavar="N",
        type=click.IntRange(min=1),
        default=10,
        show_default=True,
        help="Hide every figure from fewer respondents than N (raising it is always allowed).",
    )(f)
    return option(
        "--allow-below-10", is_flag=True, help="Allow --min-respondents below 10; every output then says so."
    )(f)


def _survey_threshold(threshold: int, allow_below_10: bool) -> int:
    from survey.suppression import check_threshold

    try:
        check_threshold(threshold, allow_below_10)
    except ValueError:
        problem = Problem(file=None, code=Code.SURVEY_THRESHOLD_TOO_LOW, params={"threshold": threshold})
        raise InputError([problem]) from None
    return threshold


def _survey_labels(lang: Lang) -> Any:
    from catalog.bundled import load_evidence_scale, load_taxonomy
    from render.labels import Labels

    return Labels(lang, load_taxonomy(), load_evidence_scale())


def _benchmark(value: str, taxonomy: Any) -> Any:
    """None for the rest of the city, else the aggregates read from the benchmark file."""
    from inputs.survey_tables import read_aggregates

    if value.strip().lower() in ("city", "staden", "stad"):
        return None
    return read_aggregates(Path(value), taxonomy)


def _write_survey_exports(exports: tuple[Path, ...], force: bool, render: Callable[[str], bytes], lang: Lang) -> None:
    from render.exports import plan_exports, write_all_or_nothing
    from render.labels import text

    requests = plan_exports(exports, force)
    write_all_or_nothing([(r.path, render(r.format)) for r in requests])
    for r in requests:
        click.echo(text("export_written", lang, file=str(r.path)), err=True)


def survey_output_options(f: F) -> F:
    """--benchmark, --export, --force and --csv-dialect, shared by prioritise and follow-up."""
    f = option(
        "--benchmark",
        default="city",
        show_default=True,
        metavar="city|FILE",
        help="Compare with the rest of the city (the file's other areas) or with an aggregate FILE.",
    )(f)
    return export_options(f)


@cli.group()
def survey() -> None:
    """Survey data for phase 3: respondent answers to aggregates, and made-up example data.

    \b
    Example:
      insatsval survey synth --out exempel-enkat
      insatsval survey aggregate exempel-enkat/svar.csv --codebook exempel-enkat/kodbok.yaml --out aggregat.csv
    """


@survey.command("aggregate")
@argument("responses", type=FilePath())
@option("--codebook", metavar="FILE", type=FilePath(), required=True, help="The codebook (YAML) of the survey.")
@option("--out", metavar="FILE", type=FilePath(), required=True, help="Aggregate file to write (.csv or .xlsx).")
@option("--force", is_flag=True, help="Replace the file if it exists.")
@survey_threshold_options
@lang_option
def survey_aggregate(
    responses: Path, codebook: Path, out: Path, force: bool, threshold: int, allow_below_10: bool, lang: Lang
) -> None:
    """Turn respondent answers into aggregates per area, wave, grade and factor (small cells hidden).

    Only counts leave the analyst's machine: pupils with a valid score and pupils past the
    factor's cut-point, with a total row per area over all grades.

    \b
    Example:
      insatsval survey aggregate svar.csv --codebook kodbok.yaml --out aggregat.csv
    """
    from catalog.bundled import load_taxonomy
    from inputs.codebook import read_codebook
    from render.exports import plan_exports, write_all_or_nothing
    from render.survey_writers import aggregates_bytes
    from survey.aggregate import aggregate
    from survey.responses import read_responses

    threshold = _survey_threshold(threshold, allow_below_10)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise InputError([Problem(file=out, code=Code.SURVEY_TABLE_FORMAT, params={"suffix": out.suffix or "-"})])
    plan_exports([out], force)
    taxonomy = load_taxonomy()
    book = read_codebook(codebook, taxonomy)
    result = aggregate(read_responses(responses, book), book, taxonomy, threshold)
    L = _survey_labels(lang)
    write_all_or_nothing([(out, aggregates_bytes(result, book, L, out.suffix.lower()))])
    frame = result.frame
    click.echo(
        L(
            "survey_aggregate_done",
            path=str(out),
            rows=L("n_rows", count=len(frame)),
            areas=L("n_areas", count=frame["area"].nunique()),
            waves=L("n_waves", count=frame["wave"].nunique()),
            hidden=L("n_cells_hidden", count=result.suppressed),
            threshold=threshold,
            out_of_range=L("n_out_of_range", count=result.out_of_range),
        ),
        err=True,
    )


@survey.command("synth")
@option(
    "--out",
    "folder",
    metavar="FOLDER",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write the made-up survey to (created if missing).",
)
@option("--seed", type=int, default=1, show_default=True, help="Seed: the same seed gives the same files.")
@option("--waves", type=click.IntRange(min=2, max=10), default=4, show_default=True, help="Survey waves to make.")
@option("--force", is_flag=True, help="Replace files that already exist.")
@lang_option
def survey_synth(folder: Path, seed: int, waves: int, force: bool, lang: Lang) -> None:
    """Write a made-up survey of 136 sub-areas with planted standouts and changes, and the truth.

    Every file says in its first line that the data are made up.

    \b
    Example:
      insatsval survey synth --out exempel-enkat --seed 1
    """
    from catalog.bundled import load_taxonomy
    from render.exports import write_all_or_nothing
    from render.survey_writers import synth_files

    L = _survey_labels(lang)
    files = synth_files(folder, load_taxonomy(), seed, waves, L)
    from render.exports import _target_problem

    if not folder.exists():
        folder.mkdir(parents=True)
    problems = [p for p in (_target_problem(path, force) for path, _ in files) if p is not None]
    if problems:
        raise InputError(problems)
    write_all_or_nothing(files)
    click.echo(L("survey_synth_done", folder=str(folder), files=", ".join(p.name for p, _ in files)), err=True)


@cli.command()
@argument("aggregates", type=FilePath())
@option("--area", metavar="NAME", required=True, help="The area, as written in the file's area column.")
@option("--wave", metavar="YEAR", type=int, default=None, help="Survey wave (year); default the area's latest.")
@option("--population", metavar="FILE", type=FilePath(), help="Young people per area (.csv or .xlsx), for 'affected'.")
@option("--write-profile", metavar="FILE", type=FilePath(), help="Also write a profile (YAML) with the suggestion.")
@format_option("table", "json", "csv", "md")
@lang_option
@survey_threshold_options
@survey_output_options
def prioritise(
    aggregates: Path,
    area: str,
    wave: int | None,
    population: Path | None,
    write_profile: Path | None,
    fmt: str,
    lang: Lang,
    threshold: int,
    allow_below_10: bool,
    benchmark: str,
    exports: tuple[Path, ...],
    force: bool,
    csv_dialect: str,
) -> None:
    """Phase 3: an area's profile from survey aggregates, and the 2-5 priorities it suggests.

    For every factor: the share at risk (or protected), its 95 % interval, the benchmark, the
    difference, whether it stands out after correcting for testing every factor, and how many
    young people it concerns. --write-profile writes a profile that plan accepts as it is.

    \b
    Example:
      insatsval prioritise aggregat.csv --area "Delområde 017" --population befolkning.csv
      insatsval prioritise aggregat.csv --area "Delområde 017" --write-profile profil.yaml
    """
    import datetime as dt

    from catalog.bundled import load_taxonomy
    from inputs.survey_tables import read_aggregates, read_population
    from render.exports import plan_exports, write_all_or_nothing
    from render.survey_files import survey_output
    from render.survey_writers import profile_yaml
    from survey.prioritise import profile_area

    threshold = _survey_threshold(threshold, allow_below_10)
    taxonomy = load_taxonomy()
    if write_profile is not None:
        if write_profile.suffix.lower() not in (".yaml", ".yml"):
            params = {"suffix": write_profile.suffix or "-"}
            raise InputError([Problem(file=write_profile, code=Code.EXPORT_SUFFIX, params=params)])
        plan_exports([write_profile.with_suffix(".json")], force)  # same checks: folder, existing file
        if write_profile.exists() and not force:
            raise InputError([Problem(file=write_profile, code=Code.EXPORT_EXISTS)])
    figures = profile_area(
        read_aggregates(aggregates, taxonomy),
        taxonomy,
        area,
        wave,
        _benchmark(benchmark, taxonomy),
        read_population(population) if population else None,
        threshold,
    )
    L = _survey_labels(lang)
    if exports:
        _write_survey_exports(
            exports, force, lambda f: survey_output("prioritise", f, figures, L, None, csv_dialect), lang
        )
    if write_profile is not None:
        write_all_or_nothing([(write_profile, profile_yaml(figures, dt.date.today(), L).encode("utf-8"))])
        click.echo(L("survey_wrote_profile", path=str(write_profile)), err=True)
    click.echo(survey_output("prioritise", fmt, figures, L, None, csv_dialect).decode("utf-8"), nl=False)


@cli.command("follow-up")
@argument("aggregates", type=FilePath())
@option("--area", metavar="NAME", required=True, help="The area, as written in the file's area column.")
@option("--profile", metavar="FILE", type=FilePath(), help="Follow up this profile's priorities (default: all).")
@option("--resources", metavar="FILE", type=FilePath(), help="Inventory with start dates: what was running meanwhile.")
@format_option("table", "json", "csv", "md")
@lang_option
@survey_threshold_options
@survey_output_options
def follow_up(
    aggregates: Path,
    area: str,
    profile: Path | None,
    resources: Path | None,
    fmt: str,
    lang: Lang,
    threshold: int,
    allow_below_10: bool,
    benchmark: str,
    exports: tuple[Path, ...],
    force: bool,
    csv_dialect: str,
) -> None:
    """Phase 5: the prioritised factors over every survey wave, and what changed.

    Each factor's share per wave with its interval, the change since the first and the
    previous wave, whether it is larger than chance, the benchmark's change, and what was
    running meanwhile. This is monitoring, not proof of effect.

    \b
    Example:
      insatsval follow-up aggregat.csv --area "Delområde 017" --profile profil.yaml --export uppfoljning.html
    """
    from catalog.bundled import load_taxonomy
    from inputs.survey_tables import read_aggregates
    from render.survey_files import survey_output
    from survey.follow_up import follow_up as follow
    from survey.follow_up import resource_factors, running_resources

    threshold = _survey_threshold(threshold, allow_below_10)
    taxonomy = load_taxonomy()
    factors = None
    inventory_path = resources
    if profile is not None:
        from inputs.profile import load_profile

        loaded = load_profile(profile, taxonomy)
        factors = loaded.profile.factor_ids
        if inventory_path is None and loaded.profile.resources:
            inventory_path = profile.parent / loaded.profile.resources
    loaded_aggregates = read_aggregates(aggregates, taxonomy)
    result = follow(loaded_aggregates, taxonomy, area, factors, _benchmark(benchmark, taxonomy), threshold)
    running: list[dict[str, Any]] = []
    if inventory_path is not None:
        from catalog.catalogue import load_catalogue
        from inputs.inventory_files import load_inventory

        inventory = load_inventory(inventory_path).inventory
        programmes = {p.id: p for p in load_catalogue([], include_bundled=True).programmes}
        running = running_resources(
            inventory.resources,
            resource_factors(inventory.resources, programmes),
            [s.factor for s in result.factors],
            result.waves[0],
            result.waves[-1],
        )
    L = _survey_labels(lang)
    if exports:
        _write_survey_exports(
            exports, force, lambda f: survey_output("follow-up", f, result, L, running, csv_dialect), lang
        )
    click.echo(survey_output("follow-up", fmt, result, L, running, csv_dialect).decode("utf-8"), nl=False)


# --- phase 4: action plan (goal-chain, portfolio) ------------------------------------------------
def _plan_extras(brief: Any, catalogue: Any, choose: tuple[str, ...]) -> Any:
    """The implementation plan and goal chain that ``plan`` adds to the brief."""
    from render.plan_sections import plan_extras

    return plan_extras(brief, catalogue, choose)


def _recommend_with_stability(
    profile: Path, top: int, fmt: str, lang: Lang, draws: int, seed: int, options: dict[str, Any]
) -> None:
    """``recommend --stability N``: rank everything, draw, keep the top, print and export."""
    import dataclasses

    from action_plan.stability import DEFAULT_CONCENTRATION, ranking_stability
    from render.action_plan_outputs import export_rendered, recommend_with_stability

    catalogue, brief = _brief(profile, options)
    recs = brief.recommendations.recommendations
    result = ranking_stability(
        catalogue,
        brief.loaded.profile,
        brief.settings,
        [r.programme.id for r in recs],
        [r.group == "no_effect" for r in recs],
        top,
        draws,
        seed,
        brief.gaps.uncovered if brief.inventory is not None else None,
    )
    brief.recommendations = dataclasses.replace(brief.recommendations, recommendations=recs[:top])
    info = {"draws": draws, "seed": seed, "k": top, "concentration": DEFAULT_CONCENTRATION}
    L = _labels(lang, catalogue)

    def render(out_format: str) -> bytes:
        return recommend_with_stability(out_format, brief, catalogue, L, result, info, options["csv_dialect"])  # type: ignore[arg-type]

    for path in export_rendered(options["exports"], options["force"], render) if options["exports"] else []:
        click.echo(L("export_written", file=str(path)), err=True)
    click.echo(render(fmt).decode("utf-8"), nl=False)


@cli.command()
@argument("profile", type=FilePath())
@option(
    "--budget",
    metavar="SEK",
    type=click.FloatRange(min=0),
    help="Yearly budget in SEK; overrides 'budget_sek:' in the profile.",
)
@option("--max-programmes", metavar="N", type=click.IntRange(min=1), help="Choose at most N programmes.")
@option("--include", "includes", multiple=True, metavar="ID", help="A programme that must be chosen (repeatable).")
@option("--exclude", "excludes", multiple=True, metavar="ID", help="A programme to leave out (repeatable).")
@option("--one-per-level", is_flag=True, help="Choose at least one programme at every wanted level.")
@option(
    "--stability",
    metavar="N",
    type=click.IntRange(min=1),
    help="Also solve N times with perturbed priority weights and evidence multipliers.",
)
@option("--seed", metavar="S", type=int, default=1, show_default=True, help="Random seed for --stability.")
@format_option("table", "json", "md")
@lang_option
@plan_options
def portfolio(
    profile: Path,
    budget: float | None,
    max_programmes: int | None,
    includes: tuple[str, ...],
    excludes: tuple[str, ...],
    one_per_level: bool,
    stability: int | None,
    seed: int,
    fmt: str,
    lang: Lang,
    **options: Any,
) -> None:
    """Choose the programmes that buy the most need-weighted coverage within a budget.

    Solved exactly (and greedily, step by step, for comparison) with the coverage model of the
    gap analysis. The profile must give 'population:'; the budget comes from --budget or
    'budget_sek:' in the profile. Programmes with an unknown cost are listed apart.

    \b
    Example:
      insatsval portfolio examples/familj-10-15.yaml
      insatsval portfolio examples/familj-10-15.yaml --budget 2000000 --one-per-level --format json
    """
    from action_plan.prices import load_prices
    from action_plan.selection import portfolio_for
    from action_plan.stability import DEFAULT_CONCENTRATION, portfolio_stability
    from render.documents import to_json
    from render.portfolio_views import portfolio_document, render_portfolio, stability_section

    catalogue, brief = _brief(profile, options)
    setup, result, used = portfolio_for(
        brief,
        catalogue,
        load_prices(),
        budget,
        max_programmes=max_programmes,
        include=includes,
        exclude=excludes,
        one_per_level=one_per_level,
    )
    L = _labels(lang, catalogue)
    drawn = None
    if stability is not None:
        setup = setup.without(excludes)
        drawn = portfolio_stability(
            setup,
            brief.loaded.profile,
            brief.settings,
            used,
            stability,
            seed,
            max_programmes=max_programmes,
            include=includes,
            one_per_level=one_per_level,
        )
    info = {"draws": stability, "seed": seed, "concentration": DEFAULT_CONCENTRATION}
    if fmt == "json":
        click.echo(to_json(portfolio_document(result, brief, catalogue, drawn, info)), nl=False)
        return
    section = None
    if drawn is not None:
        names = {c.id: c.programme.display_name(lang) for c in setup.candidates}
        section = stability_section(drawn, names, stability or 0, seed, None, L, fmt)
    click.echo(render_portfolio(result, brief, L, fmt, section), nl=False)


@cli.command("goal-chain")
@argument("profile", type=FilePath())
@option("--choose", multiple=True, metavar="ID", help="A programme the plan has chosen (repeatable).")
@option(
    "--export",
    "exports",
    multiple=True,
    callback=suffix_check("render.goal_chain_views", Code.GOAL_CHAIN_SUFFIX),
    metavar="FILE",
    type=FilePath(),
    help="Also write FILE; the format follows the suffix: .graphml .dot .mmd .svg (repeatable).",
)
@option("--force", is_flag=True, help="Replace export files that already exist.")
@format_option("table", "json", "md")
@lang_option
@plan_options
def goal_chain(
    profile: Path, choose: tuple[str, ...], exports: tuple[Path, ...], force: bool, fmt: str, lang: Lang, **options: Any
) -> None:
    """The goal chain (målkedja): goals -> programmes and resources -> factors -> problem behaviours.

    The programmes are those chosen with --choose, else under action_plan.programmes in the
    profile, else the first three proposals. Every link names its source.

    \b
    Example:
      insatsval goal-chain examples/familj-10-15.yaml --format md > malkedja.md
      insatsval goal-chain examples/familj-10-15.yaml --choose ggc --export malkedja.svg
    """
    from action_plan.goal_chain import build_goal_chain
    from action_plan.implementation import build_plan
    from action_plan.prices import load_prices
    from render.action_plan_outputs import export_rendered
    from render.documents import to_json
    from render.goal_chain_views import SUFFIXES, export_bytes, goal_chain_document, goal_chain_text

    catalogue, brief = _brief(profile, options)
    plan = build_plan(brief, catalogue, load_prices(), choose)
    graph = build_goal_chain(brief, catalogue, plan.chain_programmes())
    L = _labels(lang, catalogue)
    area = brief.loaded.profile.area
    if exports:

        def render(kind: str) -> bytes:
            return export_bytes(kind, graph, catalogue, L, area)

        for path in export_rendered(exports, force, render, SUFFIXES, Code.GOAL_CHAIN_SUFFIX):
            click.echo(L("export_written", file=str(path)), err=True)
    if fmt == "json":
        click.echo(to_json(goal_chain_document(graph, catalogue, L)), nl=False)
        return
    click.echo(goal_chain_text(graph, catalogue, L, area, fmt, L(f"ap_chosen_{plan.chosen_by}")), nl=False)


# --- city-wide: cluster, compare, batch ----------------------------------------------------------
@cli.command()
@argument("aggregates", type=FilePath())
@option("--k", "k", type=click.IntRange(min=2), default=14, show_default=True, help="How many groups to make.")
@option("--adjacency", metavar="FILE", type=FilePath(), help="Bordering sub-areas (.csv or .xlsx: area, neighbour).")
@option("--geometry", metavar="FILE", type=FilePath(), help="The sub-areas' outlines (.geojson); borders from shapes.")
@option("--wave", metavar="YEAR", type=int, default=None, help="Group on one survey wave; default all waves pooled.")
@option("--evaluate", metavar="FILE", type=FilePath(), help="Score an existing grouping (.csv or .xlsx: area, group).")
@option("--out", metavar="FILE", type=FilePath(), help="Write the grouping as CSV (area, group).")
@format_option("table", "json", "csv", "md")
@lang_option
@survey_threshold_options
@export_options
def cluster(
    aggregates: Path, k: int, adjacency: Path | None, geometry: Path | None, wave: int | None, evaluate: Path | None,
    out: Path | None, fmt: str, lang: Lang, threshold: int, allow_below_10: bool, exports: tuple[Path, ...],
    force: bool, csv_dialect: str,
) -> None:  # fmt: skip
    """Group sub-areas with similar survey profiles into local areas.

    Ward clustering of the shares per factor; with --adjacency or --geometry every group is
    one connected piece of the map. Groups smaller than --min-respondents are merged into
    their most similar neighbour. --evaluate scores an existing grouping the same way.

    \b
    Example:
      insatsval cluster aggregat.csv --k 14 --geometry delomraden.geojson --export grupper.html
      insatsval cluster aggregat.csv --adjacency grannar.csv --evaluate lokala_omraden.csv --out grupper.csv
    """
    from areas.cluster import area_matrix, check_names, cluster_areas
    from catalog.bundled import load_taxonomy
    from inputs.area_files import read_adjacency, read_geojson, read_grouping
    from inputs.survey_tables import read_aggregates
    from render.areas_map import cluster_html, cluster_xlsx, render_cluster
    from render.exports import plan_exports, write_all_or_nothing

    threshold = _survey_threshold(threshold, allow_below_10)
    if adjacency is not None and geometry is not None:
        raise InputError([Problem(file=None, code=Code.AREAS_ONE_SOURCE)])
    taxonomy = load_taxonomy()
    matrix = area_matrix(read_aggregates(aggregates, taxonomy), taxonomy, wave, threshold)
    if not 2 <= k <= len(matrix.areas):
        raise InputError([Problem(file=aggregates, code=Code.AREAS_K, params={"k": k, "count": len(matrix.areas)})])
    pairs, drawing_shapes = None, None
    if adjacency is not None:
        pairs = read_adjacency(adjacency)
        check_names(adjacency, matrix.areas, {a for pair in pairs for a in pair}, missing_ok=True)
    if geometry is not None:
        from areas.geometry import polygons, shared_borders

        drawing_shapes = polygons(read_geojson(geometry))
        check_names(geometry, matrix.areas, set(drawing_shapes), missing_ok=True)
        pairs = shared_borders(drawing_shapes)
    existing = None
    if evaluate is not None:
        existing = read_grouping(evaluate)
        check_names(evaluate, matrix.areas, set(existing), missing_ok=False)
    targets = list(exports) + ([out] if out is not None else [])
    requests = plan_exports(targets, force)
    result = cluster_areas(matrix, taxonomy, k, threshold, pairs, existing)
    L = _survey_labels(lang)
    drawing = None
    if drawing_shapes is not None:
        from areas.geometry import draw

        drawing = draw(drawing_shapes, result.assignment)
    files = []
    for request in requests:
        if request.format == "html":
            data = cluster_html(result, L, drawing, pairs).encode("utf-8")
        elif request.format == "xlsx":
            data = cluster_xlsx(result, L)
        else:
            data = render_cluster(result, L, "csv" if request.path == out else request.format).encode("utf-8")
        files.append((request.path, data))
    write_all_or_nothing(files)
    for path, _ in files:
        click.echo(L("export_written", file=str(path)), err=True)
    click.echo(render_cluster(result, L, fmt), nl=False)


#: The files ``compare`` writes, by suffix.
COMPARE_SUFFIXES = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".csv": "csv", ".md": "md", ".json": "json"}


@cli.command()
@argument("aggregates", type=FilePath())
@option("--areas", "--area", "areas", multiple=True, metavar="NAME", help="An area to show (repeatable); default all.")
@option("--wave", metavar="YEAR", type=int, default=None, help="Survey wave (year); default the file's latest.")
@option(
    "--factor",
    "factors",
    multiple=True,
    metavar="FACTOR",
    help="A factor to show as a column (repeatable); default all.",
)
@format_option("table", "json", "csv", "md")
@lang_option
@survey_threshold_options
@export_options
def compare(
    aggregates: Path, areas: tuple[str, ...], wave: int | None, factors: tuple[str, ...], fmt: str, lang: Lang,
    threshold: int, allow_below_10: bool, exports: tuple[Path, ...], force: bool, csv_dialect: str,
) -> None:  # fmt: skip
    """Compare every area with the rest of the city: areas x factors, with the factors that stand out.

    The same figures as prioritise, for all areas at once. On screen: the factors that stand
    out in each area, or the chosen --factor columns; the whole table in csv, md and json, and
    as a heat table with --export .html (prints on A4 landscape) or .xlsx.

    \b
    Example:
      insatsval compare aggregat.csv
      insatsval compare aggregat.csv --factor family_conflict --factor academic_failure
      insatsval compare aggregat.csv --wave 2021 --export jamforelse.html --export jamforelse.xlsx
    """
    from areas.compare import city_figures
    from areas.compare import compare as compare_areas
    from catalog.bundled import load_taxonomy
    from inputs.profile import resolve_factor
    from inputs.survey_tables import read_aggregates
    from render.compare_files import compare_output
    from render.exports import plan_exports, write_all_or_nothing

    threshold = _survey_threshold(threshold, allow_below_10)
    requests = plan_exports(exports, force, COMPARE_SUFFIXES)
    taxonomy = load_taxonomy()
    resolved = [resolve_factor(value, taxonomy) for value in factors]
    problems = [problem for _, problem in resolved if problem is not None]
    if problems:
        raise InputError(problems)
    city = city_figures(read_aggregates(aggregates, taxonomy), taxonomy, threshold)
    comparison = compare_areas(city, wave, areas, [factor for factor, _ in resolved if factor is not None])
    L = _survey_labels(lang)
    write_all_or_nothing([(r.path, compare_output(r.format, comparison, L, csv_dialect)) for r in requests])
    for r in requests:
        click.echo(L("export_written", file=str(r.path)), err=True)
    click.echo(compare_output(fmt, comparison, L, csv_dialect).decode("utf-8"), nl=False)


#: More areas than this and ``batch`` shows a progress bar even when stderr is not a terminal.
BATCH_PROGRESS_AREAS = 50


@cli.command()
@argument("source", metavar="AGGREGATES|PROFILES_DIR", type=click.Path(path_type=Path))
@option(
    "--out",
    metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write every area's file and the summary to (created if missing).",
)
@option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "xlsx"]),
    default="json",
    show_default=True,
    help="Format of every area's file (what plan writes in it) and of the summary.",
)
@option(
    "--top",
    metavar="K",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="How many programmes each area's plan proposes; the summary counts the areas with a programme among them.",
)
@option("--wave", metavar="YEAR", type=int, default=None, help="Survey wave (year); default each area's latest.")
@option("--force", is_flag=True, help="Replace files that already exist.")
@csv_dialect_option
@as_of_option
@settings_option
@catalog_options
@lang_option
@survey_threshold_options
def batch(
    source: Path, out: Path, fmt: str, top: int, wave: int | None, force: bool, csv_dialect: str, as_of: Any,
    settings: Path | None, catalogs: tuple[Path, ...], no_bundled: bool, lang: Lang, threshold: int,
    allow_below_10: bool,
) -> None:  # fmt: skip
    """Run every area at once: each area's plan, and one summary of the whole city.

    From survey aggregates, each area's profile is its suggested priorities (as prioritise
    --write-profile writes them, into DIR/profiles); from a folder, every profile in it (with
    its own inventory). Each area's file holds exactly what plan --top K writes for it; the
    summary counts, for every programme, the areas with it among their first K proposals and,
    for every factor, the areas that prioritise it and that have a gap in it.

    \b
    Example:
      insatsval batch aggregat.csv --out alla-omraden
      insatsval batch profiler/ --out alla-omraden --format xlsx --top 8
    """
    import datetime as dt

    from inputs.settings import load_settings
    from render.batch_views import BatchSource, summary_bytes, summary_text
    from render.batch_writers import (
        PROFILES_FOLDER,
        area_path,
        check_targets,
        run_batch,
        runs_from_aggregates,
        runs_from_folder,
        summary_path,
    )
    from render.exports import write_all_or_nothing

    threshold = _survey_threshold(threshold, allow_below_10)
    catalogue = _load_catalogue(catalogs, no_bundled)
    L = _labels(lang, catalogue)
    skipped: list[Any] = []
    profiles: list[tuple[Path, bytes]] = []
    if source.is_dir():
        runs = runs_from_folder(source, L)
        origin = BatchSource("profiles", source, fmt=fmt)
    else:
        from areas.compare import city_figures
        from inputs.survey_tables import read_aggregates

        aggregates = read_aggregates(source, catalogue.taxonomy)
        city = city_figures(aggregates, catalogue.taxonomy, threshold)
        runs, profiles, skipped = runs_from_aggregates(city, wave, out, dt.date.today(), L)
        if not runs:
            raise InputError([Problem(file=source, code=Code.BATCH_NO_AREAS)])
        origin = BatchSource("aggregates", source, aggregates.sha256, wave, threshold, out / PROFILES_FOLDER, fmt=fmt)
    summary_file = summary_path(out, fmt)
    check_targets(out, [*(p for p, _ in profiles), *(area_path(out, r, fmt) for r in runs), summary_file], force)
    show_bar = sys.stderr.isatty() or len(runs) > BATCH_PROGRESS_AREAS

    def progress(items: Any) -> Any:
        if not show_bar:
            yield from items
            return
        with click.progressbar(items, label=L("batch_progress"), file=sys.stderr) as bar:
            yield from bar

    result = run_batch(
        runs,
        catalogue,
        load_settings(settings),
        out,
        fmt,
        L,
        top,
        settings_path=settings,
        as_of=as_of.date() if as_of else None,
        csv_dialect=csv_dialect,
        skipped=skipped,
        progress=progress,
    )
    summary = (summary_file, summary_bytes(fmt, result.summary, origin, catalogue, L, csv_dialect))
    files = [*profiles, *result.files, summary]
    for folder in sorted({path.parent for path, _ in files}):
        folder.mkdir(parents=True, exist_ok=True)
    write_all_or_nothing(files)
    click.echo(L("batch_wrote", files=len(files), folder=str(out)), err=True)
    click.echo(summary_text(result.summary, origin, catalogue, L), nl=False)


# --- the meeting view ----------------------------------------------------------------------------
@cli.command()
@argument("profile", type=FilePath())
@lang_option
@plan_options
@option(
    "--export",
    "export",
    required=True,
    metavar="FILE",
    type=FilePath(),
    help="The HTML file to write: the meeting view, one file that works offline.",
)
@option("--force", is_flag=True, help="Replace the file if it already exists.")
def meeting(profile: Path, lang: Lang, export: Path, force: bool, **options: Any) -> None:
    """Write the meeting view: one offline HTML page in which the team moves its priorities.

    In the page, weights, factors, levels and domains can be changed and programmes marked;
    the shortlist, the gaps and the heat map follow at once, computed as 'recommend' and
    'gaps' compute them. 'Save priorities' downloads the profile as YAML that insatsval reads.

    \b
    Example:
      insatsval meeting examples/familj-10-15.yaml --export mote.html
      insatsval meeting examples/skola-6-12.yaml --lang en --export meeting.html --force
    """
    from brief.meeting_view import meeting_view
    from render.meeting_page import export_meeting_page, resources_entry

    catalogue, brief = _brief(profile, options)
    L = _labels(lang, catalogue)
    resources = resources_entry(brief.loaded, options["resources"])
    written = export_meeting_page(export, force, meeting_view(catalogue, brief), catalogue, L, resources)
    click.echo(L("export_written", file=str(written)), err=True)


def main() -> None:
    """Console-script entry point; a closed pipe (``| head``) ends the program quietly."""
    try:
        cli()
    except BrokenPipeError:
        # Python flushes stdout at exit; point it at devnull so that flush cannot fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
