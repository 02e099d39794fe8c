"""Benchmark: whole `scorecard run` processes beside two baselines computed in the same run.

    python bench/run.py [--rows 100000 1000000] [--repeat 5] [--quick] [--markdown]

For each size it generates the exports if they are missing (bench/data/rows-N/,
git-ignored), copies the bench configs beside them, and times, for every form of
the export (CSV UTF-8, CSV GB18030, CSV with amounts as text, CSV as a Chinese
CRM writes it - ￥ amounts, 2026/3/1 and 2026年3月17日 dates - and xlsx up to
100,000 rows):

- scorecard   `python -m scorecard run CONFIG --period 2026 --format json --quiet`
- floor       bench/floor.py: bare polars reading the file and computing the same
              per-person actuals (no validation, no scoring)
- pandas      bench/pandas_baseline.py: the same scorecard written by hand in pandas

Each figure is the median wall time of --repeat runs after one warm-up run, the
programs taking turns (round by round, so a shared machine's drift moves them
alike), and the largest peak resident memory of those runs, read per child from
wait4(2). The package is byte-compiled first, as `pip install .` leaves it.
Also timed: `scorecard --version`, and a bare fastexcel read of each xlsx.
The tool's totals and ranks are checked against the pandas script's on every input.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
XLSX_MAX = 100_000  # workbooks only up to this many rows (a 1M-row .xlsx is rare and slow)
INPUTS = {  # key → (config, export, label)
    "csv": ("scorecard.yaml", "deals.csv", "CSV UTF-8"),
    "gb18030": ("scorecard-gb18030.yaml", "deals-gb18030.csv", "CSV GB18030"),
    "text": ("scorecard-text.yaml", "deals-text.csv", "CSV amounts as text"),
    "messy": ("scorecard-messy.yaml", "deals-messy.csv", "CSV ￥ amounts, mixed dates"),
    "xlsx": ("scorecard-xlsx.yaml", "deals.xlsx", "xlsx"),
}
GOALS = {"floor": 1.5, "pandas": 3.0, "rss": 2.0, "fastexcel": 1.3, "version": 0.25}
FASTEXCEL = "import fastexcel, sys; fastexcel.read_excel(sys.argv[1]).load_sheet(0).to_polars()"


def _environment() -> dict[str, str]:
    """The children's environment: src/ on the path unless scorecard is installed."""
    env = {**os.environ, "NO_COLOR": "1"}
    try:
        version("scorecard")
    except PackageNotFoundError:
        paths = [str(ROOT / "src"), env.get("PYTHONPATH", "")]
        env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return env


ENV = _environment()


class Measured(NamedTuple):
    seconds: float  # median wall time of the timed runs
    peak_mb: float  # largest peak RSS of the timed runs
    output: bytes  # stdout of the last run


def _run_once(command: list[str], out: Any, err: Any) -> tuple[float, float]:
    """One run of `command`: (wall seconds, peak RSS in MB), stdout left in `out`."""
    for handle in (out, err):
        handle.seek(0)
        handle.truncate()
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=out, stderr=err, env=ENV)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        err.seek(0)
        message = err.read().decode(errors="replace")
        raise SystemExit(f"failed ({code}): {' '.join(command)}\n{message}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def measure_together(commands: dict[str, list[str]], repeat: int) -> dict[str, Measured]:
    """Run each command once to warm up, then `repeat` rounds of one run of each.

    The rounds interleave the commands, so that a machine that slows down or speeds
    up during the benchmark (a shared VM) moves every program's figures alike and
    the ratios stay fair. The peak comes from wait4(2) on the child's pid, so it is
    that process's own ru_maxrss. (This process stays small: a child started with
    vfork/exec starts from its parent's peak, so generating data here would inflate
    every figure.)
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    outputs: dict[str, bytes] = {}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        for attempt in range(repeat + 1):
            for name, command in commands.items():
                elapsed, peak = _run_once(command, out, err)
                if attempt:  # the warm-up fills the page cache and is not counted
                    times[name].append(elapsed)
                    peaks[name].append(peak)
                out.seek(0)
                outputs[name] = out.read()
    return {
        name: Measured(statistics.median(times[name]), max(peaks[name]), outputs[name])
        for name in commands
    }


def byte_compile() -> None:
    """Compile the package's modules, as `pip install .` does.

    A checkout installed with `pip install -e .` under PYTHONDONTWRITEBYTECODE
    would otherwise compile every module from source in every timed run.
    """
    package = ROOT / "src" / "scorecard"
    if package.is_dir():
        command = [sys.executable, "-m", "compileall", "-q", str(package)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def prepare(rows: int) -> Path:
    """bench/data/rows-N/: the bench configs beside data/ with N-row exports.

    The data is generated in a child process so that this process stays small."""
    work = DATA / f"rows-{rows}"
    command = [sys.executable, str(HERE / "generate.py"), "--rows", str(rows)]
    command += ["--out", str(work / "data"), "--if-missing"]
    if rows <= XLSX_MAX:
        command.append("--xlsx")
    print(f"preparing {rows:,} rows in {work} ...", file=sys.stderr, flush=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    for config, _, _ in INPUTS.values():
        shutil.copy(HERE / config, work / config)
    return work


def scorecard_command(config: Path) -> list[str]:
    run = [sys.executable, "-m", "scorecard", "run", str(config)]
    return [*run, "--period", "2026", "--format", "json", "--quiet"]


def agreement(tool_json: bytes, pandas_json: bytes) -> str:
    """Whether the tool and the pandas script give the same totals and ranks."""
    tool: dict[str, Any] = json.loads(tool_json)
    theirs: dict[str, Any] = json.loads(pandas_json)
    worst = 0.0
    ranks_differ = 0
    for person in tool["people"]:
        other = theirs["people"][person["person"]]
        worst = max(worst, abs(person["total"] - other["total"]))
        ranks_differ += (person["rank"], person["team_rank"]) != (other["rank"], other["team_rank"])
    for team in tool["teams"]:
        other = theirs["teams"][team["team"]]
        worst = max(worst, abs(team["total"] - other["total"]))
        ranks_differ += team["rank"] != other["rank"]
    if worst <= 1e-9 and not ranks_differ:
        return "yes"
    return f"NO: Δtotal {worst:.2g}, {ranks_differ} ranks"


@dataclass
class Row:
    rows: int
    key: str
    size_mb: float
    tool: Measured
    floor: Measured
    pandas: Measured | None
    same: str

    @property
    def label(self) -> str:
        return f"{self.rows:>9,} {INPUTS[self.key][2]}"


def machine() -> str:
    """Cores, CPU model, memory, Python and library versions."""
    cpu = "unknown CPU"
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024**2:.0f} GB RAM"
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    libraries = []
    for name in ("polars", "pandas", "fastexcel"):
        try:
            libraries.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            libraries.append(f"{name} (not installed)")
    return (
        f"{usable} CPUs (nproc; {os.cpu_count()} online), {cpu}{memory}; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}, "
        + ", ".join(libraries)
    )


def _cell(measured: Measured | None) -> str:
    if measured is None:
        return f"{'-':>8} {'':>7}"
    return f"{measured.seconds:7.2f}s {measured.peak_mb:5.0f}MB"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "-"


HEADER = (
    f"{'input':<31} {'size':>7}  {'scorecard':>16} {'floor':>16} {'pandas':>16}"
    f"  {'sc÷floor':>8} {'RSS sc÷fl':>9} {'pandas÷sc':>9}  same totals"
)


def table_line(row: Row) -> str:
    pandas = row.pandas
    return (
        f"{row.label:<31} {row.size_mb:5.0f}MB  {_cell(row.tool):>16} {_cell(row.floor):>16}"
        f" {_cell(pandas):>16}  {_ratio(row.tool.seconds, row.floor.seconds):>8}"
        f" {_ratio(row.tool.peak_mb, row.floor.peak_mb):>9}"
        f" {_ratio(pandas.seconds, row.tool.seconds) if pandas else '-':>9}  {row.same}"
    )


def markdown(rows: list[Row]) -> str:
    lines = [
        "| input | scorecard | floor | pandas | scorecard ÷ floor | memory ÷ floor "
        "| pandas ÷ scorecard |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        tool, floor, pandas = row.tool, row.floor, row.pandas
        lines.append(
            f"| {row.rows:,} rows, {INPUTS[row.key][2]} ({row.size_mb:.0f} MB) "
            f"| {tool.seconds:.2f} s, {tool.peak_mb:.0f} MB "
            f"| {floor.seconds:.2f} s, {floor.peak_mb:.0f} MB "
            f"| {f'{pandas.seconds:.2f} s, {pandas.peak_mb:.0f} MB' if pandas else '-'} "
            f"| {tool.seconds / floor.seconds:.2f}× | {tool.peak_mb / floor.peak_mb:.2f}× "
            f"| {f'{pandas.seconds / tool.seconds:.1f}×' if pandas else '-'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[100_000, 1_000_000], help="sizes to measure"
    )
    parser.add_argument("--repeat", type=int, help="timed runs after the warm-up (default 5)")
    parser.add_argument(
        "--quick", action="store_true", help="10,000 and 50,000 rows, 3 runs (a smoke run)"
    )
    parser.add_argument(
        "--inputs", nargs="+", choices=list(INPUTS), default=list(INPUTS), help="forms to measure"
    )
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas baseline")
    parser.add_argument("--markdown", action="store_true", help="also print a markdown table")
    args = parser.parse_args()
    sizes = [10_000, 50_000] if args.quick else args.rows
    repeat = args.repeat or (3 if args.quick else 5)
    sizes = sorted(set(sizes), reverse=True)

    print(f"machine: {machine()}")
    byte_compile()
    print(
        f"median of {repeat} runs after one warm-up, the programs taking turns; "
        "peak RSS of each process (wait4)"
    )
    print(f"scorecard: {' '.join(scorecard_command(Path('CONFIG')))}\n", flush=True)
    print(HEADER)
    print("-" * len(HEADER), flush=True)
    rows: list[Row] = []
    workbooks: list[tuple[int, Measured, Measured]] = []
    for size in sizes:
        work = prepare(size)
        for key in args.inputs:
            config, export, _ = INPUTS[key]
            path = work / "data" / export
            if not path.exists():
                continue
            commands = {
                "tool": scorecard_command(work / config),
                "floor": [sys.executable, str(HERE / "floor.py"), str(path)],
            }
            if not args.no_pandas:
                commands["pandas"] = [sys.executable, str(HERE / "pandas_baseline.py"), str(path)]
            if key == "xlsx":
                commands["fastexcel"] = [sys.executable, "-c", FASTEXCEL, str(path)]
            measured = measure_together(commands, repeat)
            tool, floor, pandas = measured["tool"], measured["floor"], measured.get("pandas")
            same = agreement(tool.output, pandas.output) if pandas else "-"
            row = Row(size, key, path.stat().st_size / 1e6, tool, floor, pandas, same)
            rows.append(row)
            print(table_line(row), flush=True)
            if key == "xlsx":
                workbooks.append((size, measured["fastexcel"], tool))

    startups = measure_together(
        {
            "startup": [sys.executable, "-c", "pass"],
            "version": [sys.executable, "-m", "scorecard", "--version"],
        },
        repeat,
    )
    startup, version_run = startups["startup"], startups["version"]
    print()
    print(
        f"scorecard --version: {version_run.seconds:.3f} s, {version_run.peak_mb:.0f} MB "
        f"(python -c pass: {startup.seconds:.3f} s)"
    )
    for size, bare, tool in workbooks:
        print(
            f"{size:,}-row xlsx: bare fastexcel read {bare.seconds:.2f} s ({bare.peak_mb:.0f} MB), "
            f"scorecard {tool.seconds:.2f} s ({tool.peak_mb:.0f} MB): "
            f"{tool.seconds / bare.seconds:.2f}× the read"
        )
    _growth(rows)
    _goals(rows, workbooks, version_run)
    if args.markdown:
        print()
        print(markdown(rows))


def _growth(rows: list[Row]) -> None:
    """How the time grows with the rows, per program, on the UTF-8 CSV."""
    csv = sorted((r for r in rows if r.key == "csv"), key=lambda r: r.rows)
    if len(csv) < 2:
        return
    small, large = csv[0], csv[-1]
    factor = large.rows / small.rows
    parts = [
        f"scorecard ×{large.tool.seconds / small.tool.seconds:.1f}",
        f"floor ×{large.floor.seconds / small.floor.seconds:.1f}",
    ]
    if large.pandas and small.pandas:
        parts.append(f"pandas ×{large.pandas.seconds / small.pandas.seconds:.1f}")
    print(f"{factor:g}× the rows ({small.rows:,} → {large.rows:,}, CSV UTF-8): " + ", ".join(parts))


def _goals(
    rows: list[Row], workbooks: list[tuple[int, Measured, Measured]], version_run: Measured
) -> None:
    """The performance goals, on the largest UTF-8 CSV and the largest workbook measured."""
    checks: list[tuple[str, bool]] = []
    csv = max((r for r in rows if r.key == "csv"), key=lambda r: r.rows, default=None)
    if csv is not None:
        ratio = csv.tool.seconds / csv.floor.seconds
        checks.append(
            (
                f"{csv.rows:,}-row CSV: time ≤ {GOALS['floor']}× the floor ({ratio:.2f}×)",
                ratio <= GOALS["floor"],
            )
        )
        if csv.pandas:
            speedup = csv.pandas.seconds / csv.tool.seconds
            checks.append(
                (
                    f"{csv.rows:,}-row CSV: ≥ {GOALS['pandas']:g}× faster than pandas "
                    f"({speedup:.2f}×)",
                    speedup >= GOALS["pandas"],
                )
            )
        memory = csv.tool.peak_mb / csv.floor.peak_mb
        checks.append(
            (
                f"{csv.rows:,}-row CSV: peak RSS ≤ {GOALS['rss']:g}× the floor's ({memory:.2f}×)",
                memory <= GOALS["rss"],
            )
        )
    if workbooks:
        size, bare, tool = max(workbooks, key=lambda w: w[0])
        ratio = tool.seconds / bare.seconds
        checks.append(
            (
                f"{size:,}-row xlsx: ≤ {GOALS['fastexcel']}× a bare fastexcel read ({ratio:.2f}×)",
                ratio <= GOALS["fastexcel"],
            )
        )
    checks.append(
        (
            f"scorecard --version ≤ {GOALS['version']} s ({version_run.seconds:.3f} s)",
            version_run.seconds <= GOALS["version"],
        )
    )
    print("\ngoals:")
    for text, met in checks:
        print(f"  [{'met' if met else 'NOT met':>7}] {text}")


if __name__ == "__main__":
    main()
