"""Benchmark: one-shot CLI start-up — wall time from process start to printed answer.

    .venv/bin/python bench/startup.py [--runs 7] [--index data/index] [--command ask|cases|config]

Runs `python -m dxqa.cli …` as a fresh process each time (what a user typing `dxqa ask` pays:
interpreter, imports, index load, one answer) and prints min / median / max seconds and the
child's peak RSS. `--importtime` also prints the ten slowest imports of one run
(`python -X importtime`), cumulative, to show where the time goes.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "CIO補佐官の財政措置は？"
COMMANDS = {
    "ask": ["ask", QUESTION],
    "cases": ["cases", "--prefecture", "長野県"],
    "config": ["config"],
}


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}


def time_command(args: list[str], runs: int) -> dict:
    """Seconds per fresh process (min/median/max) and the largest child peak RSS in MB."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dxqa.cli", *args], check=True, capture_output=True, env=_env(), cwd=ROOT)
        seconds.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "min": min(seconds),
        "median": statistics.median(seconds),
        "max": max(seconds),
        "peak_mb": peak_mb,
        "runs": runs,
    }


def slowest_imports(args: list[str], top: int = 10) -> list[tuple[float, str]]:
    """(cumulative seconds, module) of the slowest top-level imports of one run."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dxqa.cli", *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) <= 2:  # top-level and first-level imports
            rows.append((int(match.group(1)) / 1e6, match.group(3)))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--command", default="ask", choices=sorted(COMMANDS))
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    result = time_command(COMMANDS[args.command], args.runs)
    print(
        f"dxqa {args.command}: min {result['min']:.2f} s, median {result['median']:.2f} s, "
        f"max {result['max']:.2f} s over {args.runs} runs; peak RSS {result['peak_mb']:.0f} MB"
    )
    if args.importtime:
        for seconds, module in slowest_imports(COMMANDS[args.command]):
            print(f"  {seconds:6.2f} s  {module}")


if __name__ == "__main__":
    main()
