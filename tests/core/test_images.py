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
    started = []
    monkeypatch.setattr(images.kaleido, "start_sync_server", lambda **kwargs: started.append(kwargs))
    monkeypatch.setattr(images, "_warm_path", [])
    monkeypatch.setenv("BROWSER_PATH", sys.executable)  # any file that exists stands for the browser here
    before = dict(os.environ)
    assert chart_image(figure, "pdf") == b"\x89PNG fake"
    assert dict(os.environ) == before
    [(fig, opts, kopts)] = calls
    # The warm renderer is started with the browser and MathJax off; each image then only asks it.
    assert started == [{"path": sys.executable, "mathjax": False, "silence_warnings": True}] and kopts is None
    assert opts == {"format": "pdf", "width": 1200, "height": 675, "scale": images.SLIDE_SCALE}
    assert fig["layout"]["title"]["text"] == figure.layout.title.text


def test_one_renderer_is_kept_warm_for_every_later_image(figure, monkeypatch):
    started, made = [], []
    monkeypatch.setattr(images.kaleido, "start_sync_server", lambda **kwargs: started.append(kwargs))
    monkeypatch.setattr(images.kaleido, "calc_fig_sync", lambda fig, opts=None, kopts=None: made.append(1) or b"png")
    monkeypatch.setattr(images, "_warm_path", [])
    monkeypatch.setenv("BROWSER_PATH", sys.executable)
    for fmt in ("png", "svg", "png"):
        assert chart_image(figure, fmt) == b"png"
    assert started == [{"path": sys.executable, "mathjax": False, "silence_warnings": True}] and len(made) == 3


def test_a_warm_renderer_that_fails_is_replaced_by_a_one_off_render(figure, monkeypatch):
    calls = []

    def calc_fig_sync(fig, opts=None, kopts=None):
        calls.append(kopts)
        if len(calls) == 1:
            raise RuntimeError("the warm browser died")
        return b"png"

    stopped = []
    monkeypatch.setattr(images.kaleido, "start_sync_server", lambda **kwargs: None)
    monkeypatch.setattr(images.kaleido, "stop_sync_server", lambda **kwargs: stopped.append(1))
    monkeypatch.setattr(images.kaleido, "calc_fig_sync", calc_fig_sync)
    monkeypatch.setattr(images, "_warm_path", [])
    monkeypatch.setenv("BROWSER_PATH", sys.executable)
    assert chart_image(figure) == b"png" and len(calls) == 2 and stopped == [1] and images._warm_path == []
