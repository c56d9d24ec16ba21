"""Render the portal's plain-text bodies (standard texts, regional supplements) safely.

Everything is escaped first; only paragraph breaks and "- " bullet lines become markup,
so a supplement can never inject HTML.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def paragraphs(text: str) -> list[list[str]]:
    """Blocks of lines separated by blank lines."""
    blocks, current = [], []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


@register.filter
def plain_text(text: str) -> SafeString:
    html = []
    for block in paragraphs(text):
        bullets = [line for line in block if line.startswith("- ")]
        prose = [line for line in block if not line.startswith("- ")]
        if prose:
            html.append("<p>" + "<br>".join(escape(line) for line in prose) + "</p>")
        if bullets:
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in bullets)
            html.append(f"<ul>{items}</ul>")
    return mark_safe("\n".join(html))  # noqa: S308 — every piece above is escaped
