"""Chart images on the server: kaleido with the system Chromium."""

import os

import pytest

from raci.analysis.workload import workload
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
