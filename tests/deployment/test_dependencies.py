"""Dependencies as they are used: pyproject.toml declares what the code imports (and no
more), the lock files pin every file by hash, and the image installs only those files."""

import ast
import importlib.metadata
import re
import sys
import tomllib

from django.conf import settings

from tests.deployment.files import ROOT, dockerfile_stages, load_compose

APP_SOURCES = ["rkkp_portal", "steering", "regions", "representatives"]
LOCKS = ["requirements.lock", "requirements-dev.lock"]
# Declared, but loaded by name rather than imported by the portal's code.
LOADED_BY_NAME = {
    "gunicorn": "the image's CMD and compose's web command",
    "psycopg": "Django's PostgreSQL backend, chosen by DATABASE_URL",
}


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = [re.match(r"[A-Za-z0-9_.-]+", spec)[0] for spec in project["dependencies"]]
    return {name.lower().replace("_", "-") for name in names}


def imported_top_level_modules() -> set[str]:
    modules = set()
    for source in APP_SOURCES:
        for path in (ROOT / source).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    modules.add(node.module.split(".")[0])
    # Apps, middleware and backends the settings name are used as surely as imports.
    named = [*settings.INSTALLED_APPS, *settings.MIDDLEWARE, *settings.AUTHENTICATION_BACKENDS]
    modules |= {name.split(".")[0] for name in named}
    return modules - set(sys.stdlib_module_names)


def distributions_of(modules: set[str]) -> set[str]:
    owners = importlib.metadata.packages_distributions()
    return {
        dist.lower().replace("_", "-")
        for module in modules
        for dist in owners.get(module, [])
        if dist != "rkkp-portal"
    }


def test_every_package_the_code_imports_is_declared_directly():
    first_party = set(APP_SOURCES)
    third_party = imported_top_level_modules() - first_party
    undeclared = distributions_of(third_party) - declared()
    assert not undeclared, f"declare these in pyproject.toml: {sorted(undeclared)}"
    assert {"tablib", "openpyxl"} <= distributions_of(third_party)


def test_every_declared_package_is_used():
    used = distributions_of(imported_top_level_modules()) | set(LOADED_BY_NAME)
    unused = declared() - used
    assert not unused, f"nothing imports these; drop them from pyproject.toml: {sorted(unused)}"


def test_django_import_export_is_gone():
    assert "django-import-export" not in declared()
    assert not any(app.startswith("import_export") for app in settings.INSTALLED_APPS)
    for lock in LOCKS:
        assert "django-import-export" not in (ROOT / lock).read_text()


def pins(lock: str) -> dict[str, list[str]]:
    """name==version → its hashes, from a lock file written by `uv pip compile`."""
    text = re.sub(r"\\\n", " ", (ROOT / lock).read_text())
    entries = {}
    for line in text.splitlines():
        if line and not line.startswith((" ", "#")):
            requirement, *options = line.split()
            entries[requirement] = [o for o in options if o.startswith("--hash=sha256:")]
    return entries


def test_both_lock_files_pin_every_package_with_its_hashes():
    for lock in LOCKS:
        entries = pins(lock)
        assert len(entries) > 30, f"{lock} looks empty"
        for requirement, hashes in entries.items():
            assert re.fullmatch(r"[a-z0-9._-]+(\[[a-z0-9,._-]+\])?==\S+", requirement), requirement
            assert hashes, f"{lock}: {requirement} has no hash"
    # The dev lock is the production lock plus the test tools, at the same versions.
    assert set(pins("requirements.lock")) <= set(pins("requirements-dev.lock"))


def test_make_lock_writes_the_hashes():
    makefile = (ROOT / "Makefile").read_text()
    target = re.search(r"^lock: .*?\n((?:\t.*\n)+)", makefile, re.M)[1].replace("\\\n", " ")
    compiles = [line for line in target.splitlines() if "pip compile" in line]
    assert len(compiles) == 2
    assert all("--generate-hashes" in line for line in compiles)
    assert "--constraint requirements.lock -o requirements-dev.lock" in compiles[1]


def test_the_image_installs_the_lock_requiring_hashes():
    installs = [
        arguments
        for keyword, arguments in dockerfile_stages()[-1]["instructions"]
        if keyword == "RUN" and "pip install" in arguments
    ]
    assert installs == ["pip install --no-deps --require-hashes -r requirements.lock && pip check"]


def test_the_node_stage_is_on_a_long_term_support_line():
    node = dockerfile_stages()[0]["from"]
    match = re.fullmatch(r"node:(\d+)\.\d+\.\d+-bookworm-slim AS assets", node)
    assert match, f"pin an exact node version: {node}"
    assert int(match[1]) in {22, 24}, "node 22 or 24 (LTS); older lines are out of support"


def test_every_base_image_is_pinned_to_an_exact_version():
    exact = re.compile(r"[a-z0-9./-]+:\d+\.\d+(\.\d+)?(-[a-z0-9.-]+)?")
    for stage in dockerfile_stages():
        image = stage["from"].split()[0]
        assert exact.fullmatch(image), f"Dockerfile: pin {image} to an exact version"
        assert re.search(r":\d+\.\d+\.\d+", image), f"Dockerfile: {image} needs a patch version"
    for name, service in load_compose()["services"].items():
        image = service.get("image", "")
        if service.get("build") or not image:
            continue  # the portal's own image, built from the Dockerfile above
        assert exact.fullmatch(image) and ":latest" not in image, f"{name}: pin {image}"
