"""The `scorecard` command: read ahead, then hand over to the CLI.

The read-ahead starts before the CLI itself is imported (typer and its
parameter handling take a tenth of a second), so that the files of a run
are read while everything else loads.
"""

from __future__ import annotations

import sys


def _read_ahead(args: list[str]) -> None:
    """For `scorecard run CONFIG ...`, start reading CONFIG's sources while the CLI loads.

    Skipped when the arguments override sources (`--source`) or ask for help; the
    run reads the files itself whenever what it needs differs from what was read.
    """
    if "run" not in args:
        return
    rest = args[args.index("run") + 1 :]
    if not rest or rest[0].startswith("-"):
        return
    if any(a in ("--source", "-s", "--help") or a.startswith("--source=") for a in rest):
        return
    from scorecard import readahead

    readahead.start(rest[0])


def main() -> None:
    """Console-script entry point (`scorecard`, `python -m scorecard`)."""
    _read_ahead(sys.argv[1:])
    from scorecard.cli import main as run_cli

    run_cli()
