"""The deployment files, parsed: docker-compose.yml, Dockerfile, .env.example, and the
environment variables the code reads (found in its source, so a new one cannot be missed).
"""

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# Modules whose environment reads configure a deployment (tests and migrations read none).
CONFIG_SOURCES = ["rkkp_portal", "steering", "regions", "representatives", "gunicorn.conf.py"]
# Functions that take the variable's name as their first argument.
ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "required_secret", "_int", "getenv"}


def load_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def compose_text() -> str:
    return (ROOT / "docker-compose.yml").read_text()


def compose_variables() -> set[str]:
    """Names interpolated into docker-compose.yml (``${NAME}``, ``${NAME:-default}`` …)."""
    return set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", compose_text()))


def command_text(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else " ".join(command.split())


def env_example() -> dict[str, str]:
    """NAME → value for every ``NAME=value`` line, commented-out defaults included."""
    entries = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.fullmatch(r"#?([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            entries[match[1]] = match[2]
    return entries


def env_example_active() -> dict[str, str]:
    """Only the lines that are not commented out."""
    entries = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        match = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            entries[match[1]] = match[2]
    return entries


def _python_files():
    for source in CONFIG_SOURCES:
        path = ROOT / source
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        yield from (f for f in files if "migrations" not in f.parts)


def _reader_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id in ENV_READERS:
        return func.id
    if isinstance(func, ast.Attribute):
        # os.environ.get("NAME") / os.getenv("NAME")
        if func.attr == "get" and isinstance(func.value, ast.Attribute):
            return "environ.get" if func.value.attr == "environ" else None
        if func.attr in ENV_READERS:
            return func.attr
    return None


def variables_read_by_code() -> dict[str, str]:
    """NAME → the file that reads it, for every variable read with a literal name."""
    found = {}
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            name = None
            if isinstance(node, ast.Call) and _reader_name(node) and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    name = first.value
            elif (
                isinstance(node, ast.Subscript)
                and isinstance(node.value, ast.Attribute)
                and node.value.attr == "environ"
                and isinstance(node.slice, ast.Constant)
            ):
                name = node.slice.value
            if name and re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def dockerfile_stages() -> list[dict]:
    """Each stage as {"from": "image AS name", "instructions": [(KEYWORD, arguments)]}."""
    text = (ROOT / "Dockerfile").read_text()
    joined = re.sub(r"\\\n", " ", text)  # continuation lines
    stages: list[dict] = []
    for raw in joined.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, arguments = line.partition(" ")
        keyword = keyword.upper()
        arguments = " ".join(arguments.split())
        if keyword == "FROM":
            stages.append({"from": arguments, "instructions": []})
        else:
            stages[-1]["instructions"].append((keyword, arguments))
    return stages


def duration_seconds(value: str) -> float:
    """Compose durations: "30s", "2m", "1m30s", "1h"."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s|us)", value)
    assert parts and "".join(n + u for n, u in parts) == value, f"not a duration: {value!r}"
    scale = {"h": 3600, "m": 60, "s": 1, "ms": 0.001, "us": 0.000001}
    return sum(float(number) * scale[unit] for number, unit in parts)
