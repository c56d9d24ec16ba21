"""`make audit`: bandit may skip a check only while ruff runs the same check on every line."""

import tomllib

from tests.deployment.files import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
# bandit's checks and the ruff rules (flake8-bandit) that implement them.
RUFF_TWIN = {"B308": "S308", "B703": "S308", "B608": "S608", "B311": "S311", "B108": "S108"}


def test_every_check_bandit_skips_is_enforced_by_ruff_in_the_application_code():
    lint = PYPROJECT["tool"]["ruff"]["lint"]
    skipped = PYPROJECT["tool"]["bandit"]["skips"]
    assert skipped, "nothing skipped: drop this test"
    assert "S" in lint["select"]
    for check in skipped:
        rule = RUFF_TWIN[check]  # a skip without a ruff twin is not allowed
        assert rule not in lint["ignore"], f"{check} is skipped in bandit and {rule} in ruff"
        for pattern, ignored in lint.get("per-file-ignores", {}).items():
            assert rule not in ignored or pattern.startswith("tests/"), (check, pattern)


def test_bandit_keeps_the_password_checks_ruff_leaves_out():
    ruff_ignores = PYPROJECT["tool"]["ruff"]["lint"]["ignore"]
    assert {"S105", "S106"} <= set(ruff_ignores)
    assert not {"B105", "B106"} & set(PYPROJECT["tool"]["bandit"]["skips"])


def test_make_test_runs_the_audit_and_the_audit_runs_both_tools():
    makefile = (ROOT / "Makefile").read_text()
    test_rule = next(line for line in makefile.splitlines() if line.startswith("test: services"))
    assert "audit" in test_rule.split(":", 1)[1].split()
    audit = makefile.split("\naudit: venv\n", 1)[1].split("\n\n", 1)[0]
    assert "bandit -r rkkp_portal steering regions representatives" in audit
    assert "-c pyproject.toml" in audit
    assert "pip-audit -r requirements.lock" in audit
