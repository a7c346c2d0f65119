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

from inputs.problems import Code, InputError, Problem
from inputs.vocabulary import DOMAIN_NAMES, LEVEL_NAMES, Lang, canonical_domain, canonical_level
from recommender import __version__
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


class TranslatedCommand(click.Command):
    """A command whose help text is translated when help is printed."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return _translated_usage(super().collect_usage_pieces(ctx))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _with_translated_help(self, lambda: super(TranslatedCommand, self).format_help_text(ctx, formatter))

    def get_short_help_str(self, limit: int = 45) -> str:
        return str(_with_translated_help(self, lambda: super(TranslatedCommand, self).get_short_help_str(limit)))


class TranslatedGroup(click.Group):
    command_class = TranslatedCommand
    group_class = type  # sub-groups are of this same class

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return _translated_usage(super().collect_usage_pieces(ctx))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _with_translated_help(self, lambda: super(TranslatedGroup, self).format_help_text(ctx, formatter))

    def get_short_help_str(self, limit: int = 45) -> str:
        return str(_with_translated_help(self, lambda: super(TranslatedGroup, self).get_short_help_str(limit)))


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
        ctx = super().make_context(info_name, args, parent, **extra)
        ctx.meta["insatsval.lang"] = language_from(args, os.environ)[0]
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
        default=lambda: language_from([], os.environ)[0],
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
@click.version_option(__version__, "-V", "--version", prog_name="insatsval", cls=TranslatedOption)
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
    f = option(
        "--as-of",
        metavar="YYYY-MM-DD",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Date to check funding against; default today.",
    )(f)
    f = option(
        "--settings",
        "--weights",
        "settings",
        metavar="FILE",
        type=FilePath(),
        help="YAML file overriding weights and thresholds (docs/method.md).",
    )(f)
    return catalog_options(f)


def _check_export_suffixes(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> tuple[Path, ...]:
    """An unknown suffix is a usage error (exit 2), caught before anything is computed."""
    from inputs.problems import problem_message
    from render.exports import SUFFIXES

    for path in value:
        if path.suffix.lower() not in SUFFIXES:
            problem = Problem(file=path, code=Code.EXPORT_SUFFIX, params={"suffix": path.suffix or "-"})
            raise click.BadParameter(f"'{path}': {problem_message(problem, current_language())}")
    return value


def export_options(f: F) -> F:
    """--export, --force and --csv-dialect, shared by recommend, gaps and plan."""
    f = option(
        "--export",
        "exports",
        multiple=True,
        callback=_check_export_suffixes,
        metavar="FILE",
        type=FilePath(),
        help="Also write FILE; the format follows the suffix: .xlsx .html .md .csv .json (repeatable).",
    )(f)
    f = option("--force", is_flag=True, help="Replace export files that already exist.")(f)
    return option(
        "--csv-dialect",
        type=click.Choice(["standard", "excel-sv"]),
        default="standard",
        show_default=True,
        help="CSV flavour: standard (',' and '.') or excel-sv (';', decimal comma, BOM) for Swedish Excel.",
    )(f)


def _print_output(command: str, fmt: str, profile: Path, top: int | None, lang: Lang, options: dict[str, Any]) -> None:
    """recommend, gaps and plan: build the brief, write any exports, then print ``fmt``.

    Printing and exporting go through one renderer, so what is printed and what is exported
    in the same format are the same bytes.
    """
    from brief import build_brief
    from inputs.profile import load_profile
    from inputs.settings import load_settings
    from render.exports import export_all
    from render.outputs import render_output

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
    L = _labels(lang, catalogue)
    if options["exports"]:
        written = export_all(options["exports"], options["force"], command, brief, catalogue, L, options["csv_dialect"])  # type: ignore[arg-type]
        for path in written:
            click.echo(L("export_written", file=str(path)), err=True)
    data = render_output(command, fmt, brief, catalogue, L, options["csv_dialect"])  # type: ignore[arg-type]
    click.echo(data.decode("utf-8"), nl=False)


@cli.command()
@argument("profile", type=FilePath())
@option(
    "--top", metavar="N", type=click.IntRange(min=1), default=10, show_default=True, help="How many programmes to list."
)
@format_option("table", "json", "csv", "md")
@lang_option
@plan_options
@export_options
def recommend(profile: Path, top: int, fmt: str, lang: Lang, **options: Any) -> None:
    """Rank programmes for an area profile and explain each one.

    With an inventory (--resources, or 'resources:' in the profile) the ranking weighs what
    is still uncovered, and programmes already in place are listed instead of proposed.

    \b
    Example:
      insatsval recommend examples/familj-10-15.yaml --top 5 --lang en
      insatsval recommend examples/skola-6-12.yaml --format json > shortlist.json
    """
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
@format_option("table", "json", "csv", "md")
@lang_option
@plan_options
@export_options
def plan(profile: Path, top: int, fmt: str, lang: Lang, **options: Any) -> None:
    """Everything for the phase 4 meeting: priorities, resources, gaps, shortlist.

    \b
    Example:
      insatsval plan examples/familj-10-15.yaml
      insatsval plan examples/familj-10-15.yaml --export plan.xlsx --export plan.html
      insatsval plan examples/familj-10-15.yaml --lang en --format md > plan.md
    """
    _print_output("plan", fmt, profile, top, lang, options)


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


# --- phase 4: action plan (goal-chain, portfolio) ------------------------------------------------


# --- city-wide: cluster, compare, batch ----------------------------------------------------------


# --- the meeting view ----------------------------------------------------------------------------


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
