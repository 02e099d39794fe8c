"""Benchmark: `scorecard run` against the floor (bare polars) and a pandas script.

python bench/run.py [--rows 100000 1000000] [--repeat 5] [--quick]

Each figure is the median wall time of whole-process runs after one warm-up, with
the peak resident memory of the process (from wait4). Data is generated on first
use into bench/data/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def measure(command: list[str], repeat: int) -> tuple[float, float]:
    """(median seconds, peak RSS in MB) over `repeat` runs after a warm-up."""
    times: list[float] = []
    peaks: list[float] = []
    for attempt in range(repeat + 1):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            error = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"{' '.join(command)} failed:\n{error}")
        if attempt:  # the first run warms the page cache and is not counted
            times.append(elapsed)
            peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def exports(rows: int, xlsx: bool) -> dict[str, Path]:
    """Generate the data in a child process: a forked child inherits the parent's peak
    memory in ru_maxrss, so this process must stay small for the RSS figures to be true."""
    command = [sys.executable, str(HERE / "generate.py"), "--rows", str(rows)]
    subprocess.run(command + (["--xlsx"] if xlsx else []), check=True, stdout=subprocess.DEVNULL)
    return generate.paths(rows, xlsx)


def scorecard(path: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "scorecard",
        "run",
        str(HERE / "scorecard.yaml"),
        "--period",
        "2026",
        "--format",
        "json",
        "--quiet",
        "--source",
        f"deals={path}",
    ]


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from importlib.metadata import version

    return (
        f"{os.cpu_count()} cores, {cpu}; Python {platform.python_version()}, "
        f"polars {version('polars')}, pandas {version('pandas')}"
    )


def row(
    label: str,
    ours: tuple[float, float],
    floor: tuple[float, float],
    pandas: tuple[float, float] | None,
) -> str:
    pandas_text = f"{pandas[0]:7.2f} s {pandas[1]:6.0f} MB" if pandas else " " * 17
    speedup = f"{pandas[0] / ours[0]:5.1f}×" if pandas else "     "
    return (
        f"{label:<24} {ours[0]:7.2f} s {ours[1]:6.0f} MB {floor[0]:7.2f} s {floor[1]:6.0f} MB"
        f" {pandas_text}  {ours[0] / floor[0]:5.2f}×  {ours[1] / floor[1]:5.2f}×  {speedup}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10k and 100k rows, 3 repeats")
    parser.add_argument("--no-pandas", action="store_true")
    args = parser.parse_args()
    sizes, repeat = ([10_000, 100_000], 3) if args.quick else (args.rows, args.repeat)
    print(f"machine: {machine()}")
    print(f"median of {repeat} runs after a warm-up; peak RSS per process\n")
    header = (
        f"{'input':<24} {'scorecard':>17} {'floor (polars)':>17} {'pandas script':>17}"
        f"  {'÷floor':>6}  {'RSS÷':>6}  {'pandas÷':>6}"
    )
    print(header)
    print("-" * len(header))
    for rows in sizes:
        paths = exports(rows, xlsx=rows <= 100_000)
        variants = [("csv", "CSV UTF-8"), ("gb18030", "CSV GB18030"), ("text", "CSV text amounts")]
        if "xlsx" in paths:
            variants.append(("xlsx", "xlsx"))
        for key, name in variants:
            path = paths[key]
            ours = measure(scorecard(path), repeat)
            floor = measure([sys.executable, str(HERE / "floor.py"), str(path)], repeat)
            pandas = (
                None
                if args.no_pandas
                else measure([sys.executable, str(HERE / "pandas_baseline.py"), str(path)], repeat)
            )
            print(row(f"{rows:>9,} {name}", ours, floor, pandas))
    version = measure([sys.executable, "-m", "scorecard", "--version"], repeat)
    print(f"\nscorecard --version: {version[0]:.3f} s")
    xlsx = exports(100_000, xlsx=True)["xlsx"]
    bare = measure(
        [
            sys.executable,
            "-c",
            "import fastexcel, sys; fastexcel.read_excel(sys.argv[1]).load_sheet(0).to_polars()",
            str(xlsx),
        ],
        repeat,
    )
    ours = measure(scorecard(xlsx), repeat)
    print(
        f"100,000-row xlsx: bare fastexcel read {bare[0]:.2f} s, scorecard {ours[0]:.2f} s "
        f"({ours[0] / bare[0]:.2f}×)"
    )


if __name__ == "__main__":
    main()
