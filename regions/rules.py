import rules

from steering.rules import administers_region, is_secretariat

rules.add_perm("regions.open_workspace", is_secretariat | administers_region)
rules.add_perm("regions.manage_region", is_secretariat | administers_region)

for model in (
    "region",
    "organisation",
    "organisationkind",
    "regionaladministrator",
    "welcomelettersupplement",
    "supportcontact",
    "buyoutagreement",
):
    for action in ("view", "add", "change"):
        rules.add_perm(f"regions.{action}_{model}", is_secretariat)
rules.add_perm("regions", is_secretariat)
