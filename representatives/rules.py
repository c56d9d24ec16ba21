"""Who may nominate, see, withdraw and decide leadership nominations.

The scoped queryset in ``representatives/access.py`` applies the same rules to lists.
"""

import rules

from steering.rules import (
    employs_in_administered_region,
    is_circle_member,
    is_regional_admin,
    is_secretariat,
)


@rules.predicate
def proposed_it(user, nomination) -> bool:
    return (
        nomination is not None
        and user.is_authenticated
        and nomination.proposed_by_id is not None
        and nomination.proposed_by_id == user.pk
    )


@rules.predicate
def is_the_candidate(user, nomination) -> bool:
    return (
        nomination is not None
        and user.is_authenticated
        and user.roles.person_id is not None
        and nomination.person_id == user.roles.person_id
    )


@rules.predicate
def concerns_administered_region(user, nomination) -> bool:
    """The administrator's region nominated, or the candidate is employed there."""
    region_id = user.roles.admin_region_id if user.is_authenticated else None
    return (
        nomination is not None
        and region_id is not None
        and region_id in (nomination.proposing_region_id, nomination.person.region_id)
    )


rules.add_perm(
    "representatives.read_overview", is_secretariat | is_circle_member | is_regional_admin
)
# Without an object: may open the nomination form at all.
rules.add_perm("representatives.nominate_someone", is_circle_member | is_regional_admin)
# With the candidate (a Person): administrators only for people employed in their region.
rules.add_perm("representatives.nominate", is_circle_member | employs_in_administered_region)
rules.add_perm(
    "representatives.read_nomination",
    is_secretariat
    | is_circle_member
    | concerns_administered_region
    | proposed_it
    | is_the_candidate,
)
rules.add_perm("representatives.withdraw_nomination", is_secretariat | proposed_it)
rules.add_perm("representatives.decide_nomination", is_circle_member)

for model in (
    "circlemember",
    "leadershipnomination",
    "qualifyingleadershiplevel",
    "qualifyingprofession",
    "qualifyingorganisationkind",
):
    for action in ("view", "add", "change"):
        rules.add_perm(f"representatives.{action}_{model}", is_secretariat)
# The eligibility rows are switched off by deleting them (history keeps the record).
for model in ("qualifyingleadershiplevel", "qualifyingprofession", "qualifyingorganisationkind"):
    rules.add_perm(f"representatives.delete_{model}", is_secretariat)
rules.add_perm("representatives", is_secretariat)
