"""Benchmark: SMART assessment of 10 000 goals (target: under one second).

The goals cycle through the texts of tests/smart_goals.py; every goal gets a different mix of
structured fields (none; indicator, unit, baseline, target, deadline, owner; goal area checked
against valid areas and directions), so every rule of `portfolio.smart` runs. Only the calls to
`assess` are timed, not building the inputs. Prints the best of `--repeat` runs, goals per
second and PASS/FAIL against the target. The exit status is 0 whatever the figures are.

    .venv/bin/python benchmarks/smart_bench.py
    .venv/bin/python benchmarks/smart_bench.py --goals 100000 --repeat 3

This is not a test: pytest only collects tests/, and nothing here is named test_*.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portfolio import smart  # noqa: E402
from portfolio.smart import assess  # noqa: E402
from tests.smart_goals import GOALS  # noqa: E402

TARGET_SECONDS = 1.0
AREAS = frozenset(
    {"God ekonomi och effektiv verksamhet", "Fler i jobb", "Utbildning med hög kvalitet"}
)
DIRECTIONS = frozenset({"Digitalt först", "Datadriven verksamhet"})


def _inputs(count: int) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for i in range(count):
        text = GOALS[i % len(GOALS)].text
        variant = i % 4
        fields: dict[str, Any] = {}
        if variant >= 1:
            fields.update(
                indicator="Handläggningstid" if i % 3 else None,
                unit=("%", "dagar", "st")[i % 3],
                baseline=float(i % 50),
                target=float(i % 120),
                deadline=dt.date(2024 + i % 3, 6, 30) if i % 5 else None,
                owner="Anna Berg" if i % 7 else None,
            )
        if variant >= 2:
            fields.update(
                goal_area=("God ekonomi och effektiv verksamhet", "Trygg kommun", None)[i % 3],
                year=2023 + i % 3,
                valid_goal_areas=AREAS,
                valid_directions=DIRECTIONS,
                directions=("Digitalt först",) if i % 2 else (),
            )
        out.append((text, fields))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    inputs = _inputs(args.goals)
    best = float("inf")
    for _ in range(max(1, args.repeat)):
        # Cold every time: assess keeps what it worked out per text, which would make every
        # run after the first measure the caches instead of the rules.
        smart.clear_caches()
        start = time.perf_counter()
        for text, fields in inputs:
            assess(text, **fields)
        best = min(best, time.perf_counter() - start)
    per_10k = best * 10_000 / args.goals
    verdict = "PASS" if per_10k < TARGET_SECONDS else "FAIL"
    print(
        f"smart.assess: {args.goals} goals in {best:.3f} s (best of {args.repeat}), "
        f"{args.goals / best:,.0f} goals/s, {best / args.goals * 1e6:.1f} µs/goal; "
        f"10 000 goals: {per_10k:.3f} s, target < {TARGET_SECONDS:.1f} s: {verdict}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
