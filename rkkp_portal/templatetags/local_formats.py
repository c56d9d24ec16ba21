"""Amounts and long dates in the active language's formats (rkkp_portal/formats/)."""

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def kroner(amount: Decimal | int | None) -> str:
    """180.000,00 kr. in Danish, DKK 180,000.00 in English; empty for no amount."""
    if amount is None or amount == "":
        return ""
    number = formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
    # Translators: an amount in Danish kroner; Danish writes "180.000,00 kr."
    return _("DKK %(amount)s") % {"amount": number}


@register.filter(expects_localtime=True)
def long_datetime(value) -> str:
    """The weekday, date and time: mandag 15. januar 2026 kl. 10:00 / Monday 15 January
    2026, 10:00 — how an invitation names its meeting."""
    if not value:
        return ""
    return f"{formats.date_format(value, 'l')} {formats.date_format(value, 'DATETIME_FORMAT')}"
