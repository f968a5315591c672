"""Benchmark: ``docgen.render`` of another checkout against this one's, alternated in one process.

Run from the repository: ``python benchmarks/compare_render.py BASE [--rounds 5] [--count 40]``,
where ``BASE`` is a checkout of the other version (for instance
``git archive <commit> | tar -x -C /tmp/base``). Both versions are imported into this process
(every module each needs is loaded, by rendering every example, before the next is imported) and
timed in turn with the plain docxtpl loop and the zip floor of ``benchmarks/render.py``, so a
busy machine slows all four alike; each runs with its own version's modules in ``sys.modules``.
It prints, for every act type and language, the median ms of each and the two targets' ratios
(``x`` = docxtpl ms / ``render()`` ms, ``/floor`` = ``render()`` ms / floor ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Modules = dict[str, types.ModuleType]
Version = tuple[types.ModuleType, types.ModuleType, Modules]


def load(root: Path) -> Version:
    """Import ``docgen`` and ``benchmarks/render.py`` from ``root``; return them and every module
    of theirs, whose names are then forgotten (:func:`median_ms` puts them back in turn)."""
    paths = [str(root), str(root / "benchmarks")]
    sys.path[:0] = paths
    import render as bench

    import docgen

    for act_type in docgen.ACT_TYPES:
        for lang in docgen.LANGUAGES:
            docgen.render(act_type, bench.example(act_type, lang), lang)
    names = [n for n in sys.modules if n in ("docgen", "render") or n.startswith("docgen.")]
    modules = {name: sys.modules.pop(name) for name in names}
    sys.path[:] = [path for path in sys.path if path not in paths]  # render.py adds its own
    return docgen, bench, modules


def median_ms(
    functions: dict[str, tuple[Callable[[], object], int, Modules]], rounds: int
) -> dict[str, float]:
    """Return the median ms per call of each function, the functions run in turn every round,
    each with its version's modules in ``sys.modules`` (what a function-level import finds)."""
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, (function, calls, modules) in functions.items():
            sys.modules.update(modules)
            start = time.perf_counter()
            for _ in range(calls):
                function()
            timings[name].append((time.perf_counter() - start) / calls * 1000)
    return {name: statistics.median(values) for name, values in timings.items()}


def time_one(
    base: Version, this: Version, act_type: str, lang: str, rounds: int, count: int
) -> dict[str, float]:
    """Return the median ms of docxtpl, both renders and the floor for one example."""
    base_docgen, _, base_modules = base
    docgen, bench, modules = this
    sys.modules.update(modules)
    data = bench.example(act_type, lang)
    context = bench.template_context(act_type, data, lang)
    path = bench.template_path(act_type, lang)
    return median_ms(
        {
            "docxtpl": (lambda: bench.docxtpl_loop(path, context), max(count // 10, 1), modules),
            "base": (lambda: base_docgen.render(act_type, data, lang), count, base_modules),
            "this": (lambda: docgen.render(act_type, data, lang), count, modules),
            "floor": (bench.zip_floor(path, context), count, modules),
        },
        rounds,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="checkout of the version to compare with")
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds (median)")
    parser.add_argument("--count", type=int, default=40, help="renders per round")
    args = parser.parse_args()
    base = load(args.base.resolve())
    this = load(ROOT)
    print("load: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    rows: list[dict[str, float]] = []
    for act_type in this[0].ACT_TYPES:
        for lang in this[0].LANGUAGES:
            medians = time_one(base, this, act_type, lang, args.rounds, args.count)
            rows.append(medians)
            print(
                f"{act_type:<28}{lang:<4} docxtpl {medians['docxtpl']:6.2f}"
                + "".join(
                    f"  {side} {medians[side]:.3f} ({medians['docxtpl'] / medians[side]:5.1f}x,"
                    f" /floor {medians[side] / medians['floor']:4.2f})"
                    for side in ("base", "this")
                )
                + f"  floor {medians['floor']:.3f}"
                + f"  this/base {medians['this'] / medians['base']:.2f}",
                flush=True,
            )
    for side in ("base", "this"):
        ratios = [r["docxtpl"] / r[side] for r in rows]
        floors = [r[side] / r["floor"] for r in rows]
        print(
            f"{side}: render() {statistics.fmean(r[side] for r in rows):.3f} ms mean;"
            f" x {min(ratios):.1f}-{max(ratios):.1f} (>= 40 on {sum(x >= 40 for x in ratios)}"
            f" of {len(rows)}); /floor {min(floors):.2f}-{max(floors):.2f}"
            f" (<= 2.5 on {sum(f <= 2.5 for f in floors)} of {len(rows)})"
        )
    print("load at the end: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
