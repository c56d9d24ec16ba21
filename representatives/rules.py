import rules

from steering.rules import is_circle_member, is_regional_admin, is_secretariat

rules.add_perm(
    "representatives.read_overview", is_secretariat | is_circle_member | is_regional_admin
)
rules.add_perm("representatives.decide_nomination", is_circle_member)

for model in ("circlemember", "leadershipnomination"):
    for action in ("view", "add", "change"):
        rules.add_perm(f"representatives.{action}_{model}", is_secretariat)
rules.add_perm("representatives", is_secretariat)
