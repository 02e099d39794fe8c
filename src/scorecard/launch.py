"""The `scorecard` command: read ahead, hand over to the CLI, exit without teardown.

The read-ahead starts before the CLI itself is imported (typer and its
parameter handling take a tenth of a second), so that the files of a run
are read while everything else loads. When the command is done, the process
ends at once: freeing a million-row run's tables one buffer at a time would
take another tenth of a second, and the operating system reclaims the memory
anyway. Everything the command writes is complete by then (files are written
and closed before the CLI returns); stdout and stderr are flushed here.

For the same reason the cyclic garbage collector is off: a run's Python objects
(modules, config models, results) live until the end, and walking them again
and again cost a million-row run about 70 ms on its main thread, which competes
with the read for the CPU. Memory is freed by reference counting as before;
only reference cycles wait for the exit (a run's peak memory is the same).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from typing import NoReturn

EXIT_PIPE = 141  # as the CLI reports a reader of stdout that went away
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C
EXIT_TERMINATED = 143  # 128 + SIGTERM


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(EXIT_TERMINATED)


EXIT_FLUSH_FAILED = 120  # what Python exits with when stdout cannot be flushed at exit


READS_SOURCES = ("run", "validate", "explain")  # the commands whose CONFIG comes first


def _read_ahead(args: list[str]) -> None:
    """For `scorecard run CONFIG ...` (or validate, explain), read CONFIG's sources early.

    Skipped when the arguments override sources (`--source`) or ask for help; the
    run reads the files itself whenever what it needs differs from what was read.
    """
    command = next((i for i, arg in enumerate(args) if arg in READS_SOURCES), None)
    if command is None:
        return
    rest = args[command + 1 :]
    if not rest or rest[0].startswith("-"):
        return
    if any(a in ("--source", "-s", "--help") or a.startswith("--source=") for a in rest):
        return
    from scorecard import readahead

    readahead.start(rest[0])


def main() -> None:
    """Console-script entry point (`scorecard`, `python -m scorecard`).

    Ctrl-C while the program loads ends it as Ctrl-C later does (130, no traceback);
    SIGTERM ends it as an exception, so that a report being written removes its
    temporary file (the old report stays).
    """
    gc.disable()
    signal.signal(signal.SIGTERM, _terminated)
    try:
        _read_ahead(sys.argv[1:])
        from scorecard.cli import main as run_cli

        run_cli()
    except SystemExit as done:
        _exit_now(done.code)
    except KeyboardInterrupt:
        _exit_now(EXIT_INTERRUPTED)
    _exit_now(0)


def _exit_now(code: object) -> NoReturn:
    """End the process with `code` as `sys.exit` would, without tearing the interpreter down.

    sys.stdout or sys.stderr is None when the process was started with it closed.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message goes to stderr and the status is 1
        if sys.stderr is not None:
            print(code, file=sys.stderr)
        status = 1
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        status = EXIT_PIPE
    except OSError:  # e.g. a full disk: Python's own exit status when flushing fails
        status = EXIT_FLUSH_FAILED
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        pass
    os._exit(status)
