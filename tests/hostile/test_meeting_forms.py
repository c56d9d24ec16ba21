"""Meetings with hostile input: plan, change, cancel, answer, attendance and papers
(steering/meetings/forms.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.hostile.harness import rolled_back, submit
from tests.hostile.profile import examples
from tests.hostile.strategies import FRAGMENTS, form_data, hostile_choice, hostile_text

pytestmark = pytest.mark.django_db

MEETING = {
    "kind": "full_day",
    "title": "Forårsmøde",
    "starts_at": "2027-03-01T10:00",
    "ends_at": "2027-03-01T16:00",
    "place": "Aarhus",
    "video_url": "",
    "agenda": "",
}
MEETING_KINDS = {
    "kind": "choice",
    "title": "text",
    "starts_at": "datetime",
    "ends_at": "datetime",
    "place": "text",
    "video_url": "text",
    "agenda": "text",
}


@examples(20)
@given(data=form_data(MEETING, MEETING_KINDS))
def test_planning_a_meeting(world, data):
    url = reverse("steering:meeting-schedule", args=[world.group.pk])
    with rolled_back():
        submit(world.secretariat, url, data)


@examples(15)
@given(data=form_data(MEETING, MEETING_KINDS))
def test_changing_a_meeting(world, data):
    url = reverse("steering:meeting-change", args=[world.meeting.pk])
    with rolled_back():
        submit(world.secretariat, url, data)


@examples(8)
@given(data=form_data({"reason": "Aflyst"}, {"reason": "text"}))
def test_cancelling_a_meeting(world, data):
    url = reverse("steering:meeting-cancel", args=[world.meeting.pk])
    with rolled_back():
        submit(world.secretariat, url, data)


@examples(8)
@given(data=form_data({"response": "yes"}, {"response": "choice"}))
def test_answering_an_invitation(world, data):
    url = reverse("steering:meeting-respond", args=[world.meeting.pk])
    with rolled_back():
        submit(world.member, url, data)


@examples(8)
@given(
    value=st.one_of(hostile_choice(), st.sampled_from(["", "present", "remote", "absent"])),
    extra=st.dictionaries(hostile_text(), hostile_text(), max_size=3),
)
def test_registering_attendance(world, value, extra):
    url = reverse("steering:meeting-attendance", args=[world.meeting.pk])
    data = {**extra, f"invitation_{world.invitation.pk}": value}
    with rolled_back():
        submit(world.secretariat, url, data)


FILENAMES = st.one_of(
    st.sampled_from(
        [
            "../../etc/passwd",
            "..\\..\\boot.ini",
            "<script>alert(1)</script>.pdf",
            '"><img src=x onerror=alert(1)>.pdf',
            "\u202efdp.exe",
            "a" * 500 + ".pdf",
            "con.pdf",
            ".pdf",
            "referat\x01.pdf",
        ]
    ),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3).map(lambda p: "".join(p) + ".pdf"),
)


@examples(10)
@given(
    data=form_data({"kind": "agenda", "title": "Dagsorden"}, {"kind": "choice", "title": "text"}),
    name=FILENAMES,
    content=st.one_of(st.binary(max_size=200), st.just(b"%PDF-1.4\n" + b"\x00" * 64)),
)
def test_uploading_a_paper(world, data, name, content, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("steering:meeting-paper-upload", args=[world.meeting.pk])
    upload = SimpleUploadedFile(name.replace("\x00", ""), content)
    with rolled_back():
        submit(world.secretariat, url, data, files={"file": upload})
