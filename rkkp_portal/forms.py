"""What the forms of every app share: date inputs and plausible dates, and a service's
ValidationError put on the field it is about. Forms validate input; services do the writing."""

import datetime

from django import forms
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# A check constraint cannot name its field; these are the fields their messages are about.
CONSTRAINT_FIELDS = {
    "regional_seat_names_its_region": "representing_region",
    "membership_term_ends_after_it_starts": "term_end",
    "seat_ends_after_it_starts": "ended_on",
    "term_number_is_positive": "term_number",
    "steering_group_meeting_cadence_is_plausible": "full_day_meetings_per_year",
    "steering_group_patient_minimum_is_plausible": "min_patient_representatives",
}


def field_errors(error: ValidationError) -> list[tuple[str | None, str]]:
    """(field or None, message) for each message, constraint messages placed on their field."""
    if not hasattr(error, "error_dict"):
        pairs = [(None, message) for message in error.messages]
    else:
        pairs = [
            (None if field == NON_FIELD_ERRORS else field, message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    by_message = _constraint_messages()
    return [(field or by_message.get(message), message) for field, message in pairs]


def _constraint_messages() -> dict[str, str]:
    return {
        str(constraint.get_violation_error_message()): CONSTRAINT_FIELDS[constraint.name]
        for model in apps.get_models()
        for constraint in model._meta.constraints
        if constraint.name in CONSTRAINT_FIELDS
    }


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it is about, else on top."""
    for field, message in field_errors(error):
        form.add_error(field if field in form.fields else None, message)


class ConstraintErrorsOnFields:
    """For a ModelForm: a check constraint's message shows on the field it is about
    (``CONSTRAINT_FIELDS``), not above the form."""

    def _post_clean(self):
        super()._post_clean()
        messages = self._errors.pop(NON_FIELD_ERRORS, None)
        if not messages:
            return
        by_message = _constraint_messages()
        for message in messages:
            field = by_message.get(message)
            self.add_error(field if field in self.fields else None, message)


EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2200, 12, 31)


def validate_plausible_date(value: datetime.date | datetime.datetime | None) -> None:
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="implausible_date",
            params={
                "earliest": formats.date_format(EARLIEST, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(LATEST, "SHORT_DATE_FORMAT"),
            },
        )


def in_range(value: datetime.date) -> bool:
    return EARLIEST <= value <= LATEST


class PlausibleDateField(forms.DateField):
    default_validators = [validate_plausible_date]


def not_after_today(message, code: str):
    """A validator refusing days after today with ``message``: for the day a seat ends,
    which ends it at once (a later day would take the member out of office now, while the
    page showed that day)."""

    def validate(value: datetime.date) -> None:
        if value is not None and value > timezone.localdate():
            raise ValidationError(message, code=code)

    return validate


class EndDateField(PlausibleDateField):
    """The day a seat ended: today or earlier."""

    default_validators = [
        validate_plausible_date,
        not_after_today(
            _(
                "A seat can be ended today or on an earlier day. Until the last day the "
                "member stays in office; end the seat on that day."
            ),
            "future_end",
        ),
    ]


class PlausibleDateTimeField(forms.DateTimeField):
    default_validators = [validate_plausible_date]
