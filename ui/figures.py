"""Key-figure tiles and charts with their PNG download, shared by the dashboard and the meeting view."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from raci.i18n import hours, number, percent
from raci.output.charts import label as chart_label
from raci.output.images import chart_image, image_export_available
from raci.text import file_stem
from ui import persistence, session
from ui.text import lang, t

# Five tiles share the width of a 1280 px laptop beside the sidebar: slightly smaller figures fit
# "100/100" and "12.345 h" without an ellipsis (CSS only: no user text in it).
_TILE_TYPE = "<style>.st-key-kpi_tiles [data-testid='stMetricValue']{font-size:1.875rem;}</style>"


def metric_tiles() -> None:
    """The team's key figures as metric tiles."""
    figures, language = session.analysis().figures, lang()
    tiles = [
        (t("kpi.health"), f"{figures.health_score}/100",
         t("kpi.findings", errors=figures.errors, warnings=figures.warnings)),
        (t("kpi.tasks"), number(figures.tasks, language), t("kpi.roles", roles=figures.roles)),
        (t("kpi.hours"), hours(figures.total_effort, language, 0),
         t("kpi.unassigned", hours=number(figures.unassigned_effort, language))),
        (t("kpi.strategic"), percent(figures.strategic_share, language),
         t("kpi.operational", share=percent(1 - figures.strategic_share, language))),
        (t("kpi.busiest"), figures.busiest_role or "—", hours(figures.busiest_hours, language, 0)),
    ]
    st.html(_TILE_TYPE)
    with st.container(key="kpi_tiles"):
        for column, (label, value, caption) in zip(st.columns(len(tiles)), tiles, strict=True):
            column.metric(label, value, border=True)
            column.caption(caption)


def chart(kind: str, height: int | None = None, stamp: str | None = None) -> None:
    """One chart of the plan, with a server-rendered PNG download made only when clicked.

    With a ``stamp`` (presentation mode) the chart says it under its title, in larger
    type, and there is no download button.
    """
    figure = session.figure(kind)
    if stamp is not None:
        figure = go.Figure(figure)  # a copy: the session's figure stays as it is
        subtitle = figure.layout.title.subtitle.text
        figure.update_layout(title_subtitle_text=chart_label(stamp) + (f" · {subtitle}" if subtitle else ""),
                             font_size=figure.layout.font.size + 4)
    stem = file_stem(persistence.plan_name(), t("files.stem_fallback"))
    st.plotly_chart(figure, key=f"chart::{kind}", width="stretch", height=height or "content", theme=None,
                    config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}})
    if stamp is not None:
        return
    if image_export_available():
        st.download_button(
            # Built only when clicked, on another thread: it gets the figure, not the session.
            t("charts.download_png"), data=lambda: chart_image(figure, "png"), file_name=f"{stem}-{kind}.png",
            mime="image/png", key=f"png::{kind}", icon=":material/download:", on_click="ignore",
        )
    else:
        st.caption(t("charts.no_browser"))
