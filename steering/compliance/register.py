"""The compliance register: the findings of every group and the active seats' figures,
kept in Django's cache — the portal's one cache.

Why it is kept: the staff dashboards, the composition page and the databases list's
problem filter need the findings of every group, and evaluating the rules over every group
reads every active seat. At ten times RKKP's size (850 groups, 9,300 seats) that takes
about 150 ms; reading the kept register takes about one. One group's findings (the
database page) are computed directly, in four small queries.

What is kept is small: the ids of the groups that fail a rule with their findings, and
counts. Pages read the groups they show as model instances (``groups``).

How it stays right:

- it is kept under a version, and ``forget`` replaces the version. ``forget`` is called in
  one place: when a transaction that wrote to a table the rules read commits
  (``forget_after_writes``). Every INSERT, UPDATE and DELETE passes through the
  connection's execute wrappers, so ``save()``, ``delete()``, ``QuerySet.update``,
  ``bulk_create`` (``bulk_create_with_history``), cascades and the anonymisation are all
  seen, from requests, jobs, commands and the admin alike;
- the version is read before the data, so what is kept under a version is never older
  than the version;
- inside a transaction it is computed and neither read nor kept: the transaction may have
  written what the kept register does not know yet, or may yet roll back;
- it is kept only in a cache every process shares (Redis: ``COMPLIANCE_REGISTER_KEPT``
  follows ``CACHE_URL``). With the per-process cache of ``make run``, one gunicorn
  worker's copy would outlive a change another worker made, so there it is computed on
  every read (about 15 ms at RKKP's size);
- it lives ``TIMEOUT`` seconds at most: the safety net for a change made directly in the
  database, past Django. Ten minutes, not one: every write through Django forgets it at
  once anyway, and each lapse makes every reader at that moment compute it together (at
  scale 10 with 8 concurrent readers a one-minute lapse put the compliance page's p95 at
  1.6 × the admin's and the forecast's at 2–3 ×, in the page benchmark).

The findings' messages are translated when computed, so the language is part of the key,
and so is the day (terms end and meetings pass).
"""

import dataclasses
import datetime
import functools
import hashlib
import re
import uuid
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation

from steering.compliance import checks, registry
from steering.compliance.checks import Finding
from steering.compliance.facts import RULE_FIELDS

TIMEOUT = 600
VERSION_KEY = "compliance-register:version"


@dataclass(frozen=True)
class SeatFigures:
    """Counts of the seats in office (active, and their term has started); ``ahead``
    counts the active seats appointed from a later date, which count from their start."""

    total: int
    ending: int  # within registry.ending_soon_days()
    holdovers: int
    people: int
    by_role: dict[str, int]
    by_region: dict[int, int]  # the region represented
    ahead: int = 0


@dataclass(frozen=True)
class Register:
    group_count: int
    # The groups failing any rule, in the order of their databases' names: id -> findings.
    failing: dict[int, list[Finding]]
    seats: SeatFigures

    def count_by_rule(self) -> dict[str, int]:
        """How many groups fail each rule (every rule, in the rules' order)."""
        return dict(self._counts)

    def failing_rule(self, rule: str, region_id: int | None = None) -> list[tuple[int, Finding]]:
        """(group id, finding) for each group failing ``rule``, in the databases' name
        order; with ``region_id``, only the findings that name that region (the regions
        rule: the groups without a member from it)."""
        return list(self._by_rule.get((rule, region_id), ()))

    # Worked out when the register is computed (``compute``), so kept with it: a page asks
    # for several rules and regions (the secretariat's dashboard ten times), and each
    # asking read every finding.
    @functools.cached_property
    def _by_rule(self) -> dict[tuple[str, int | None], list[tuple[int, Finding]]]:
        """The findings by rule, and by rule and the region they name."""
        found: dict[tuple[str, int | None], list[tuple[int, Finding]]] = {}
        for group_id, findings in self.failing.items():
            for finding in findings:
                for region_id in (None, *finding.region_ids):
                    found.setdefault((finding.rule, region_id), []).append((group_id, finding))
        return found

    @functools.cached_property
    def _counts(self) -> dict[str, int]:
        return checks.summary(self.failing)


def register(today: datetime.date | None = None) -> Register:
    """The register of every group, kept per version, day and language."""
    today = today or timezone.localdate()
    if connection.in_atomic_block or not settings.COMPLIANCE_REGISTER_KEPT:
        return compute(today)
    kept_at = key(today)
    kept = cache.get(kept_at)
    if kept is None:
        kept = compute(today)
        cache.set(kept_at, kept, TIMEOUT)
    return kept


def key(today: datetime.date) -> str:
    """Where the register of the current version, ``today`` and the active language is
    kept, in the shape of this release's classes (``SHAPE``). Read before the data: the
    version of what is kept is never newer than it."""
    version = cache.get_or_set(VERSION_KEY, _new_version, timeout=None)
    day, language = today.isoformat(), translation.get_language()
    return f"compliance-register:{SHAPE}:{version}:{day}:{language}"


def shape_of(*classes) -> str:
    """A short digest of the names and fields of the classes kept in the cache.

    It is part of the key, so a release that changes them (a field added, a dataclass
    made a named tuple) never reads what a release before it kept, which would not
    unpickle into the new classes; while the two run side by side, each reads its own."""
    described = [
        (
            [f"{base.__module__}.{base.__qualname__}" for base in cls.__mro__],
            # A named tuple's fields, or a dataclass's.
            getattr(cls, "_fields", None) or [field.name for field in dataclasses.fields(cls)],
        )
        for cls in classes
    ]
    return hashlib.blake2b(repr(described).encode(), digest_size=4).hexdigest()


SHAPE = shape_of(Register, SeatFigures, Finding)


def compute(today: datetime.date) -> Register:
    """The register, from the database: five queries whatever the number of groups (the
    groups, and ``facts_for_groups``'s four)."""
    from steering.models import SteeringGroup

    groups = list(SteeringGroup.objects.only(*RULE_FIELDS).order_by("database__name", "pk"))
    facts = checks.facts_for_groups(groups, today)
    failing = {}
    for group in groups:
        findings = checks.check_group(facts[group.pk], today)
        if findings:
            failing[group.pk] = findings
    seats = [seat for group_facts in facts.values() for seat in group_facts.in_office(today)]
    active = sum(not s.renews for group_facts in facts.values() for s in group_facts.seats)
    kept = Register(
        group_count=len(groups),
        failing=failing,
        seats=SeatFigures(
            total=len(seats),
            ending=sum(1 for s in seats if registry.ends_soon(s.term_end, today)),
            holdovers=sum(1 for s in seats if s.term_end and s.term_end < today),
            people=len({s.person_id for s in seats}),
            by_role=Counter(s.role for s in seats),
            by_region=Counter(s.region_id for s in seats if s.region_id is not None),
            ahead=active - len(seats),
        ),
    )
    # Sorted and counted by rule now, so that the kept register holds them: a little more
    # to read, where sorting on each request took 0.45 ms. At scale 10 the kept register
    # is 48 KB and read back in 0.8 ms (its 800 findings are named tuples; as dataclass
    # instances they took 2.6 ms).
    kept._by_rule  # noqa: B018 - cached properties, read to be kept
    kept._counts  # noqa: B018
    return kept


def groups(ids: list[int]):
    """The groups with these ids and their databases' names and addresses, in the order
    of ``ids``. A group deleted since the register was computed is left out."""
    from steering.models import SteeringGroup

    found = (
        SteeringGroup.objects.select_related("database")
        .only("database__name", "database__slug")
        .in_bulk(ids)
    )
    return [found[pk] for pk in ids if pk in found]


def forget() -> None:
    """Replace the version: the next request computes the register afresh."""
    cache.set(VERSION_KEY, _new_version(), timeout=None)


def _new_version() -> str:
    return uuid.uuid4().hex


@functools.cache
def _tables_read() -> frozenset[str]:
    """The tables whose rows the rules read, or whose names the findings and their order
    show."""
    from regions.models import Region
    from steering.models import (
        ClinicalDatabase,
        Meeting,
        Membership,
        Person,
        SteeringGroup,
        SuccessionAsk,
    )

    models = (ClinicalDatabase, SteeringGroup, Membership, Person, Meeting, Region, SuccessionAsk)
    return frozenset(model._meta.db_table for model in models)


# How the ORM begins each write on PostgreSQL and SQLite alike (INSERT INTO "table",
# SQLite's INSERT OR IGNORE INTO "table", UPDATE "table", DELETE FROM "table"); a flush
# truncates every table at once.
_WRITE = re.compile(r'(?:INSERT (?:OR \w+ )?INTO|UPDATE|DELETE FROM) "(\w+)"|TRUNCATE ')


def forget_after_writes(execute, sql, params, many, context):
    """An execute wrapper: a write to a table the rules read forgets the register when
    its transaction commits (at once outside a transaction)."""
    result = execute(sql, params, many, context)
    written = _WRITE.match(sql) if isinstance(sql, str) else None
    if written and (written[1] is None or written[1] in _tables_read()):
        db = context["connection"]
        if db.in_atomic_block or db.get_autocommit():
            # Robust: a cache that fails to answer must not turn a committed change into
            # an error page; the register then lapses with its TIMEOUT.
            db.on_commit(forget, robust=True)
        else:  # a transaction managed by hand has no commit hook to wait for
            forget()
    return result


def watch_writes(sender, connection, **kwargs) -> None:
    """Install ``forget_after_writes`` on each new database connection (the
    ``connection_created`` signal). First in the list: ``connection.execute_wrapper()``
    removes the last wrapper when its block ends, which must stay its own."""
    if forget_after_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, forget_after_writes)
