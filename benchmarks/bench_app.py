"""Server-side time of one rerun after an edit, per page, through AppTest.

    python -m benchmarks.bench_app [--repeat 7]

For each plan size (200 x 10 and 1,000 x 20, generated) and each page, it makes
an edit the way that page makes one (an owner click on the assignment page, a
grid edit on the matrix page, a changed plan arriving on the others) and
prints the median and the worst of ``--repeat`` reruns. Every edit is saved to a
fresh SQLite database, as in the app. Targets (issue 3):
median <= 75 ms at 200 x 10 and <= 200 ms at 1,000 x 20.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from benchmarks.generate import generated_plan
from raci import letters as L
from tools.board import pick_states

APP = str(Path(__file__).resolve().parent.parent / "raci_app.py")
PAGES = ["assign", "matrix", "dashboard", "meeting", "files"]


def open_app(plan, page: str) -> AppTest:  # noqa: ANN001
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "en"
    at.session_state["plan"] = plan
    at.run()
    if page != "assign":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def edit(at: AppTest, page: str, k: int) -> WidgetStates | None:
    """One edit as the page makes it (the widget states of the run, when the edit is a click on the task list);
    k varies it so that every rerun changes the plan."""
    plan = at.session_state["plan"]
    if page == "assign":
        return pick_states(at, plan.task_ids[0], [plan.role_names[k % plan.n_roles]])
    if page == "matrix":
        key = f"grid::{at.session_state['grid_generation']}::False:"
        role = plan.role_names[1]
        edits = {i: {role: [("R", "C", "I")[i % 3]]} for i in range(k + 1)}
        at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    else:  # a plan changed elsewhere (another page, an upload) arriving here
        at.session_state["plan"] = plan.set_letter(k % plan.n_tasks, plan.role_names[0], L.C if k % 2 else L.I)
        at.session_state["plan_version"] = at.session_state["plan_version"] + 1
    return None


def measure(n_tasks: int, n_roles: int, repeat: int) -> None:
    plan = generated_plan(n_tasks, n_roles)
    for page in PAGES:
        at = open_app(plan, page)
        times = []
        for k in range(repeat):
            states = edit(at, page, k)
            start = time.perf_counter()
            if states:
                at._run(states)
            else:
                at.run()
            times.append((time.perf_counter() - start) * 1000)
            assert not at.exception, [e.value for e in at.exception]
        print(f"{n_tasks:>5} x {n_roles:<3} {page:<10} median {statistics.median(times):6.0f} ms   "
              f"worst {max(times):6.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    # Every edit is saved (autosave): measure with a fresh SQLite database of its own.
    os.environ["RACI_DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    for n_tasks, n_roles in ((200, 10), (1000, 20)):
        measure(n_tasks, n_roles, args.repeat)


if __name__ == "__main__":
    main()
