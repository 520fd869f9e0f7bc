"""The app as a real server and Debian's Chromium for Playwright: shared by the browser
tests (tests/browser/) and the README screenshot script (tools/screenshot.py)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def chromium_path() -> str | None:
    """Debian's Chromium (apt-get install chromium), or None."""
    return next((p for n in ("chromium", "chromium-browser") if (p := shutil.which(n))), None)


def launch_args() -> dict:
    """Playwright launch options for the system Chromium."""
    return {"executable_path": chromium_path(), "args": CHROMIUM_FLAGS, "headless": True}


def choice(page, task: str, control: str = "owner"):  # noqa: ANN001, ANN201
    """A task's owner (or "accountable") control on the Assignment page (ui/owner_board.js)."""
    return page.locator(f"[data-task='{task}'] [data-choice='{control}']")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(env: dict | None = None, timeout: float = 60, script: Path | None = None,
                port: int | None = None) -> Iterator[str]:
    """Start ``streamlit run raci_app.py`` (or ``script``) on ``port`` (else a free loopback port); yield its URL;
    stop it. Sign-in needs the port before the start: its redirect_uri names it (tools/oidc.py)."""
    port = port or free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script or ROOT / "raci_app.py"),
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]
    url = f"http://127.0.0.1:{port}"
    with serving(command, f"{url}/_stcore/health", "the app", env, timeout):
        yield url


@contextlib.contextmanager
def serving(command: list[str], health_url: str, what: str, env: dict | None = None,
            timeout: float = 60) -> Iterator[None]:
    """Run ``command`` as a process of its own until ``health_url`` answers 200; stop it on the way out."""
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(health_url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                raise RuntimeError(f"{what} did not start:\n{output}")
            time.sleep(0.2)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_idle(page, timeout: float = 20_000) -> None:  # noqa: ANN001
    """Wait until the app has finished its current run."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_timeout(300)
