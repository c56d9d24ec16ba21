"""What each kind of job does. The app owning a kind registers it when it is loaded:

    register(Kind(code="roster_preview", label=_("Roster preview"), run=preview,
                  result_url=lambda job: reverse("steering:roster-preview", args=[job.pk])))

``run(job, progress)`` does the work and returns the job's result (JSON); it calls
``progress(done, failed)`` as it goes. What it raises stops the job as failed.

A kind without ``result_url`` shows its outcome on the job's own page, with the template
``outcome_template`` (given ``job`` and its ``result``). The payload is cleared when the
job finishes, unless the kind ``keeps_payload`` (a preview another job is built from).
"""

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    run: Callable  # (job, progress) -> dict
    result_url: Callable | None = None  # (job) -> str: the page that shows the outcome
    outcome_template: str = ""
    keeps_payload: bool = False


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.code] = kind
    return kind


def get(code: str) -> Kind:
    return KINDS[code]
