"""teacherdesk's benchmark (DESIGN.md §8): each figure against a floor measured in the same run.

    python benchmarks/run.py            the "big teacher" file, full repetitions
    python benchmarks/run.py --quick    a smaller run that proves the benchmark still works (CI)
    python benchmarks/run.py --json     the same as one JSON object

Nothing here fails on a timing: it prints ours, the floor, the ratio and whether it is in budget.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figures import appfigures, storefigures, yearfigures
from figures.common import BigFile, compile_like_an_install, make_big_file


@dataclass
class Figure:
    name: str
    ours_ms: float
    floor_ms: float
    budget: str  # "<= 1.5x", ">= 5x faster", "<= 1x"
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.floor_ms if self.floor_ms else float("inf")

    @property
    def ok(self) -> bool:
        kind, limit = self.budget.split()[0], float(self.budget.split()[1].rstrip("x"))
        if "faster" in self.budget:
            return self.floor_ms / self.ours_ms >= limit
        return self.ratio <= limit if kind == "<=" else self.ratio >= limit

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "ours_ms": round(self.ours_ms, 2),
            "floor_ms": round(self.floor_ms, 2),
            "ratio": round(self.ratio, 3),
            "budget": self.budget,
            "ok": self.ok,
            "unit": self.unit,
        }


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, fast run (for CI)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-growth", action="store_true", help="skip the 1x/2x/4x growth runs")
    parser.add_argument("--only", help="measure only figures whose function name contains this")
    args = parser.parse_args(argv)

    reps = 3 if args.quick else 9
    size = (
        BigFile(students=60, guardians=120, notes=1000, conferences=150, ieps=12)
        if args.quick
        else BigFile()
    )
    log = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    compile_like_an_install()
    with tempfile.TemporaryDirectory(prefix="teacherdesk-bench-") as folder:
        root = Path(folder)
        os.chmod(root, 0o700)
        log(f"Building the big teacher file: {size.describe()} …")
        big = make_big_file(root / "big.json", size)
        figures: list[Figure] = []
        failures: list[dict] = []
        for measure in (
            storefigures.save_vs_atomic_floor,
            storefigures.save_vs_tinydb_default,
            storefigures.note_process_vs_python_floor,
            storefigures.version_vs_python,
            appfigures.open_app_vs_bare,
            appfigures.filter_roster_keystroke,
            appfigures.peak_memory_vs_bare,
            appfigures.roster_after_f3,
            appfigures.contacts_after_f4,
            appfigures.contacts_longest_pause,
            appfigures.contacts_filter_longest_pause,
        ):
            if args.only and args.only not in measure.__name__:
                continue
            log(f"  measuring: {measure.__doc__.splitlines()[0]}")
            try:
                result = measure(big, root, reps)
            except Exception as error:  # report and go on: one broken figure hides no other
                log(f"    could not measure it: {type(error).__name__}: {error}")
                failures.append({"figure": measure.__doc__.splitlines()[0], "error": str(error)})
                continue
            if result is not None:
                figures.append(Figure(**result))
        for measure in (
            yearfigures.open_ten_years_vs_one,
            yearfigures.note_ten_years,
            yearfigures.save_ten_years,
            yearfigures.memory_every_screen_ten_years,
        ):
            if args.only and args.only not in measure.__name__:
                continue
            log(f"  measuring: {measure.__doc__.splitlines()[0]}")
            try:
                figures.append(Figure(**measure(root, reps, args.quick)))
            except Exception as error:
                log(f"    could not measure it: {type(error).__name__}: {error}")
                failures.append({"figure": measure.__doc__.splitlines()[0], "error": str(error)})
        growth = []
        if not args.no_growth:
            growth = storefigures.growth(root, size, reps=max(3, reps // 2), quick=args.quick)
            growth += appfigures.open_growth(root, size, reps=max(3, reps // 2), quick=args.quick)
            log("  measuring: growth over 1, 2, 5 and 10 school years (interleaved)")
            growth += yearfigures.years_growth(root, reps=max(3, reps // 2), quick=args.quick)
    if args.json:
        report = {"figures": [f.as_dict() for f in figures], "growth": growth, "failed": failures}
        print(json.dumps(report, indent=2))
    else:
        print_table(figures, growth)
    return 1 if failures else 0


def print_table(figures: list[Figure], growth: list[dict]) -> None:
    print()
    print(f"{'figure':<58} {'ours':>9} {'floor':>9} {'ratio':>7}  {'budget':<13} ok")
    for f in figures:
        unit = f.unit
        faster = "faster" in f.budget
        ratio = f"{f.floor_ms / f.ours_ms:>5.1f}x faster" if faster else f"{f.ratio:>6.2f}x"
        print(
            f"{f.name:<58} {f.ours_ms:>7.1f}{unit:<2} {f.floor_ms:>7.1f}{unit:<2} "
            f"{ratio:>7}  {f.budget:<13} {'yes' if f.ok else 'NO'}"
        )
    if growth:
        print()
        print("How cost grows with the number of contact notes (and years of history):")
        for row in growth:
            years = f" over {row['years']:>2} years" if "years" in row else ""
            print(
                f"  {row['figure']:<40} {row['notes']:>7,} notes{years}: {row['ms']:>8.1f} ms"
                f"  ({row['vs_1x']:.2f}x of 1x)"
            )


if __name__ == "__main__":
    raise SystemExit(main())
