"""Charts as inline SVG drawn at build time: readable with no JavaScript, printable.

Each chart carries a title and description for screen readers (`role="img"`,
`<title>`, `<desc>`), and every page shows the table with the same numbers
beside it, so the chart is never the only way to read a figure.
Bar lengths use the filed Decimal values; only the drawing is scaled.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from markupsafe import Markup

WIDTH = 400  # drawn narrow: scaled down to a phone's width, its text stays readable
ROW = 44  # one bar: its label above, the bar below
BAR = 16
VALUE_ROOM = 110  # right of the longest bar, for its figure
PALETTE = ("#1f5f99", "#b4521e", "#3c7a3c", "#7a4f9a", "#8a6d1f", "#2e7b7b")


def bar_chart(title: str, items: list[tuple[str, Decimal | None]], unit: str) -> Markup:
    """Horizontal bars, one per labelled amount (None is drawn as a gap and said in the text)."""
    values = [v for _, v in items if v is not None]
    top = max(values, default=Decimal(0)) or Decimal(1)
    height = len(items) * ROW + 4
    desc = "；".join(f"{label}：{_text(v, unit)}" for label, v in items)
    bars = "".join(_bar(n, label, value, top, unit) for n, (label, value) in enumerate(items))
    return _svg(title, desc, height, bars)


def _bar(n: int, label: str, value: Decimal | None, top: Decimal, unit: str) -> str:
    y = n * ROW
    length = 0 if value is None or top <= 0 else max(int((WIDTH - VALUE_ROOM) * (value / top)), 0)
    color = PALETTE[n % len(PALETTE)]
    return (f'<text x="0" y="{y + 16}" class="chart-label">{escape(_clip(label))}</text>'
            f'<rect x="0" y="{y + 22}" width="{length}" height="{BAR}" fill="{color}"/>'
            f'<text x="{length + 6}" y="{y + 35}" class="chart-value">{escape(_text(value, unit))}</text>')


def step_chart(title: str, steps: list[tuple[str, Decimal | None]]) -> Markup:
    """Cumulative spending plan: columns rising to 100%."""
    height, base, col = 200, 170, (WIDTH - 20) // max(len(steps), 1)
    desc = "；".join(f"{label}累计 {_pct(v)}" for label, v in steps)
    parts = []
    for n, (label, value) in enumerate(steps):
        h = int(140 * min(value or 0, 100) / 100)
        x = 10 + n * col
        parts.append(f'<rect x="{x + 8}" y="{base - h}" width="{col - 16}" height="{h}" fill="{PALETTE[0]}"/>'
                     f'<text x="{x + col // 2}" y="{base - h - 6}" text-anchor="middle" class="chart-value">{escape(_pct(value))}</text>'
                     f'<text x="{x + col // 2}" y="{base + 20}" text-anchor="middle" class="chart-label">{escape(label)}</text>')
    return _svg(title, desc, height, "".join(parts))


def _svg(title: str, desc: str, height: int, body: str) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>')


def _text(value: Decimal | None, unit: str) -> str:
    return "未填报" if value is None else f"{value}{unit}"


def _pct(value: Decimal | None) -> str:
    return "未填报" if value is None else f"{value}%"


def _clip(label: str) -> str:
    return label if len(label) <= 28 else label[:27] + "…"
