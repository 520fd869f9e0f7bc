"""Time and peak memory of reading each hostile file, by the app's reader and by the command line.

    python -m benchmarks.bench_hostile [--folder DIR]

Writes the files of tests/hostile/make_hostile.py (into a temporary folder unless
``--folder``), then measures each file twice, each time in a fresh process whose
own peak memory (``ru_maxrss``, from ``os.wait4``) is reported:

* reader: :func:`raci.files.read_plan_bytes` with the upload's 5 MB limit, timed
  inside the process after its imports (the imports' memory is in the peak);
* cli: ``python -m raci check FILE --format json``, timed from start to exit
  (interpreter start and imports included).

Target (issue "Hostile input costs bounded work"): every file refused or
accepted in under 2 s and under 300 MB peak, by both.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS, TARGET_MIB = 2.0, 300


def _child(path: str) -> None:
    """In the measured process: read one file as an upload, print the outcome and the time as JSON."""
    from raci.files import PlanFileError, read_plan_bytes

    data = Path(path).read_bytes()
    start = time.perf_counter()
    try:
        plan = read_plan_bytes(data, path)
        outcome = f"accepted {plan.n_tasks}x{plan.n_roles}"
    except PlanFileError as error:
        outcome = f"refused {error.key}"
    print(json.dumps({"seconds": time.perf_counter() - start, "outcome": outcome}))


def _measure(command: list[str]) -> tuple[float, float, int, str]:
    """Run ``command``; its wall time, peak MiB, exit code and standard output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode, out.decode(errors="replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, default=None, help="write the files here (default: a temporary one)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child)
        return

    from tests.hostile.make_hostile import FILES

    with tempfile.TemporaryDirectory() as temporary:
        folder = args.folder or Path(temporary)
        # Written by another process: Linux counts a parent's peak in its children's ru_maxrss (fork then exec),
        # so the measuring process stays small.
        subprocess.run([sys.executable, "-m", "tests.hostile.make_hostile", str(folder)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
        paths = [folder / name for name in FILES]  # importing the module builds no file
        print(f"{'file':34} {'KB':>6}  {'reader outcome':34} {'read s':>6} {'MiB':>5}  "
              f"{'cli exit':>8} {'cli s':>6} {'MiB':>5}")
        worst_s, worst_mib = 0.0, 0.0
        for path in paths:
            _, reader_mib, _, out = _measure([sys.executable, "-m", "benchmarks.bench_hostile", "--child", str(path)])
            reader = json.loads(out)
            cli_s, cli_mib, cli_exit, _ = _measure(
                [sys.executable, "-m", "raci", "check", str(path), "--format", "json"])
            worst_s = max(worst_s, reader["seconds"], cli_s)
            worst_mib = max(worst_mib, reader_mib, cli_mib)
            print(f"{path.name:34} {path.stat().st_size / 1024:6.0f}  {reader['outcome']:34} "
                  f"{reader['seconds']:6.2f} {reader_mib:5.0f}  {cli_exit:8d} {cli_s:6.2f} {cli_mib:5.0f}")
        verdict = "met" if worst_s < TARGET_SECONDS and worst_mib < TARGET_MIB else "NOT met"
        print(f"slowest {worst_s:.2f} s, largest peak {worst_mib:.0f} MiB: target (< {TARGET_SECONDS:.0f} s, "
              f"< {TARGET_MIB} MiB) {verdict}")


if __name__ == "__main__":
    main()
