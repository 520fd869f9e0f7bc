"""The meeting deck: the plan as a 16:9 PowerPoint file (python-pptx), in the reader's language.

:func:`deck_pptx` returns the bytes of a ``.pptx`` with, in order:

1. a title slide (the plan's name, the date, its size);
2. the key figures (the same tiles as the meeting report);
3. workload per role, stacked by letter (R, A, C, I) with each role's total;
4. strategic vs operational hours per role;
5. hours per category and role;
6. utilisation per role and per person against a 100 % line, when some capacity is known;
7. the most serious findings as sentences;
8. the staffing advice, when some role is over its capacity;
9. the matrix as tables coloured by letter: :data:`ROWS_PER_SLIDE` tasks a slide, the header
   row on every slide, at most :data:`ROLES_PER_SLIDE` role columns a slide (more roles
   continue on the next slides), so every task and every letter is on some slide.

Charts are native PowerPoint charts: their numbers live in the chart's own workbook, so
PowerPoint, Google Slides, Keynote and LibreOffice Impress can edit them; they take the
app's colours (letters, natures, roles) and show their values as data labels. Every
text is a text run, never markup: a task called ``<b>x</b>`` shows as typed; characters
an XML file cannot hold (control characters) are dropped.

The cost is linear in the plan's cells; the number of slides is checked against
:data:`MAX_SLIDES` before anything is built (:class:`DeckError`).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import math
import re
from collections.abc import Sequence

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from raci import letters as L
from raci.analysis import DEFAULT_SETTINGS, RULES, Analysis, Settings, Workload, analyse, severity_name
from raci.analysis.advice import advice_summary, staffing_advice
from raci.analysis.utilisation import Utilisation, utilisation
from raci.catalogue import category_display_name, task_display_name
from raci.errors import PlanError
from raci.i18n import date_text, decimals, normalise_lang, number, translate
from raci.letters import LETTER_COLORS
from raci.model import Plan
from raci.output.charts import CAPACITY_COLOR, NATURE_COLORS, ROLE_COLORS, role_colors
from raci.output.report import Tile, tiles
from raci.text import clip, printable

#: Tasks per matrix slide, and role columns per matrix slide.
ROWS_PER_SLIDE = 15
ROLES_PER_SLIDE = 12
#: A deck of more slides than this is refused before it is built (a plan that large wants the workbook).
MAX_SLIDES = 400
#: Bars a chart shows at most: beyond, the busiest (the chart's title says so).
CHART_MAX_ITEMS = 30
#: Findings on the findings slide (most serious first); the slide says how many more there are.
TOP_FINDINGS = 8
#: Characters of a task's name in the matrix (a longer one is cut with "…").
TASK_CHARS = 80

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INK, MUTED, LINE = RGBColor(0x1F, 0x2A, 0x33), RGBColor(0x5F, 0x6B, 0x73), RGBColor(0xD0, 0xD5, 0xDA)
GRADES = {"good": "2E7D32", "fair": "E69F00", "poor": "C62828", "": "9AA5AE"}
HOURS = '#,##0" h"'  # the data labels' number format (the separators are the viewer's)
_BREAKS = re.compile("\r\n|[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLANK = 6  # the default template's blank layout
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


class DeckError(PlanError):
    """A deck that cannot be made: the plan would need too many slides."""

    AREA = "deck"
    PREFIX = "error_"


def _t(key: str, lang: str, **params: object) -> str:
    return translate(f"deck.{key}", lang, **params)


def _text(value: object) -> str:
    """User text as one line of a slide: printable (hidden characters shown as escapes), line breaks and
    tabs as spaces (python-pptx would write a carriage return as the text "_x000D_"), XML-safe."""
    return _NOT_XML.sub("", _BREAKS.sub(" ", printable(value)))


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


def slide_count(plan: Plan, settings: Settings = DEFAULT_SETTINGS, analysis: Analysis | None = None) -> int:
    """How many slides the deck of ``plan`` has (computed without building it)."""
    result = analysis if analysis is not None else analyse(plan, settings)
    use = utilisation(plan, result.workload.load)
    fixed = 2 + (2 + int(plan.n_tasks > 0) if plan.n_roles else 0) + int(use.known) + 1
    fixed += int(bool(staffing_advice(plan, use, settings, load=result.workload)))
    return fixed + _matrix_slides(plan)


def _matrix_slides(plan: Plan) -> int:
    if not plan.n_tasks or not plan.n_roles:
        return 1
    return math.ceil(plan.n_tasks / ROWS_PER_SLIDE) * math.ceil(plan.n_roles / ROLES_PER_SLIDE)


def check_deck_size(plan: Plan) -> None:
    """Refuse, before any work, a plan whose matrix alone would need more than :data:`MAX_SLIDES` slides."""
    needed = _matrix_slides(plan)
    if needed > MAX_SLIDES - 10:
        raise DeckError("too_large", found=needed + 8, limit=MAX_SLIDES, tasks=plan.n_tasks, roles=plan.n_roles)


# ----- the deck ------------------------------------------------------------------------------------
def deck_pptx(
    plan: Plan,
    lang: str = "en",
    title: str | None = None,
    generated_at: dt.date | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    analysis: Analysis | None = None,
) -> bytes:
    """The meeting deck of ``plan`` as the bytes of a .pptx file, in ``lang``.

    ``title`` is the plan's name (default: "RACI plan" in ``lang``); ``generated_at`` the
    date on the title slide (default: today); ``analysis`` the plan's
    :func:`raci.analysis.analyse` under ``settings`` when the caller has it.
    Raises :class:`DeckError` when the plan needs more than :data:`MAX_SLIDES` slides.
    """
    lang = normalise_lang(lang)
    check_deck_size(plan)
    title = _text(title).strip() if title is not None and title.strip() else translate("report.default_title", lang)
    moment = generated_at if generated_at is not None else dt.datetime.now().astimezone()
    result = analysis if analysis is not None else analyse(plan, settings)
    deck = _Deck(plan, lang, title, date_text(moment, lang))
    load = result.workload
    use = utilisation(plan, load.load)
    deck.title_slide()
    deck.figures_slide(tiles(result.figures, plan, result.findings, settings, lang))
    if plan.n_roles:
        deck.workload_slide(load)
        deck.split_slide(load)
        if plan.n_tasks:  # hours per category need a category
            deck.category_slide(load)
    if use.known:
        deck.utilisation_slide(use)
    deck.findings_slide(result)
    advice = staffing_advice(plan, use, settings, lang, load=load)
    if advice:
        deck.advice_slide(advice_summary(advice, use, lang), [a.message for a in advice])
    deck.matrix_slides()
    return deck.save()


class _Deck:
    """The presentation being built, one method per kind of slide."""

    def __init__(self, plan: Plan, lang: str, title: str, when: str) -> None:
        self.plan, self.lang, self.title, self.when = plan, lang, title, when
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = WIDTH, HEIGHT
        self.prs.core_properties.title = title
        self.prs.core_properties.language = "es-ES" if lang == "es" else "en-GB"
        self.colors = role_colors(plan)
        self.cell_styles: dict[tuple, etree._Element] = {}  # a styled table cell per look, copied for each cell

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()

    # ----- pieces ---------------------------------------------------------------------------------
    def _slide(self, heading: str, subtitle: str = ""):  # noqa: ANN202 - a python-pptx Slide
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_BLANK])
        number_ = len(self.prs.slides)
        self._box(slide, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), heading, 28, bold=True)
        if subtitle:
            self._box(slide, MARGIN, Inches(0.95), WIDTH - 2 * MARGIN, Inches(0.4), subtitle, 14, color=MUTED)
        footer = f"{self.title} · {self.when}"
        self._box(slide, MARGIN, HEIGHT - Inches(0.45), WIDTH - 2 * MARGIN - Inches(1), Inches(0.3),
                  clip(footer, 120), 10, color=MUTED)
        self._box(slide, WIDTH - MARGIN - Inches(1), HEIGHT - Inches(0.45), Inches(1), Inches(0.3),
                  number(number_, self.lang), 10, color=MUTED, align=PP_ALIGN.RIGHT)
        return slide

    @staticmethod
    def _box(slide, left, top, width, height, text: str, size: int, *, bold: bool = False,  # noqa: ANN001
             color: RGBColor = INK, align: PP_ALIGN = PP_ALIGN.LEFT, anchor: MSO_ANCHOR = MSO_ANCHOR.TOP):
        shape = slide.shapes.add_textbox(left, top, width, height)
        frame = shape.text_frame
        frame.word_wrap = True
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = Inches(0.05)
        for k, line in enumerate(text.split("\n")):
            paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            paragraph.alignment = align
            run = paragraph.add_run()
            run.text = _text(line)
            run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color
        return shape

    def _chart(self, slide, kind, data: CategoryChartData, colors: Sequence[str], *,  # noqa: ANN001
               number_format: str, legend: bool = True):
        top = Inches(1.45)
        frame = slide.shapes.add_chart(kind, MARGIN, top, WIDTH - 2 * MARGIN, HEIGHT - top - Inches(0.6), data)
        chart = frame.chart
        chart.font.size = Pt(14)
        chart.font.color.rgb = INK
        chart.has_legend = legend
        if legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        plot = chart.plots[0]
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format, labels.number_format_is_linked = number_format, False
        labels.font.size = Pt(12)
        for series, color in zip(plot.series, colors, strict=True):
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = _rgb(color)
        chart.value_axis.has_major_gridlines = True
        chart.value_axis.major_gridlines.format.line.color.rgb = LINE
        chart.value_axis.tick_labels.font.size = Pt(12)
        chart.category_axis.tick_labels.font.size = Pt(13)
        return chart

    def _busiest(self, names: list[str], totals: list[float]) -> tuple[list[int], str]:
        """Positions of the items a chart shows (all, or the busiest in their order) and the title's note."""
        if len(names) <= CHART_MAX_ITEMS:
            return list(range(len(names))), ""
        keep = sorted(sorted(range(len(names)), key=lambda k: -totals[k])[:CHART_MAX_ITEMS])
        return keep, " " + _t("busiest_of", self.lang, shown=CHART_MAX_ITEMS, total=number(len(names), self.lang))

    # ----- slides ---------------------------------------------------------------------------------
    def title_slide(self) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_BLANK])
        band = slide.shapes.add_shape(1, 0, 0, WIDTH, Inches(0.35))  # MSO_SHAPE.RECTANGLE
        band.fill.solid()
        band.fill.fore_color.rgb = _rgb(LETTER_COLORS["R"])
        band.line.fill.background()
        self._box(slide, Inches(0.9), Inches(2.1), WIDTH - Inches(1.8), Inches(1.6), self.title, 44, bold=True,
                  anchor=MSO_ANCHOR.BOTTOM)
        self._box(slide, Inches(0.9), Inches(3.8), WIDTH - Inches(1.8), Inches(0.6),
                  translate("report.pack", self.lang), 22, color=MUTED)
        size = translate("report.plan_size", self.lang, tasks=number(self.plan.n_tasks, self.lang),
                         roles=number(self.plan.n_roles, self.lang))
        self._box(slide, Inches(0.9), Inches(4.5), WIDTH - Inches(1.8), Inches(0.9), f"{self.when}\n{size}", 18,
                  color=INK)

    def figures_slide(self, items: list[Tile]) -> None:
        slide = self._slide(translate("report.section_summary", self.lang))
        columns, gap = 4, Inches(0.25)
        width = (WIDTH - 2 * MARGIN - gap * (columns - 1)) / columns
        height = Inches(2.45)
        for k, tile in enumerate(items):
            left = MARGIN + (width + gap) * (k % columns)
            top = Inches(1.35) + (height + gap) * (k // columns)
            card = slide.shapes.add_shape(1, int(left), int(top), int(width), int(height))
            card.fill.solid()
            card.fill.fore_color.rgb = RGBColor(0xF5, 0xF7, 0xF9)
            card.line.color.rgb = LINE
            edge = slide.shapes.add_shape(1, int(left), int(top), int(width), Inches(0.08))
            edge.fill.solid()
            edge.fill.fore_color.rgb = _rgb(GRADES.get(tile.grade, GRADES[""]))
            edge.line.fill.background()
            inner = int(width) - Inches(0.3)
            self._box(slide, int(left) + Inches(0.15), int(top) + Inches(0.2), inner, Inches(0.45), tile.label, 15,
                      color=MUTED)
            self._box(slide, int(left) + Inches(0.15), int(top) + Inches(0.65), inner, Inches(0.9), tile.value, 36,
                      bold=True)
            self._box(slide, int(left) + Inches(0.15), int(top) + Inches(1.55), inner, Inches(0.8),
                      clip(tile.note, 90), 12, color=MUTED)

    def workload_slide(self, load: Workload) -> None:
        names = list(load.by_letter.index)
        totals = load.by_letter["total"].tolist()
        keep, note = self._busiest(names, totals)
        slide = self._slide(translate("charts.workload_title", self.lang) + note,
                            translate("charts.workload_subtitle", self.lang))
        data = CategoryChartData(number_format="0.0")
        data.categories = [_text(names[k]) for k in keep]
        for letter in "RACI":
            values = load.by_letter[letter].tolist()
            data.add_series(translate(f"charts.letter_{letter}", self.lang), [round(values[k], 2) for k in keep])
        data.add_series(_t("total", self.lang), [round(totals[k], 2) for k in keep])
        chart = self._chart(slide, XL_CHART_TYPE.COLUMN_STACKED, data, [*(LETTER_COLORS[x] for x in "RACI"), "#1F2A33"],
                            number_format=HOURS)
        plot = chart.plots[0]
        plot.gap_width, plot.overlap = 60, 100
        # A thin segment's label would cover its neighbours: only segments of 5 % of the tallest bar get one.
        tallest = max([totals[k] for k in keep] or [0.0])
        for series, letter in zip(list(plot.series)[:4], "RACI", strict=True):
            _series_labels(series, HOURS, [p for p, value in enumerate(series.values) if value < tallest * 0.05],
                           L.text_color(LETTER_COLORS[letter]), XL_LABEL_POSITION.CENTER)
        _labels_above(_as_line(chart, 4, None), HOURS)  # each bar's total above it
        _hide_legend_entry(chart, 4)
        chart.value_axis.tick_labels.number_format = "#,##0"
        chart.value_axis.tick_labels.number_format_is_linked = False

    def split_slide(self, load: Workload) -> None:
        names = list(load.by_nature.index)
        keep, note = self._busiest(names, load.by_nature.sum(axis=1).tolist())
        slide = self._slide(translate("charts.split_title", self.lang) + note,
                            translate("charts.split_subtitle", self.lang))
        data = CategoryChartData(number_format="0.0")
        data.categories = [_text(names[k]) for k in reversed(keep)]  # a bar chart lists bottom-up
        natures = [n for n in ("strategic", "operational", "unclassified")
                   if n != "unclassified" or load.by_nature[n].any()]
        for nature in natures:
            values = load.by_nature[nature].tolist()
            data.add_series(translate(f"charts.nature_{nature}", self.lang),
                            [round(values[k], 2) for k in reversed(keep)])
        chart = self._chart(slide, XL_CHART_TYPE.BAR_STACKED_100, data, [NATURE_COLORS[n] for n in natures],
                            number_format=HOURS)
        chart.plots[0].gap_width = 50
        chart.plots[0].overlap = 100
        totals = [float(load.by_nature.iloc[k].sum()) for k in reversed(keep)]
        for series, nature in zip(chart.plots[0].series, natures, strict=True):  # a sliver's label would not fit
            _series_labels(series, HOURS, [p for p, value in enumerate(series.values) if value < totals[p] * 0.06],
                           L.text_color(NATURE_COLORS[nature]), XL_LABEL_POSITION.CENTER)
        chart.value_axis.tick_labels.number_format = "0%"
        chart.value_axis.tick_labels.number_format_is_linked = False

    def category_slide(self, load: Workload) -> None:
        frame = load.by_category
        names = [category_display_name(c, self.lang) or translate("charts.no_category", self.lang)
                 for c in frame.columns]
        keep, note = self._busiest(names, frame.sum(axis=0).tolist())
        roles = list(frame.index)
        shown_roles, _ = self._busiest(roles, frame.sum(axis=1).tolist())
        slide = self._slide(translate("charts.category_title", self.lang) + note,
                            translate("charts.hours_axis", self.lang))
        data = CategoryChartData(number_format="0.0")
        data.categories = [_text(clip(names[k], 40)) for k in keep]
        values = frame.to_numpy()
        for r in shown_roles:
            data.add_series(_text(roles[r]), [round(float(values[r, k]), 2) for k in keep])
        chart = self._chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data,
                            [self.colors[roles[r]] for r in shown_roles], number_format=HOURS,
                            legend=True)
        chart.plots[0].gap_width = 80
        chart.plots[0].data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        chart.plots[0].data_labels.font.size = Pt(11 if len(shown_roles) * len(keep) <= 24 else 8)
        chart.value_axis.tick_labels.number_format = "#,##0"
        chart.value_axis.tick_labels.number_format_is_linked = False

    def utilisation_slide(self, use: Utilisation) -> None:
        roles = [(r.role, r.utilisation, r.role) for r in use.roles
                 if r.utilisation is not None and math.isfinite(r.utilisation)]
        people = [(p.name, p.utilisation, max(p.roles, key=p.roles.get)) for p in use.people
                  if p.roles and p.utilisation is not None and math.isfinite(p.utilisation)]
        slide = self._slide(translate("charts.utilisation_title", self.lang),
                            translate("charts.utilisation_subtitle", self.lang))
        data = CategoryChartData(number_format="0%")
        items = []
        for group, rows in (("utilisation_roles", roles), ("utilisation_people", people)):
            keep, _ = self._busiest([row[0] for row in rows], [row[1] for row in rows])
            if not keep:
                continue
            parent = data.add_category(translate(f"charts.{group}", self.lang))
            for k in keep:
                parent.add_sub_category(_text(clip(rows[k][0], 30)))
                items.append(rows[k])
        data.add_series(translate("charts.utilisation_axis", self.lang), [round(item[1], 3) for item in items])
        data.add_series(translate("deck.capacity_line", self.lang), [1.0] * len(items))
        chart = self._chart(slide, XL_CHART_TYPE.COLUMN_CLUSTERED, data, [ROLE_COLORS[0], CAPACITY_COLOR],
                            number_format="0%")
        bars = chart.plots[0].series[0]
        for point, item in enumerate(items):
            fill = bars.points[point].format.fill
            fill.solid()
            fill.fore_color.rgb = _rgb(self.colors.get(item[2], ROLE_COLORS[0]))
            if item[1] > 1:
                bars.points[point].format.line.color.rgb = _rgb(CAPACITY_COLOR)
                bars.points[point].format.line.width = Pt(2.5)
        chart.plots[0].gap_width = 70
        _as_line(chart, 1, CAPACITY_COLOR)
        axis = chart.value_axis
        axis.minimum_scale = 0
        axis.maximum_scale = max(1.2, math.ceil(max(item[1] for item in items) * 11.5) / 10)
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = "0%", False

    def findings_slide(self, result: Analysis) -> None:
        findings = result.findings
        counts = result.counts
        summary = translate("report.findings_counts", self.lang, errors=counts["error"],
                            warnings=counts["warning"], notes=counts["info"])
        slide = self._slide(translate("report.section_findings", self.lang), summary if findings else "")
        if not findings:
            self._box(slide, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1), translate("report.findings_none",
                      self.lang), 22)
            return
        shape = slide.shapes.add_textbox(MARGIN, Inches(1.5), WIDTH - 2 * MARGIN, HEIGHT - Inches(2.2))
        frame = shape.text_frame
        frame.word_wrap = True
        shown = findings[:TOP_FINDINGS]
        for k, finding in enumerate(shown):
            paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            paragraph.space_after = Pt(8)
            head = paragraph.add_run()
            head.text = f"{severity_name(finding.severity, self.lang)} · {RULES[finding.rule].title(self.lang)}: "
            head.font.bold, head.font.size = True, Pt(15)
            head.font.color.rgb = _rgb(GRADES["poor" if finding.severity == "error" else
                                             "fair" if finding.severity == "warning" else ""])
            body = paragraph.add_run()
            body.text = _text(clip(finding.message(self.lang), 300))
            body.font.size, body.font.color.rgb = Pt(15), INK
        if len(findings) > len(shown):
            more = frame.add_paragraph()
            run = more.add_run()
            run.text = _t("more_findings", self.lang, count=number(len(findings) - len(shown), self.lang))
            run.font.size, run.font.italic, run.font.color.rgb = Pt(13), True, MUTED

    def advice_slide(self, summary: str, sentences: list[str]) -> None:
        slide = self._slide(translate("report.section_advice", self.lang), summary)
        self._box(slide, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, HEIGHT - Inches(2.3),
                  "\n\n".join(clip(s, 700) for s in sentences[:6]), 16)

    def matrix_slides(self) -> None:
        plan, lang = self.plan, self.lang
        heading = translate("report.section_matrix", lang)
        if not plan.n_tasks or not plan.n_roles:
            slide = self._slide(heading)
            self._box(slide, MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(1), translate("report.matrix_empty",
                      lang), 20)
            return
        names = [clip(task_display_name(n, lang), TASK_CHARS) for n in plan.tasks["name"].tolist()]
        shown: dict[str, str] = {}
        categories = []
        for category in plan.tasks["category"].tolist():
            if category not in shown:
                shown[category] = clip(category_display_name(category, lang) or "—", 40)
            categories.append(shown[category])
        efforts = [number(e, lang, decimals(e)) for e in plan.tasks["effort"].tolist()]
        heads = (translate("report.col_task", lang), translate("report.col_category", lang).split(" · ")[0],
                 translate("report.col_effort", lang))
        fills = {code: (_rgb(LETTER_COLORS[letter]), _rgb(L.text_color(LETTER_COLORS[letter])))
                 for code, letter in enumerate(L.LETTERS)}
        role_groups = [range(s, min(s + ROLES_PER_SLIDE, plan.n_roles)) for s in range(0, plan.n_roles,
                                                                                       ROLES_PER_SLIDE)]
        pages = math.ceil(plan.n_tasks / ROWS_PER_SLIDE) * len(role_groups)
        page = 0
        for start in range(0, plan.n_tasks, ROWS_PER_SLIDE):
            rows = range(start, min(start + ROWS_PER_SLIDE, plan.n_tasks))
            for group in role_groups:
                page += 1
                note = _t("matrix_part", lang, first=number(rows[0] + 1, lang), last=number(rows[-1] + 1, lang),
                          total=number(plan.n_tasks, lang), page=number(page, lang), pages=number(pages, lang))
                if len(role_groups) > 1:
                    note += " · " + _t("matrix_roles", lang, first=group[0] + 1, last=group[-1] + 1,
                                       total=number(plan.n_roles, lang))
                slide = self._slide(heading, note)
                self._legend(slide)
                self._table(slide, rows, group, names, categories, efforts, heads, fills)

    def _table(self, slide, rows: range, group: range, names: list[str], categories: list[str],  # noqa: ANN001
               efforts: list[str], heads: tuple[str, str, str], fills: dict) -> None:
        plan = self.plan
        n_cols = 4 + len(group)
        top = Inches(1.4)
        height = Inches(0.33) * (len(rows) + 1)
        frame = slide.shapes.add_table(len(rows) + 1, n_cols, MARGIN, top, WIDTH - 2 * MARGIN, height)
        table = frame.table
        total = WIDTH - 2 * MARGIN
        letter_width = Inches(0.62) if len(group) > 6 else Inches(0.9)
        fixed = Inches(0.45) + Inches(2.5) + Inches(0.9) + letter_width * len(group)
        widths = [Inches(0.45), max(Inches(3.0), total - fixed), Inches(2.5), Inches(0.9)]
        widths += [letter_width] * len(group)
        scale = total / sum(widths)
        for k, width in enumerate(widths):
            table.columns[k].width = int(width * scale)
        header = ["#", *heads, *(plan.role_names[r] for r in group)]
        for k, text in enumerate(header):
            self._cell(table.cell(0, k), clip(text, 14) if k >= 4 else text, 11, bold=True,
                       fill=RGBColor(0x1F, 0x2A, 0x33), color=RGBColor(0xFF, 0xFF, 0xFF),
                       align=PP_ALIGN.CENTER if k >= 3 or k == 0 else PP_ALIGN.LEFT)
        cells = plan.cells
        for i, task in enumerate(rows, start=1):
            band = RGBColor(0xFF, 0xFF, 0xFF) if i % 2 else RGBColor(0xF5, 0xF7, 0xF9)
            self._cell(table.cell(i, 0), number(task + 1, self.lang), 10, fill=band, color=MUTED,
                       align=PP_ALIGN.CENTER)
            self._cell(table.cell(i, 1), names[task], 10, fill=band)
            self._cell(table.cell(i, 2), categories[task], 10, fill=band, color=MUTED)
            self._cell(table.cell(i, 3), efforts[task], 10, fill=band, align=PP_ALIGN.RIGHT)
            for k, r in enumerate(group, start=4):
                code = int(cells[task, r])
                fill, ink = fills[code]
                self._cell(table.cell(i, k), L.LETTERS[code], 12, bold=True, fill=fill, color=ink,
                           align=PP_ALIGN.CENTER)

    def _cell(self, cell, text: str, size: int, *, bold: bool = False, fill: RGBColor,  # noqa: ANN001
              color: RGBColor = INK, align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
        """``cell`` holding ``text`` in its look. The first cell of each look is styled through
        python-pptx; the next ones copy its XML and change the text (a slide's table styled cell by
        cell through the API costs ~1 ms a cell: 16 s for a 1,000 x 20 deck)."""
        look = (size, bold, str(fill), str(color), align)
        styled = self.cell_styles.get(look)
        if styled is not None:
            element = copy.deepcopy(styled)
            element.find(f".//{qn('a:t')}").text = _text(text)
            cell._tc.getparent().replace(cell._tc, element)
            return
        cell.fill.solid()
        cell.fill.fore_color.rgb = fill
        cell.margin_left = cell.margin_right = Inches(0.05)
        cell.margin_top = cell.margin_bottom = Inches(0.02)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        paragraph = cell.text_frame.paragraphs[0]
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = _text(text)
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, color
        self.cell_styles[look] = copy.deepcopy(cell._tc)

    def _legend(self, slide) -> None:  # noqa: ANN001
        """The letters and their meaning, at the top right of a matrix slide (beside its heading)."""
        keys = [(letter, _t(f"letter_{letter.replace('/', '')}", self.lang)) for letter in ("R", "A", "A/R", "C", "I")]
        widths = [Inches(0.42 + 0.25 + 0.085 * len(text)) for _, text in keys]  # swatch, gap, ~10 pt text
        x = WIDTH - MARGIN - sum(widths)
        for (letter, text), width in zip(keys, widths, strict=True):
            swatch = slide.shapes.add_shape(1, x, Inches(0.45), Inches(0.42), Inches(0.3))
            swatch.fill.solid()
            swatch.fill.fore_color.rgb = _rgb(LETTER_COLORS[letter])
            swatch.line.fill.background()
            frame = swatch.text_frame
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.CENTER
            run = paragraph.add_run()
            run.text = letter
            run.font.size, run.font.bold = Pt(10), True
            run.font.color.rgb = _rgb(L.text_color(LETTER_COLORS[letter]))
            self._box(slide, x + Inches(0.45), Inches(0.43), width - Inches(0.45), Inches(0.35), text, 10,
                      color=MUTED)
            x += width


def _series_labels(series, number_format: str, hidden: Sequence[int] = (), color: str | None = None,  # noqa: ANN001
                   position: XL_LABEL_POSITION | None = None) -> None:
    """A bar series' own data labels: its values in ``number_format``, in ``color``, none on the ``hidden`` points.

    A point's own label (``c:dLbl``) lives in the series' labels (``c:dLbls``), which python-pptx
    creates showing nothing: they are told to show the value again.
    """
    labels = series.data_labels
    labels.show_value = True
    labels.number_format, labels.number_format_is_linked = number_format, False
    labels.font.size = Pt(12)
    if color is not None:
        labels.font.color.rgb = _rgb(color)
    if position is not None:
        labels.position = position
    for point in hidden:
        label = series.points[point].data_label._get_or_add_dLbl()  # noqa: SLF001
        for child in list(label)[1:]:  # keep c:idx
            label.remove(child)
        etree.SubElement(label, qn("c:delete")).set("val", "1")


def _as_line(chart, index: int, color: str | None) -> None:  # noqa: ANN001
    """Move the bar chart's series ``index`` into a line chart on the same axes (a combination chart).

    python-pptx builds one chart type per chart; a combination (bars and a line) is a second
    ``c:lineChart`` in the plot area sharing the bar chart's axes, which every editor reads.
    ``color`` draws a dashed line in it; None draws no line (the series is there for its labels).
    """
    plot_area = chart._chartSpace.find(qn("c:chart")).find(qn("c:plotArea"))  # noqa: SLF001
    bars = plot_area.find(qn("c:barChart"))
    series = bars.findall(qn("c:ser"))[index]
    bars.remove(series)
    line = etree.SubElement(plot_area, qn("c:lineChart"))
    bars.addnext(line)  # the schema wants the chart types before the axes
    etree.SubElement(line, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line, qn("c:varyColors")).set("val", "0")
    line.append(series)
    for tag in ("c:invertIfNegative", "c:spPr"):
        for child in series.findall(qn(tag)):
            series.remove(child)
    stroke = (f'<a:ln w="31750"><a:solidFill><a:srgbClr val="{color.lstrip("#")}"/></a:solidFill>'
              '<a:prstDash val="dash"/></a:ln>') if color else '<a:ln><a:noFill/></a:ln>'
    sp_pr = etree.fromstring(f'<c:spPr xmlns:c="{_C}" xmlns:a="{_A}">{stroke}</c:spPr>')
    # c:ser children in schema order: idx, order, tx, spPr, marker, dLbls, cat, val, smooth.
    series.find(qn("c:tx")).addnext(sp_pr)
    marker = etree.fromstring(f'<c:marker xmlns:c="{_C}"><c:symbol val="none"/></c:marker>')
    sp_pr.addnext(marker)
    etree.SubElement(series, qn("c:smooth")).set("val", "0")
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for axis_id in bars.findall(qn("c:axId")):
        etree.SubElement(line, qn("c:axId")).set("val", axis_id.get("val"))
    return series


def _hide_legend_entry(chart, index: int) -> None:  # noqa: ANN001
    """Leave series ``index`` out of the chart's legend (``c:legendEntry`` with ``c:delete``)."""
    legend = chart.legend._element  # noqa: SLF001
    entry = etree.fromstring(f'<c:legendEntry xmlns:c="{_C}"><c:idx val="{index}"/><c:delete val="1"/></c:legendEntry>')
    legend.find(qn("c:legendPos")).addnext(entry)  # legendPos, legendEntry*, layout, overlay...


def _labels_above(series, number_format: str) -> None:  # noqa: ANN001
    """Bold value labels above each point of a (line) series, in place of the plot's labels."""
    for old in series.findall(qn("c:dLbls")):
        series.remove(old)
    labels = etree.fromstring(
        f'<c:dLbls xmlns:c="{_C}" xmlns:a="{_A}"><c:numFmt formatCode="{number_format.replace(chr(34), "&quot;")}" '
        'sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/>'
        '<a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>'
        '<c:dLblPos val="t"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>')
    series.find(qn("c:marker")).addnext(labels)
