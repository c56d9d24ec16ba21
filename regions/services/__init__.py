"""Write operations of the regions app. Every write goes through these."""

from regions.services.appointment_requests import (
    decline_request,
    escalate_overdue_requests,
    request_appointment,
    request_missing_appointments,
)
from regions.services.buyouts import (
    change_buyout_agreement,
    decide_buyout_agreement,
    propose_buyout_agreement,
)
from regions.services.organisations import appoint_administrator, create_organisation
from regions.services.seats import (
    appoint_in_region,
    end_regional_seat,
    register_employee,
    replace_member,
)
from regions.services.support import (
    add_support_contact,
    change_support_contact,
    record_employer_backing,
    remove_support_contact,
    set_letter_supplement,
)
from regions.services.texts import change_standard_text

__all__ = [
    "add_support_contact",
    "appoint_administrator",
    "appoint_in_region",
    "change_buyout_agreement",
    "change_standard_text",
    "change_support_contact",
    "create_organisation",
    "decide_buyout_agreement",
    "decline_request",
    "end_regional_seat",
    "escalate_overdue_requests",
    "propose_buyout_agreement",
    "record_employer_backing",
    "register_employee",
    "remove_support_contact",
    "replace_member",
    "request_appointment",
    "request_missing_appointments",
    "set_letter_supplement",
]
