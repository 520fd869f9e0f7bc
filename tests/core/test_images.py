"""Chart images on the server: kaleido with the system Chromium."""

import os
import sys

import pytest

from raci.analysis.workload import workload
from raci.output import images
from raci.output.charts import FIGURES
from raci.output.images import chart_image, image_export_available
from raci.seed import seed_plan


@pytest.fixture
def figure():
    plan = seed_plan("es")
    return FIGURES["workload"](plan, workload(plan), "es")


def test_a_chart_renders_as_a_slide_sized_png(figure):
    if not image_export_available():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: CI must install it")
        pytest.skip("no Chromium here")
    png = chart_image(figure, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1600, 900)


def test_without_chromium_it_says_so(figure, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent")
    monkeypatch.setenv("PATH", "/nonexistent")
    assert not image_export_available()
    with pytest.raises(RuntimeError):
        chart_image(figure)


def test_rendering_leaves_the_process_environment_as_it_was(figure, monkeypatch):
    if not image_export_available():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing: CI must install it")
        pytest.skip("no Chromium here")
    monkeypatch.delenv("BROWSER_PATH", raising=False)  # the case the old setdefault wrote into
    before = dict(os.environ)
    assert chart_image(figure, "svg").lstrip().startswith(b"<svg")
    assert dict(os.environ) == before


def test_kaleido_is_handed_the_browser_and_no_mathjax(figure, monkeypatch):
    """Without a browser: the arguments kaleido gets (a path of its own, MathJax off so nothing is fetched)."""
    calls = []

    def calc_fig_sync(fig, opts=None, *, topojson=None, kopts=None):
        calls.append((fig, opts, kopts))
        return b"\x89PNG fake"

    monkeypatch.setattr(images.kaleido, "calc_fig_sync", calc_fig_sync)
    monkeypatch.setenv("BROWSER_PATH", sys.executable)  # any file that exists stands for the browser here
    before = dict(os.environ)
    assert chart_image(figure, "pdf") == b"\x89PNG fake"
    assert dict(os.environ) == before
    [(fig, opts, kopts)] = calls
    assert kopts == {"path": sys.executable, "mathjax": False}
    assert opts == {"format": "pdf", "width": 1200, "height": 675, "scale": images.SLIDE_SCALE}
    assert fig["layout"]["title"]["text"] == figure.layout.title.text
