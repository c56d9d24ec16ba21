import rules

from steering.rules import is_secretariat

for action in ("view", "add", "change"):
    rules.add_perm(f"accounts.{action}_user", is_secretariat)
rules.add_perm("accounts", is_secretariat)
# The record of sign-ins (#17): the secretariat reads it; nobody edits it.
rules.add_perm("accounts.view_signinevent", is_secretariat)
