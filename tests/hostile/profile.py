"""The hostile suite's hypothesis settings.

``hostile-ci`` (the default) is deterministic: ``derandomize`` makes every run try the
same examples, and no example database is written, so CI neither flakes nor leaves files.
``HYPOTHESIS_PROFILE=hostile-dev`` explores at random with five times the examples.
"""

import os

from hypothesis import HealthCheck, settings

COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "print_blob": True,
}
settings.register_profile("hostile-ci", derandomize=True, database=None, **COMMON)
settings.register_profile("hostile-dev", **COMMON)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "hostile-ci")
if PROFILE not in ("hostile-ci", "hostile-dev"):
    PROFILE = "hostile-ci"
SCALE = 5 if PROFILE == "hostile-dev" else 1


def examples(n: int) -> settings:
    """The suite's settings with ``n`` examples (times five when exploring)."""
    return settings(settings.get_profile(PROFILE), max_examples=n * SCALE)
