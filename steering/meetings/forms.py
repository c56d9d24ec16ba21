"""Forms for meetings: plan or change one, cancel, answer, attendance, papers."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rkkp_portal.forms import PlausibleDateTimeField
from steering.models import Invitation, Meeting, MeetingPaper


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    """Times are entered in Danish time; Django stores them in UTC."""

    kind = forms.ChoiceField(label=_("Type of meeting"), choices=Meeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    starts_at = PlausibleDateTimeField(
        label=_("Starts (Danish time)"),
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ends_at = PlausibleDateTimeField(
        label=_("Ends (Danish time)"),
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea, required=False)

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The meeting must end after it starts."))
        return data

    @classmethod
    def for_meeting(cls, meeting: Meeting, data=None) -> "MeetingForm":
        initial = {
            field: getattr(meeting, field)
            for field in ("kind", "title", "starts_at", "ends_at", "place", "video_url", "agenda")
        }
        return cls(data, initial=initial)


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the invitees)"), widget=forms.Textarea, required=False
    )


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (Invitation.Response.YES, _("Yes, I will attend")),
            (Invitation.Response.NO, _("No, I cannot attend")),
            (Invitation.Response.MAYBE, _("Maybe")),
        ],
        widget=forms.RadioSelect,
    )


class PaperForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type of paper"), choices=MeetingPaper.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))


class AttendanceForm(forms.Form):
    """One choice per invitation; the field names carry the invitation ids."""

    def __init__(self, *args, invitations: list[Invitation], **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = invitations
        choices = [("", _("Not registered")), *Invitation.Attendance.choices]
        for invitation in invitations:
            self.fields[f"invitation_{invitation.pk}"] = forms.ChoiceField(
                label=invitation.person.full_name,
                choices=choices,
                required=False,
                initial=invitation.attendance,
            )

    def attendance(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data[f"invitation_{i.pk}"] for i in self.invitations}


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    month = forms.IntegerField(label=_("Month"), min_value=1, max_value=12, required=False)

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 2000 <= year <= 2100:
            raise ValidationError(_("Choose a year between 2000 and 2100."))
        return year


class AttendanceYearForm(forms.Form):
    """The yearly attendance page's choices (``steering/meetings/attendance_year.py``):
    ``years`` newest first, the first of them this year."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    # Chosen by the page's links, and kept when another year is chosen.
    view = forms.ChoiceField(label=_("View"), required=False, widget=forms.HiddenInput)
    order = forms.ChoiceField(
        label=_("Order of the groups"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, data, *, years: list[int], views: dict, orders: dict):
        # A link with an order and no year (?order=lowest) means this year: left to the
        # required field it would fail, and the page would quietly show the groups by name.
        if data is not None and not data.get("year"):
            data = data.copy()
            data["year"] = str(years[0])
        super().__init__(data)
        self.fields["year"].choices = [(year, year) for year in years]
        self.fields["view"].choices = list(views.items())
        self.fields["order"].choices = list(orders.items())
