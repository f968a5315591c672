"""Benchmark: one ``docgen render`` as a new process, against importing its dependencies.

Run from the repository: ``python benchmarks/cold_start.py [--rounds 15]``.

In one run, alternating so that a busy machine slows both alike, it times (median of rounds):

* ``python -c "import docx, jinja2, pydantic, yaml, click"``: the floor, the imports any
  Python program making a DOCX from a YAML case with a click command line pays;
* ``docgen render predpisanie examples/predpisanie.yaml -o F --force``: the whole command;
* ``docgen render predpisanie CASE x10 -o DIR --force``: ten acts in one process;

and prints the ratio of the command to the floor (target: at most 1.6) with the machine's load.

Both run as an installed program runs: Python may write its bytecode cache (the commands run
without ``PYTHONDONTWRITEBYTECODE``, as pip compiles an installed package), and docgen keeps its
compiled catalogs and prepared templates in its disk cache (``docgen.diskcache``); the warm-up
round fills both. ``--no-disk-cache`` runs docgen with its disk cache turned off.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from render import machine  # noqa: E402

FLOOR = [sys.executable, "-c", "import docx, jinja2, pydantic, yaml, click"]


def docgen_command() -> list[str]:
    """Return how to run the installed ``docgen`` command of this interpreter."""
    script = Path(sys.executable).with_name("docgen")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "docgen.cli"]


def wall(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Return the seconds ``command`` takes, failing loudly when it fails."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument(
        "--no-disk-cache", action="store_true", help="run docgen with DOCGEN_CACHE_DIR=off"
    )
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.no_disk_cache:
        env["DOCGEN_CACHE_DIR"] = "off"
    print("machine: " + ", ".join(f"{k}={v}" for k, v in machine().items()))
    case = str(ROOT / "examples" / "predpisanie.yaml")
    work = Path(tempfile.mkdtemp(prefix="docgen-cold-"))
    try:
        docgen = docgen_command()
        runs = {
            "imports (floor)": FLOOR,
            "docgen render": [*docgen, "render", "predpisanie", case, "-o", "a.docx", "--force"],
            "docgen render x10": [
                *docgen,
                "render",
                "predpisanie",
                *[case] * 10,
                "-o",
                "acts",
                "--force",
            ],
        }
        for command in runs.values():  # warm the file cache
            wall(command, work, env)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.rounds):
            for name, command in runs.items():
                times[name].append(wall(command, work, env))
        floor = statistics.median(times["imports (floor)"])
        print(f"\n{'command':<22}{'median ms':>11}{'min ms':>9}{'/ floor':>9}")
        for name, values in times.items():
            median = statistics.median(values)
            print(
                f"{name:<22}{median * 1000:>11.0f}{min(values) * 1000:>9.0f}{median / floor:>9.2f}"
            )
        ratio = statistics.median(times["docgen render"]) / floor
        print(f"target 2: docgen render / imports = {ratio:.2f} (<= 1.6)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("load at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
