"""The command line: parse flags, call the library, render, map errors to exit codes.

Exit codes: 0 success; 1 the input data is unusable (or has issues under --strict),
or an output cannot be written; 2 the command line or the config is invalid.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from scorecard import __version__, usage

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
EXIT_PIPE = 141  # the reader of stdout went away, as a shell reports SIGPIPE
F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    cls=usage.Group,
    name="scorecard",
    help="Turn CRM exports (CSV, Excel) into per-person and per-team sales scorecards.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
_state: dict[str, Any] = {"debug": False, "lang": "en"}


class Format(StrEnum):
    """Output formats of `run`."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    markdown = "markdown"


class PeriodKindOpt(StrEnum):
    """Period kinds for `--by`."""

    week = "week"
    month = "month"
    quarter = "quarter"
    half = "half"
    year = "year"


class Lang(StrEnum):
    """Interface languages."""

    en = "en"
    zh = "zh"


def _t(key: str, **values: object) -> str:
    from scorecard.i18n import translator

    return translator(_state["lang"])(key, **values)


class SplitBy(StrEnum):
    """What `--split-by` splits on."""

    team = "team"


def _strict_failures(report: Any) -> int:
    """How many of a report's issues fail a --strict run (warnings and errors)."""
    return sum(i.level in ("warning", "error") for i in report.issues)


def _stderr(message: str) -> None:
    """A message on stderr, line by line as the terminal shows text from exports: a
    value quoted from a file (ESC, BEL) is written as its escape, never obeyed."""
    if sys.stderr is None:  # (print's file=None would mean stdout)
        return
    if not message.isprintable():
        from scorecard.render.formatting import printable

        message = "\n".join(printable(line) for line in message.split("\n"))
    print(message, file=sys.stderr)


def _handle_errors(func: F) -> F:
    """Turn the tool's errors into one message and an exit code; tracebacks only with --debug."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from scorecard.errors import ScorecardError

        try:
            return func(*args, **kwargs)
        except ScorecardError as exc:
            if _state["debug"]:  # the traceback, and still the documented exit code
                traceback.print_exc()
                raise typer.Exit(exc.exit_code) from None
            from scorecard.i18n import error_text, translator

            _stderr(_t("error", message=error_text(exc, translator(_state["lang"]))))
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:  # the last line of defence: no traceback unless --debug
            if _state["debug"]:
                raise
            _stderr(_t("internal_error", message=f"{type(exc).__name__}: {exc}"))
            raise typer.Exit(EXIT_DATA) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        print(f"scorecard {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Interface language: en or zh (default: from LC_ALL/LANG)."),
    ] = None,
) -> None:
    """Turn CRM exports (CSV, Excel) into per-person and per-team sales scorecards."""
    from scorecard.i18n import default_language

    _state["debug"] = debug
    _state["lang"] = lang.value if lang else default_language()


def _parse_sources(values: list[str] | None) -> dict[str, str]:
    from scorecard.errors import ConfigError

    overrides = {}
    for item in values or []:
        name, sep, path = item.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise ConfigError.of("err_source_option", item=item)
        overrides[name.strip()] = path.strip()
    return overrides


def _period(config: Any, period: str | None, start: str | None, end: str | None) -> Any:
    from scorecard.errors import ConfigError
    from scorecard.periods import custom_period, default_period, parse_period

    # An empty value (`--period "$PERIOD"` with PERIOD unset) is a bad period, not no period.
    if period is not None and (start is not None or end is not None):
        raise ConfigError.of("err_period_and_range")
    if start is not None or end is not None:
        if start is None or end is None:
            raise ConfigError.of("err_from_to")
        return custom_period(start, end, config.fiscal_year_start)
    if period is not None:
        return parse_period(period, config.fiscal_year_start)
    return default_period(config.period, dt.date.today(), config.fiscal_year_start)


def _is_terminal(stream: Any) -> bool:
    """Whether `stream` is a terminal (False for None, a stream the process was started without)."""
    return bool(getattr(stream, "isatty", lambda: False)())


def _table_width() -> int | None:
    """The width a table on stdout must fit: the terminal's (with or without colour), or
    COLUMNS when set; None through a pipe (the table keeps its own width)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if _is_terminal(sys.stdout):
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError):
            return None
    return None


def _use_color(stream: Any) -> bool:
    """Colour on a terminal, unless NO_COLOR is set or the terminal says it has none."""
    return (
        _is_terminal(stream) and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    )


PROGRESS_MIN_BYTES = 20 * 1024**2


@contextlib.contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[str, Path, int], None] | None]:
    """A progress bar on stderr while large files are read (only on a terminal)."""
    if quiet or not _use_color(sys.stderr):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    tasks: list[Any] = []

    def on_file(name: str, path: Path, size: int) -> None:
        for task in tasks:
            progress.update(task, total=1, completed=1)
        if size < PROGRESS_MIN_BYTES:
            return
        if not tasks:
            progress.start()
        tasks.append(progress.add_task(f"reading {path.name} ({size / 1e6:,.0f} MB)", total=None))

    try:
        yield on_file
    finally:
        progress.stop()


def _summary(report: Any, quiet: bool) -> None:
    """The data-quality summary on stderr: one line per source, counts per issue code."""
    if quiet:
        return
    from scorecard.render.quality import summary_lines

    for line in summary_lines(report, _t):
        _stderr(line)


def _check_output(paths: list[Path], config_path: Path, config: Any, overrides: Any) -> None:
    """Refuse to write a report over the config or any file the run reads."""
    from scorecard.errors import ConfigError
    from scorecard.pipeline import file_specs

    try:
        inputs = {
            config_path.resolve(),
            *(spec.path.resolve() for spec in file_specs(config, overrides)),
        }
        resolved = [path.resolve() for path in paths]
    except FileNotFoundError:  # (a relative path in a folder since deleted)
        raise ConfigError.of("err_no_cwd", path=paths[0] if paths else config_path) from None
    for path, full in zip(paths, resolved, strict=True):
        if full in inputs:
            raise ConfigError.of("err_output_is_input", path=path)
        if path.is_dir():
            raise ConfigError.of("err_output_is_folder", path=path)


ConfigArg = Annotated[
    Path,
    # (readable=False: an unreadable or missing config is the loader's to report, in words)
    typer.Argument(
        metavar="CONFIG", help="The scorecard YAML file.", show_default=False, readable=False
    ),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        "-p",
        metavar="PERIOD",
        help="2026-10, 2026-Q3, 2026-H2, 2026 or 2026-W41; default: the last "
        "complete period before today.",
    ),
]
FromOpt = Annotated[
    str | None, typer.Option("--from", metavar="DATE", help="First day (or period) to score.")
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="DATE", help="Last day (or period) to score.")
]
SourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        "-s",
        metavar="NAME=PATH",
        help="Read a source from another file: NAME=PATH (repeatable).",
    ),
]


@app.command()
@_handle_errors
def run(
    config_path: ConfigArg,
    period: PeriodOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    source: SourceOpt = None,
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format", "-f", help="Output format (default: from --output's extension, or table)."
        ),
    ] = None,
    written_output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (atomically) instead of stdout ('-': stdout).",
        ),
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option("--team", metavar="TEAM", help="Show only this team (repeatable)."),
    ] = None,
    person: Annotated[
        list[str] | None,
        typer.Option("--person", metavar="PERSON", help="Show only this person (repeatable)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 without output when the data has any warning.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="Nothing on stderr but errors (a failing --strict run still shows the summary).",
        ),
    ] = False,
    split_by: Annotated[
        SplitBy | None,
        typer.Option("--split-by", help="Write one file per team into --output-dir."),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option("--output-dir", metavar="DIR", help="Folder for --split-by files."),
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare", metavar="PERIOD", help="previous, last-year or a period: show it beside."
        ),
    ] = None,
    by: Annotated[
        PeriodKindOpt | None,
        typer.Option("--by", help="Show each person's total per month/quarter/... (a trend)."),
    ] = None,
) -> None:
    """Score everyone for a period and print or write the scorecards."""
    from scorecard import readahead, render
    from scorecard.config_load import load_config
    from scorecard.errors import ConfigError
    from scorecard.pipeline import read_sources, score_over_time

    output = _output_path(written_output)
    output_format = _output_format(output_format, output)
    if (split_by is None) != (output_dir is None):
        raise ConfigError.of("err_split_dir")
    if output_dir is not None and output_dir.exists() and not output_dir.is_dir():
        raise ConfigError.of("err_output_dir_is_file", path=output_dir)
    if split_by is not None and output is not None:
        raise ConfigError.of("err_output_or_split")
    if (
        output_format is Format.xlsx
        and output is None
        and split_by is None
        and _is_terminal(sys.stdout)
    ):
        raise ConfigError.of("err_xlsx_terminal")
    config = load_config(config_path, defer=True)
    overrides = _parse_sources(source)
    scoring_period = _period(config, period, start, end)
    if output:
        _check_output([output], config_path, config, overrides)
    if readahead.reading():  # the renderer loads while the sources are being read
        render.load(output_format.value)
    with _progress(quiet) as on_file:
        # Without a progress bar to keep true, the scoring starts while a source arrives.
        inputs = read_sources(config, overrides, on_file, wait=on_file is not None)
    report = score_over_time(config, inputs, scoring_period, compare, by.value if by else None)
    _check_filters(report, team, person)
    failing = strict and _strict_failures(report) > 0
    _summary(report, quiet and not failing)
    if failing:
        _stderr(_t("strict_failed"))
        raise typer.Exit(EXIT_DATA)
    shown = report.only(team, person)
    if split_by is not None and output_dir is not None:
        files = _split_files(shown, output_format.value, output_dir)
        _check_output(list(files.values()), config_path, config, overrides)
        _write_split(shown, output_format.value, files, quiet)
        return
    _emit(shown, output_format.value, output)


def _output_path(written: str | None) -> Path | None:
    """--output as a path: `-` is stdout (None); a name ending in a slash is a folder,
    which Path would take for the file without it (`-o reports/` wrote a file `reports`)."""
    from scorecard.errors import ConfigError

    if written is None or written == "-":
        return None
    if written.endswith(("/", os.sep)):
        raise ConfigError.of("err_output_is_folder", path=written.rstrip("/" + os.sep) or "/")
    return Path(written)


# The format an --output file's extension names, when --format is not given.
_BY_EXTENSION = {
    ".xlsx": Format.xlsx,
    ".json": Format.json,
    ".csv": Format.csv,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
}


def _output_format(given: Format | None, output: Path | None) -> Format:
    """--format, else the one --output's extension names (report.xlsx), else the table.

    A workbook is binary: an explicit format that disagrees with a .xlsx name (or
    xlsx for a file named otherwise) is an error, not a file Excel cannot open.
    """
    from scorecard.errors import ConfigError

    named = _BY_EXTENSION.get(output.suffix.lower()) if output else None
    if given is None:
        return named or Format.table
    if output is not None and (given is Format.xlsx) != (named is Format.xlsx):
        raise ConfigError.of("err_format_extension", format=given.value, path=output)
    return given


def _emit(report: Any, output_format: str, output: Path | None) -> None:
    from scorecard.output import write_atomic
    from scorecard.render import render

    color = output is None and output_format == "table" and _use_color(sys.stdout)
    width = _table_width() if output is None and output_format == "table" else None
    data = render(report, output_format, color=color, width=width, lang=_state["lang"])
    if output:
        write_atomic(output, data)
    else:
        _write_stdout(data)


def _split_files(report: Any, output_format: str, folder: Path) -> dict[str, Path]:
    """Team → the file its part of the report goes to (safe, distinct names)."""
    from scorecard.output import safe_file_names
    from scorecard.render import EXTENSIONS

    teams = [t.team for t in report.teams]
    stems = safe_file_names(teams)
    return {team: folder / f"{stems[team]}.{EXTENSIONS[output_format]}" for team in teams}


def _write_split(report: Any, output_format: str, files: dict[str, Path], quiet: bool) -> None:
    """One file per team, each built only from that team's part of the report."""
    from scorecard.output import make_folder, write_atomic
    from scorecard.render import render

    for team, path in files.items():
        make_folder(path.parent)
        write_atomic(path, render(report.for_team(team), output_format, lang=_state["lang"]))
        if not quiet:
            _stderr(_t("wrote", path=path))


def _check_filters(report: Any, teams: list[str] | None, people: list[str] | None) -> None:
    from scorecard.errors import ConfigError
    from scorecard.explain import no_such_person
    from scorecard.nearest import closest

    known_teams = [t.team for t in report.teams]
    for name in teams or []:
        if report.team_named(name) is None:
            if report.team_away(name):
                raise ConfigError.of("err_team_inactive", name=name, period=report.period_label)
            raise ConfigError.of(
                "err_no_team",
                name=name,
                suggestion=closest(name, known_teams),
                teams=", ".join(known_teams),
            )
    for name in people or []:
        if not report.named(name):
            raise no_such_person(report, name)
    if teams and people and not report.only(teams, people).people:
        raise ConfigError.of("err_filters_exclude", teams=", ".join(teams), names=", ".join(people))


@app.command()
@_handle_errors
def validate(
    config_path: ConfigArg,
    period: PeriodOpt = None,
    source: SourceOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when the data has any warning.")
    ] = False,
) -> None:
    """Check the config, the files, their headers and the data quality."""
    from scorecard.config_load import load_config
    from scorecard.pipeline import read_sources, score
    from scorecard.render.quality import issue_lines

    config = load_config(config_path, defer=True)
    scoring_period = _period(config, period, None, None)
    report = score(config, read_sources(config, _parse_sources(source)), scoring_period)
    from scorecard.i18n import translator
    from scorecard.lint import lint

    out = [
        _t(
            "validate_ok",
            path=config_path,
            sources=len(config.sources),
            people=len(report.people),
            teams=len(report.teams),
            kpis=len(config.kpis),
            period=report.period_label,
        )
    ]
    if report.inactive:
        out.append(_t("validate_inactive", people=", ".join(report.inactive)))
    for summary in report.sources:
        out.append(
            _t(
                "validate_rows",
                name=summary.name,
                rows=f"{summary.rows:,}",
                in_period=f"{summary.rows_in_period:,}",
            )
        )
    words = translator(_state["lang"])
    out += [
        _t("lint", level=_t(f"level_{level}"), message=text) for level, text in lint(config, words)
    ]
    lines = issue_lines(report, examples=len(report.issues), t=_t)
    out.append(_t("validate_issues_list" if lines else "validate_issues", count=len(report.issues)))
    out += ["  " + line for line in lines]
    _write_stdout(("\n".join(out) + "\n").encode("utf-8"))
    failures = _strict_failures(report) if strict else 0
    if failures:
        # "OK" above is the config; under --strict the data's warnings fail the check.
        _stderr(_t("validate_strict_failed", count=failures))
        raise typer.Exit(EXIT_DATA)


class ExplainFormat(StrEnum):
    """Output formats of `explain`."""

    text = "text"
    json = "json"


@app.command()
@_handle_errors
def explain(
    config_path: ConfigArg,
    person: Annotated[
        str, typer.Option("--person", metavar="PERSON", help="The person to explain (key or name).")
    ],
    period: PeriodOpt = None,
    start: FromOpt = None,
    end: ToOpt = None,
    source: SourceOpt = None,
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="text or json.")
    ] = ExplainFormat.text,
) -> None:
    """Show every number behind one person's score."""
    from scorecard import explain as explaining
    from scorecard.config_load import load_config
    from scorecard.pipeline import read_sources

    config = load_config(config_path, defer=True)
    scoring_period = _period(config, period, start, end)
    inputs = read_sources(config, _parse_sources(source))
    if output_format is ExplainFormat.json:  # (in English, as all JSON is)
        explanation = explaining.explain(config, inputs, scoring_period, person)
        text = json.dumps(explaining.to_dict(explanation), ensure_ascii=False, indent=2) + "\n"
    else:
        from scorecard.i18n import translator
        from scorecard.render import formatting

        t = translator(_state["lang"])
        with formatting.language(t):
            explanation = explaining.explain(config, inputs, scoring_period, person, t)
            text = explaining.to_text(explanation, t)
    _write_stdout(text.encode("utf-8"))
    _warnings_about(explanation.report, explanation.person.person, explanation.person.team)


def _warnings_about(report: Any, person: str, team: str) -> None:
    """On stderr, the warnings that bear on one person's score: their rows' and the run's
    own (targets' period, their team's growth baseline), not other people's or teams'."""
    from dataclasses import replace

    from scorecard.render.quality import issue_lines

    def bears_on(i: Any) -> bool:
        if i.person is not None:
            return bool(i.person == person)
        team_of = dict(i.params).get("team")
        return i.source is None and (not team_of or team_of == team)

    theirs = tuple(i for i in report.issues if i.level != "info" and bears_on(i))
    for line in issue_lines(replace(report, issues=theirs), t=_t):
        _stderr(line)


@app.command()
@_handle_errors
def schema() -> None:
    """Print the JSON Schema of the config file (for editor completion)."""
    from scorecard.init import schema_document

    _write_stdout((json.dumps(schema_document(), ensure_ascii=False, indent=2) + "\n").encode())


class Template(StrEnum):
    """Starter projects of `init`."""

    sales = "sales"
    presales = "presales"
    key_accounts = "key-accounts"


@app.command()
@_handle_errors
def init(
    folder: Annotated[
        Path,
        typer.Argument(metavar="DIR", help="Folder to write into (created when missing)."),
    ] = Path("."),
    template: Annotated[
        Template, typer.Option("--template", "-t", help="The kind of team to start from.")
    ] = Template.sales,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang", help="Language of labels, comments and sample data (default: the UI's)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files that already exist.")
    ] = False,
) -> None:
    """Write a starter config, sample exports, a roster and targets that score at once."""
    from scorecard.init import init_project, next_commands

    language = lang.value if lang else _state["lang"]
    for path in init_project(folder, template.value, language, force):
        print(_t("wrote", path=path))
    print(_t("init_next"))
    for command in next_commands(folder):
        print(f"  {command}")


def _write_stdout(data: bytes) -> None:
    """The requested output; a reader that went away (`| head`) ends the run as it does cat.

    A closed stdout (`>&-`) or one that cannot take the bytes (`>/dev/full`) is an
    OutputError: exit 1 with one line, nothing written. A write to a pipe whose
    reader has just gone may take part of the bytes and report no error: the rest
    is written again, which then fails as the pipe is closed (141, not 0).
    """
    from scorecard.errors import OutputError, Word
    from scorecard.output import cannot_write

    if sys.stdout is None:
        raise OutputError.of("err_stdout_closed")
    try:
        left = memoryview(data)
        while left:
            left = left[sys.stdout.buffer.write(left) or 0 :]
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        _stdout_to_devnull()
        raise typer.Exit(EXIT_PIPE) from None
    except OSError as exc:
        _stdout_to_devnull()
        raise cannot_write(Word("standard_output"), exc) from None


def _stdout_to_devnull() -> None:
    """After a failed write: what is left to flush at exit goes nowhere, so no second error."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """Console-script entry point: output is UTF-8 whatever the locale (cron runs under C)."""
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8":
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")
    try:
        app()
    except BrokenPipeError:
        # The reader went away (`scorecard run ... | head`): stop quietly, as cat does.
        _stdout_to_devnull()
        sys.exit(EXIT_PIPE)
