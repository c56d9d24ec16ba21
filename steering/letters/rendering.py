"""Letters: each kind is a named template triple rendered in the recipient's language.

``letters/<kind>_subject.txt``, ``letters/<kind>_body.txt`` and ``letters/<kind>_body.html``
are rendered by ``render_letter``; the queue functions write the outbox row in the
caller's transaction (see ``steering.letters.outbox``).
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class RenderedLetter:
    subject: str
    body_text: str
    body_html: str


def render_letter(kind: str, context: dict, language: str) -> RenderedLetter:
    with translation.override(language):
        subject = render_to_string(f"letters/{kind}_subject.txt", context)
        return RenderedLetter(
            subject=" ".join(subject.split()),
            body_text=render_to_string(f"letters/{kind}_body.txt", context).strip() + "\n",
            body_html=render_to_string(f"letters/{kind}_body.html", context),
        )
