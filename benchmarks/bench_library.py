"""Speed of the task library's search and suggestion (the add-task form calls both on every pause in typing).

    python -m benchmarks.bench_library

Times, over the 40 names of tests/core/library_heldout.toml (and every prefix of them, as typed letter by
letter, for the search), then over long inputs (a pasted paragraph, 10,000 and 1,000,000 characters: both
cut the text to MAX_QUERY_CHARS), the median and the slowest call. The library is read and indexed once
before (its load is timed apart).
"""

from __future__ import annotations

import statistics
import time
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

from raci.library import _index, _search_words, _vocabulary, library, load_library, search, suggest

HELD_OUT = Path(__file__).resolve().parent.parent / "tests" / "core" / "library_heldout.toml"


def timings(call: Callable[[str, str], object], inputs: Iterable[tuple[str, str]]) -> tuple[float, float, int]:
    """Median and slowest call in milliseconds, and the number of calls."""
    spent = []
    for text, lang in inputs:
        start = time.perf_counter()
        call(text, lang)
        spent.append((time.perf_counter() - start) * 1000)
    return statistics.median(spent), max(spent), len(spent)


def main() -> None:
    start = time.perf_counter()
    load_library()
    loaded = (time.perf_counter() - start) * 1000
    library(), _index(), _search_words(), _vocabulary()  # what the app does once per process
    print(f"library: {len(library().tasks)} tasks, read and checked in {loaded:.1f} ms")
    cases = [(c["name"], c["lang"]) for c in tomllib.loads(HELD_OUT.read_text(encoding="utf-8"))["case"]]
    prefixes = [(name[:n], lang) for name, lang in cases for n in range(1, len(name) + 1)]
    paragraph = ("Coordinar con la agencia la campaña de rebajas, revisar las reseñas y preparar el informe "
                 "mensual de KPIs para dirección antes del viernes ") * 3
    long_inputs = [(paragraph, "es"), ("reseñas " * 1_250, "es"), ("x" * 1_000_000, "en"),
                   ("monthly ads report " * 50_000, "en")]
    rows = [
        ("search, held-out names", timings(search, cases)),
        ("search, every prefix typed", timings(search, prefixes)),
        ("search, long inputs", timings(search, long_inputs)),
        ("suggest, held-out names", timings(suggest, cases)),
        ("suggest, long inputs", timings(suggest, long_inputs)),
    ]
    print(f"{'':28} {'calls':>6} {'median ms':>10} {'max ms':>8}")
    for label, (median, slowest, count) in rows:
        print(f"{label:28} {count:>6} {median:>10.2f} {slowest:>8.2f}")


if __name__ == "__main__":
    main()
