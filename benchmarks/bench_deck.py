"""Speed of the meeting deck (issue 14: a 200 x 10 plan under 3 s on this 2-core machine).

    python -m benchmarks.bench_deck [--repeat 3]

Prints, for the seeded plan, the seeded plan with people, a generated 200 tasks x 10 roles
plan with people and a 1,000 x 20 one: the slides, the best time to build the deck
(analysis included, as the download button and ``python -m raci deck`` do) and its size.
"""

from __future__ import annotations

import argparse

from benchmarks.bench_core import best_of
from benchmarks.bench_team import staffed_plan
from raci.output.deck import deck_pptx, slide_count
from raci.seed import seed_plan
from raci.team import Person


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    seeded = seed_plan("es")
    staffed = seeded.add_person(Person("Ana", 120, {"SMM": 1.0})).add_person(Person("Luis", 60, {"CM": 1.0}))
    cases = {
        "seeded 22 x 2": seeded,
        "seeded with 2 people": staffed,
        "200 x 10, 15 people": staffed_plan(200, 10, 15),
        "1000 x 20, 40 people": staffed_plan(1000, 20, 40),
    }
    deck_pptx(seeded, "es")  # the first deck imports and warms python-pptx's template
    for name, plan in cases.items():
        seconds, data = best_of(args.repeat, lambda plan=plan, name=name: deck_pptx(plan, "es", title=name))
        print(f"{name:>22}: {slide_count(plan):4d} slides  {seconds:6.2f} s  {len(data) / 1e6:5.2f} MB")


if __name__ == "__main__":
    main()
