"""Read-ahead: a run's source files start reading while the rest of the program loads.

`scorecard run` spends its first few hundred milliseconds on one core, importing
(typer, pydantic, the config models) and validating the config. The files it will
read are named in the config's YAML, so `start()` reads them meanwhile in a
background thread: polars and calamine read without holding the interpreter.

Each read is keyed by the FileSpec guessed from the raw YAML; `take(spec)` hands
a table over only when the validated config asks for that spec, with no column the
guess did not read (`claim` hands over the read itself, for a run that does other
work until it finishes). A guess
that turns out different costs time, never a different result; a read that
failed raises its error where the normal read would have raised it.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scorecard.filespec import FileSpec
    from scorecard.sources import Table

_lock = threading.Lock()
_pending: dict[FileSpec, Future[Table]] = {}


def start(config_path: str | Path) -> None:
    """Start reading the sources that `config_path` names (best effort: never raises).

    Returns once the reading thread has imported what it needs and registered its
    reads, so the caller's own imports never run alongside the thread's. (For a
    run whose sources are all workbooks, what the thread needs first is calamine:
    it loads the sheets while the caller imports polars and the rest.)
    """
    ready = threading.Event()
    # A daemon: a run that stops early (an invalid config) does not wait for the reads.
    thread = threading.Thread(
        target=_read_ahead,
        args=(Path(config_path), ready),
        name="scorecard-read-ahead",
        daemon=True,
    )
    thread.start()
    ready.wait()


def take(spec: FileSpec) -> Table | None:
    """The table read ahead for `spec` (waiting for it), or None (see `claim`)."""
    future = claim(spec)
    return None if future is None else future.result()


def claim(spec: FileSpec) -> Future[Table] | None:
    """The read started ahead for `spec` (finished or not), or None: of the same file,
    read the same way, with every column `spec` wants."""
    with _lock:
        ahead = next((guessed for guessed in _pending if guessed.serves(spec)), None)
        return None if ahead is None else _pending.pop(ahead)


def reading() -> bool:
    """Whether a read started ahead is still going on."""
    with _lock:
        return any(not future.done() for future in _pending.values())


def discard() -> None:
    """Forget the reads nobody took (a guess that did not match the config)."""
    with _lock:
        _pending.clear()


def _read_ahead(config_path: Path, ready: threading.Event) -> None:
    try:
        from scorecard.config_file import read_yaml
        from scorecard.filespec import EXCEL_SUFFIXES

        if not config_path.is_file():  # a pipe (`<(...)`, /dev/stdin) can be read only once,
            return  # and that read is the run's
        guessed = guess_specs(read_yaml(config_path), config_path.resolve().parent)
        # Plain files only: a pipe or a device read here would be gone for a normal read.
        specs = [spec for spec in guessed if spec.path.is_file()]
        workbooks = {s for s in specs if s.path.suffix.lower() in EXCEL_SUFFIXES}
        if workbooks:  # imported here, not beside the caller's imports
            import fastexcel  # noqa: F401
            import python_calamine  # noqa: F401

            from scorecard import sources_excel
        if len(workbooks) < len(specs):
            from scorecard import sources  # polars and the CSV reader
        futures: list[tuple[FileSpec, Future[Table]]] = [(s, Future()) for s in specs]
        with _lock:
            _pending.update(futures)
    except BaseException:  # an unreadable or invalid config: the normal run reports it
        return  # (and an interrupt here is the main thread's to act on)
    finally:
        ready.set()
    for at, (spec, future) in enumerate(futures):
        try:
            # calamine loads a workbook (outside the interpreter) before polars is needed:
            # for a run of workbooks only, that is while the caller imports polars.
            loaded = (
                sources_excel.load_ahead(spec.path, spec.sheet, spec) if spec in workbooks else None
            )
            from scorecard import sources

            future.set_result(sources.read_table(spec, loaded))
        except Exception as exc:
            future.set_exception(exc)
        except BaseException as exc:  # polars' own Ctrl-C: the run waiting on it stops too
            for _, rest in futures[at:]:
                rest.set_exception(exc)
            return


def guess_specs(data: Any, base: Path) -> list[FileSpec]:
    """The FileSpec of each source in raw config data, as `pipeline.file_specs` makes it.

    Sources whose keys are missing or of an unexpected type are left out (the
    validation will say what is wrong with them).
    """
    from scorecard.config_file import resolve_path
    from scorecard.filespec import FileSpec, wanted_headers

    found = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(found, dict):
        return []
    kpis = data.get("kpis")
    kpis = [k for k in kpis.values() if isinstance(k, dict)] if isinstance(kpis, dict) else []
    specs = []
    for name, source in found.items():
        if not isinstance(name, str) or not isinstance(source, dict):
            continue
        path, person, date = source.get("path"), source.get("person"), source.get("date")
        sheet = source.get("sheet")
        encoding = source.get("encoding", "auto")
        delimiter = source.get("delimiter", "auto")
        header_row = source.get("header_row", 1)
        if not (
            isinstance(path, str)
            and isinstance(person, str)
            and (date is None or isinstance(date, str))
            and (sheet is None or (isinstance(sheet, str | int) and not isinstance(sheet, bool)))
            and isinstance(encoding, str)
            and isinstance(delimiter, str)
            and isinstance(header_row, int)
            and not isinstance(header_row, bool)
        ):
            continue
        expect = tuple(c for c in (person, date) if c)
        resolved = Path(resolve_path(base, path))
        # (a KPI whose source is not a name yet may be this source's)
        own = [k for k in kpis if k.get("source") == name or not isinstance(k.get("source"), str)]
        wanted = wanted_headers({k: v for k, v in source.items() if k != "path"}, own)
        specs.append(
            FileSpec(name, resolved, sheet, encoding, delimiter, header_row, expect, wanted=wanted)
        )
    return specs
