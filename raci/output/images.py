"""Chart images (PNG, SVG, PDF) rendered on the server by kaleido with the system Chromium.

Kaleido 1.x drives a Chromium through choreographer. The browser is handed to it as
an argument (``kopts={"path": ...}``, passed on to ``kaleido.Kaleido``) rather than
through ``$BROWSER_PATH``: rendering an image changes nothing in the process's
environment, which one app process shares between all its users. MathJax, which
kaleido would otherwise fetch from a CDN for every image, is turned off (the charts
have no LaTeX), so an image renders offline; plotly.js comes from the plotly package.

One renderer is kept warm: the first image starts kaleido's render server (a Chromium
kept open for this process, like a database pool) and every later image reuses it,
instead of starting a browser per image (about 9 s each on a busy 2-core machine,
1.5-2 s warm). If the warm renderer fails, the image is made the slow way.
"""

from __future__ import annotations

import os
import shutil
import threading

import kaleido
import plotly.graph_objects as go
from kaleido.errors import ChromeNotFoundError

SLIDE_WIDTH, SLIDE_HEIGHT = 1600, 900  # 16:9, sharp on a projector
# Laid out at 3/4 of that size and scaled up, so fonts come out a third larger than on screen
# (18 px -> 24 px, titles 35 px): readable from the back of a meeting room.
SLIDE_SCALE = 4 / 3
IMAGE_FORMATS = ("png", "svg", "pdf")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def browser_path() -> str | None:
    """The Chromium kaleido will use ($BROWSER_PATH, else one on the PATH), or None."""
    configured = os.environ.get("BROWSER_PATH")
    if configured and os.path.exists(configured):
        return configured
    return next((found for name in BROWSER_NAMES if (found := shutil.which(name))), None)


def image_export_available() -> bool:
    """Whether chart images can be made here (a Chromium is installed)."""
    return browser_path() is not None


_warm = threading.Lock()
_warm_path: list[str] = []  # the browser the warm renderer runs, once started


def _warm_renderer(path: str) -> bool:
    """Start kaleido's render server with ``path`` once per process; whether it runs."""
    with _warm:
        if not _warm_path:
            try:
                kaleido.start_sync_server(path=path, mathjax=False, silence_warnings=True)
            except Exception:  # noqa: BLE001 - any failure: images are made the slow way
                return False
            _warm_path.append(path)
        return _warm_path[0] == path


def chart_image(figure: go.Figure, fmt: str = "png") -> bytes:
    """The figure as an image for slides; RuntimeError when no Chromium is installed."""
    path = browser_path()
    if path is None:
        raise RuntimeError("no Chromium for chart images")
    width, height = SLIDE_WIDTH / SLIDE_SCALE, SLIDE_HEIGHT / SLIDE_SCALE
    height = max(figure.layout.height or 0, height)  # a tall heatmap keeps its height
    options = {"format": fmt, "width": round(width), "height": round(height), "scale": SLIDE_SCALE}
    kopts = {"path": path, "mathjax": False}  # used when no warm renderer runs
    try:
        if _warm_renderer(path):
            try:
                return kaleido.calc_fig_sync(figure.to_dict(), opts=options)
            except ChromeNotFoundError:
                raise
            except Exception:  # noqa: BLE001 - the warm browser died: made the slow way, warmed again next time
                with _warm:
                    _warm_path.clear()
                    kaleido.stop_sync_server(silence_warnings=True)
        return kaleido.calc_fig_sync(figure.to_dict(), opts=options, kopts=kopts)
    except ChromeNotFoundError as error:
        raise RuntimeError(f"no Chromium for chart images at {path}") from error
