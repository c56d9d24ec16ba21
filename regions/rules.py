"""Who may do what in a region's workspace.

Object permissions take the region (or the request, agreement or contact in question);
``regions/access.py`` applies the same rules to querysets.
"""

import rules

from steering.rules import administers_region, is_secretariat


@rules.predicate
def employed_in_region(user, region) -> bool:
    """Members see the support their region of employment offers."""
    if region is None or not user.is_authenticated or user.roles.person_id is None:
        return False
    from steering.models import Person

    return Person.objects.filter(pk=user.roles.person_id, region=region).exists()


@rules.predicate
def administers_object_region(user, obj) -> bool:
    """For rows that carry their region: requests, contacts."""
    return (
        obj is not None
        and user.is_authenticated
        and user.roles.admin_region_id is not None
        and obj.region_id == user.roles.admin_region_id
    )


@rules.predicate
def administers_employer_region(user, agreement) -> bool:
    """A buy-out agreement belongs to the region of the employer it compensates."""
    return (
        agreement is not None
        and user.is_authenticated
        and user.roles.admin_region_id is not None
        and agreement.employer.region_id == user.roles.admin_region_id
    )


region_staff = is_secretariat | administers_region

rules.add_perm("regions.open_workspace", region_staff)
# The secretariat works across regions; an administrator has their own region in the menu.
rules.add_perm("regions.list_regions", is_secretariat)
rules.add_perm("regions.manage_region", region_staff)
rules.add_perm("regions.appoint_in_region", region_staff)
rules.add_perm("regions.request_appointment", is_secretariat)
rules.add_perm("regions.answer_request", is_secretariat | administers_object_region)
rules.add_perm("regions.read_support", region_staff | employed_in_region)
rules.add_perm("regions.manage_support_contact", is_secretariat | administers_object_region)
rules.add_perm("regions.manage_buyout", is_secretariat | administers_employer_region)
# The pool is common to all regions: a region proposes, the secretariat decides (#20).
rules.add_perm("regions.approve_buyout", is_secretariat)
rules.add_perm("regions.report_all_buyouts", is_secretariat)
# The common content and obligations in every welcome letter are the secretariat's.
rules.add_perm("regions.edit_standard_texts", is_secretariat)

for model in (
    "region",
    "organisation",
    "organisationkind",
    "regionaladministrator",
    "welcomelettersupplement",
    "supportcontact",
    "buyoutagreement",
    "appointmentrequest",
    "employerbacking",
):
    for action in ("view", "add", "change"):
        rules.add_perm(f"regions.{action}_{model}", is_secretariat)
rules.add_perm("regions", is_secretariat)
