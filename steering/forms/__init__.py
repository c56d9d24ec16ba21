"""Forms of the secretariat's pages. They validate input; services do the writing."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
    from steering.models import Membership, SteeringGroup

    return {
        str(constraint.get_violation_error_message()): CONSTRAINT_FIELDS[constraint.name]
        for model in (Membership, SteeringGroup)
        for constraint in model._meta.constraints
        if constraint.name in CONSTRAINT_FIELDS
    }


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it is about, else on top."""
    for field, message in field_errors(error):
        form.add_error(field if field in form.fields else None, message)
