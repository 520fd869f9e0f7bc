"""The Jinja2 environment of the output's templates (``raci/output/templates/``), and the static files they inline.

Every ``{{ value }}`` a template prints is HTML-escaped: the environment autoescapes,
and its ``finalize`` escapes first so that the entities are spelled as the report has
always spelled them (``&quot;``, ``&#x27;``). Inside ``<style>`` and ``<script>`` the
browser decodes no entity, so what is printed there goes through a filter named for
that place, which checks or encodes it for it:

- ``css_value``: a value of ours (a colour, a length, the font stack), refused if it is anything more;
- ``css_string``: text as a quoted CSS string (quotes, backslashes, ``<``, ``>``, ``&`` as CSS escapes);
- ``script_json``: JSON text for a ``<script type="application/json">`` (``<``, ``>``, ``&`` as ``\\u`` escapes);
- ``tojson`` (Jinja's own): a Python value as such JSON;
- ``inline_style`` / ``inline_script``: a file of ours, refused if it could close its element early.

No template uses ``|safe``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

_STATIC = Path(__file__).resolve().parent / "static"


def _html_text(value: object) -> object:
    """What every ``{{ value }}`` prints: Markup (a macro's output, a filter's) as it is, anything else escaped.

    The environment autoescapes too; escaping here first only picks the spelling of the entities
    (``&quot;``, ``&#x27;``, as the page has always written them) in the one place every value passes.
    """
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


_CSS_VALUE = re.compile(r"[\w\s#%.,()\"'-]+")


def _css_value(value: object) -> Markup:
    """A value of ours (a colour, a length, the font stack) written into the stylesheet, checked to be only that."""
    text = str(value)
    if not _CSS_VALUE.fullmatch(text):
        raise ValueError(f"not a plain CSS value: {text!r}")
    return Markup(text)


def _css_string(value: object) -> Markup:
    """Text as a quoted CSS string: quotes, backslashes, line breaks and <, >, & as CSS escapes."""
    escaped = "".join(f"\\{ord(ch):x} " if ch in '"\\<>&\n\r\f' else ch for ch in str(value))
    return Markup(f'"{escaped}"')


def _script_json(text: str) -> Markup:
    """JSON text (a figure from plotly.io.to_json) made safe inside a <script> element: <, > and & as \\u escapes."""
    # plotly already writes <, > and / as \u escapes; this keeps it so whatever its version.
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _inline(closing: str) -> Callable[[str], Markup]:
    """A filter that prints a file of ours (plotly.js, the stylesheet, the drawing script) as it is, once it is
    sure the file cannot end its own element early."""

    ends = re.compile(re.escape(closing), re.IGNORECASE)  # a regex: lower() on plotly.js's 4.8 MB costs 0.1 s

    def inline(text: str) -> Markup:
        if ends.search(text):
            raise ValueError(f"an inlined file may not contain {closing!r}")
        return Markup(text)

    return inline


@cache
def environment() -> Environment:
    """The environment of ``raci/output/templates/`` (built once; every value HTML-escaped, undefined names fail)."""
    env = Environment(
        loader=PackageLoader("raci.output", "templates"),
        autoescape=True,
        finalize=_html_text,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        css_value=_css_value,
        css_string=_css_string,
        script_json=_script_json,
        inline_style=_inline("</style"),
        inline_script=_inline("</script"),
    )
    return env


@cache
def static_text(name: str) -> str:
    """A file of ``raci/output/static/`` (the report's stylesheet and drawing script), read once."""
    return (_STATIC / name).read_text(encoding="utf-8")
