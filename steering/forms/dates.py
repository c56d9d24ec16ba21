"""Date fields that refuse dates the register cannot mean.

Python's dates run from year 1 to 9999; a term, a meeting or an agreement on 9999-12-31
is a typo, and the arithmetic on it (a four-year term, the day after the term) overflows
and would end in a server error. Every date a user types is kept within these bounds.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

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


class PlausibleDateTimeField(forms.DateTimeField):
    default_validators = [validate_plausible_date]
