"""Role briefs: how long one brief takes as data, as HTML and as a PDF (Chromium), for the seeded plan and for
200 tasks x 10 roles (`python -m benchmarks.bench_brief`). Median of a few runs; the PDF starts a browser each time."""

from __future__ import annotations

import statistics
import time

from benchmarks.generate import generated_plan
from raci.output.brief import brief, brief_html, brief_pdf, pdf_available
from raci.seed import seed_plan


def _median(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    for label, plan in (("seeded 22 x 2", seed_plan("es")), ("200 x 10", generated_plan(200, 10))):
        role = plan.role_names[0]
        made = brief(plan, "es", role=role)
        page = brief_html(made, "es")
        data = _median(lambda plan=plan, role=role: brief(plan, "es", role=role), 20)
        html = _median(lambda plan=plan, role=role: brief_html(brief(plan, "es", role=role), "es"), 20)
        line = f"{label}: {made.rows} rows, brief {data * 1000:.1f} ms, brief + HTML {html * 1000:.1f} ms"
        if pdf_available():
            line += f", PDF {_median(lambda page=page: brief_pdf(page), 3):.2f} s"
        print(line)


if __name__ == "__main__":
    main()
