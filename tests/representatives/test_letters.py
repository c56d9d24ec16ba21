"""The decision letter: a template triple, in the recipient's language, user text escaped."""

import pytest

from representatives.services import decide_nomination
from steering.models import Message

pytestmark = pytest.mark.django_db


def test_the_candidate_s_letter_is_in_their_language(circle_member, nomination):
    nomination.person.language = "en"
    nomination.person.save()
    decide_nomination(
        actor=circle_member, nomination=nomination, approve=True, reasoning="Strong fit"
    )
    letter = Message.objects.get(idempotency_key__endswith=":candidate")
    database = nomination.group.database.name
    assert letter.subject == (
        f"Leadership representative in the steering group of {database}: nomination approved"
    )
    assert "has appointed you leadership representative" in letter.body_text
    assert "Strong fit" in letter.body_text
    assert f"/representatives/nominations/{nomination.pk}/" in letter.body_text
    assert letter.language == "en"


def test_the_reasoning_is_escaped_in_the_html_letter(circle_member, nomination):
    decide_nomination(
        actor=circle_member,
        nomination=nomination,
        approve=False,
        reasoning="<script>alert(1)</script>",
    )
    letter = Message.objects.get(idempotency_key__endswith=":proposer")
    assert "<script>" not in letter.body_html
    assert "&lt;script&gt;" in letter.body_html
    assert "<script>alert(1)</script>" in letter.body_text  # plain text is not HTML
