from regions.models.appointment_requests import AppointmentRequest
from regions.models.buyout import BuyOutAgreement
from regions.models.geography import Organisation, OrganisationKind, Region, RegionalAdministrator
from regions.models.support import EmployerBacking, SupportContact, WelcomeLetterSupplement

__all__ = [
    "AppointmentRequest",
    "BuyOutAgreement",
    "EmployerBacking",
    "Organisation",
    "OrganisationKind",
    "Region",
    "RegionalAdministrator",
    "SupportContact",
    "WelcomeLetterSupplement",
]
