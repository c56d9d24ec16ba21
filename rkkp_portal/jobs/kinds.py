"""What each kind of job does. The app owning a kind registers it when it is loaded:

    register(Kind(code="roster_preview", label=_("Roster preview"), run=preview,
                  result_url=lambda job: reverse("steering:roster-preview", args=[job.pk])))

``run(job, progress)`` does the work and returns the job's result (JSON); it calls
``progress(done, failed)`` as it goes. What it raises stops the job as failed.
"""

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    run: Callable  # (job, progress) -> dict
    result_url: Callable  # (job) -> str: the page that shows the outcome


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.code] = kind
    return kind


def get(code: str) -> Kind:
    return KINDS[code]
