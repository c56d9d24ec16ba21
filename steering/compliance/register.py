"""The compliance findings of every group, computed once per data version.

The secretariat's dashboard and the compliance page evaluate the composition rules over
every group; at ten times RKKP's size that is most of their time. The findings depend
only on databases, groups, seats, people, meetings and regions, on the day and on the
language, so they are kept (per process) under a *data version*:

- on PostgreSQL, the database's own (``rkkp_portal/data_version.py``), which a trigger
  replaces when any transaction that wrote commits — ``QuerySet.update``, bulk inserts
  and raw SQL included (an anonymised name is gone from the dashboards at once);
- elsewhere (SQLite with Redis), a version held in the shared cache that every save or
  delete of those models replaces at once and again when the transaction commits;
- findings are only kept when computed outside any transaction (autocommit, as every GET
  is served), so nothing computed from uncommitted data is ever kept — a rolled-back write
  leaves no trace;
- the version is read before the data, so what is kept under a version is never older
  than the version.

What is kept is a ``Register``: each group's database name and page with its findings, in
the databases' name order; counts of the active seats; and the seats whose planned term
has passed or ends soon — all read from the rows the rules read anyway. The dashboards and
the compliance page then list, rank and count groups and seats without a query of their
own; a regional administrator's vacancies are the regions rule's findings, and the
circle's groups without a leadership representative the leadership rule's.

A register computed outside a transaction is also stored in the shared cache under its
key (data version, day, language; the database, as two sites may share one Redis; and a
digest of the release — code, templates and translations, ``rkkp_portal/release.py`` —
so a deploy that changes the rules, these records or a finding's wording never reads
what the old code stored), and another process loads it from there before computing it
itself: with several workers each version is computed once, not once per worker. Loading
it (about 140 KB pickled at ten times RKKP's size) costs a millisecond or two; computing
it a few hundred. While one process computes, the others wait for its result up to
``HERD_WAIT_SECONDS`` (a lock taken with ``cache.add``) and only then compute too. The
findings' messages are text translated when computed (``compliance.check_group``), so
what is stored is plain data in the key's language.

Without a shared cache (no REDIS_URL: one process under ``make run``) nothing is kept
and every request computes.
"""

import datetime
import hashlib
import time
import uuid
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from steering.compliance import checks as compliance

VERSION_KEY = "steering:compliance:data-version"
# How long a stored register outlives its last write; a register under a replaced version
# is never read again and goes when this runs out.
SHARED_TIMEOUT_SECONDS = 60 * 60
# How long a process waits for another one computing the same register, and how often it
# looks; the lock lapses by itself should its holder die.
HERD_WAIT_SECONDS = 1.0
HERD_POLL_SECONDS = 0.02


@dataclass(frozen=True)
class GroupStatus:
    """A group as the compliance lists show it: its database and its findings."""

    group_id: int
    name: str
    url: str
    findings: list[compliance.Finding]


@dataclass(frozen=True)
class SeatFigures:
    """Counts of the active seats."""

    total: int
    ending: int  # within settings.TERM_ENDING_SOON_DAYS
    holdovers: int
    people: int
    by_role: dict[str, int]
    by_region: dict[int, int]  # the region represented


@dataclass(frozen=True)
class DueSeat:
    """An active seat whose planned term has passed or ends within
    settings.TERM_ENDING_SOON_DAYS."""

    membership_id: int
    person_name: str
    role: str
    role_label: str
    region_id: int | None
    term_end: datetime.date
    group: GroupStatus


@dataclass(frozen=True)
class Register:
    groups: dict[int, GroupStatus]  # in the order of the databases' names
    seats: SeatFigures
    due: list[DueSeat]  # by planned term end


# (version, day, language, days counted as ending soon) -> the register; only the latest.
_kept: dict[tuple, Register] = {}


def enabled() -> bool:
    return bool(settings.REDIS_URL)


def data_version() -> str:
    """PostgreSQL's data version where there is one: every committed write replaces it,
    however it was made (rkkp_portal/data_version.py). Elsewhere (SQLite with Redis) a
    version in the cache that the models' saves and deletes replace."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump() -> None:
    """A new version now, whatever changed (the database's when there is one)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def data_changed(sender, **kwargs) -> None:
    if not enabled():
        return
    bump()
    transaction.on_commit(bump)


def _compute(groups, today: datetime.date) -> Register:
    """The register of the given groups (a queryset), in five queries."""
    from steering.models import Membership

    groups = list(
        groups.select_related("database")
        .only(
            "database",
            "requires_all_regions",
            "requires_leadership_representative",
            "min_patient_representatives",
            "full_day_meetings_per_year",
            "database__name",
            "database__slug",
        )
        .order_by("database__name", "pk")
    )
    facts = compliance.facts_for_groups(groups, today)
    statuses = {
        group.pk: GroupStatus(
            group.pk,
            group.database.name,
            group.database.get_absolute_url(),
            compliance.check_group(facts[group.pk], today),
        )
        for group in groups
    }
    ending_by = today + datetime.timedelta(days=settings.TERM_ENDING_SOON_DAYS)
    seats = [(pk, seat) for pk, group_facts in facts.items() for seat in group_facts.seats]
    figures = SeatFigures(
        total=len(seats),
        ending=sum(1 for _pk, s in seats if s.term_end and today <= s.term_end <= ending_by),
        holdovers=sum(1 for _pk, s in seats if s.term_end and s.term_end < today),
        people=len({s.person_id for _pk, s in seats}),
        by_role=Counter(s.role for _pk, s in seats),
        by_region=Counter(s.region_id for _pk, s in seats if s.region_id is not None),
    )
    role_labels = {role: str(label) for role, label in Membership.Role.choices}
    due = sorted(
        (
            DueSeat(
                membership_id=s.membership_id,
                person_name=s.person_name,
                role=s.role,
                role_label=role_labels.get(s.role, s.role),
                region_id=s.region_id,
                term_end=s.term_end,
                group=statuses[pk],
            )
            for pk, s in seats
            if s.term_end and s.term_end <= ending_by
        ),
        key=lambda seat: (seat.term_end, seat.membership_id),
    )
    return Register(statuses, figures, due)


def _cacheable() -> bool:
    return enabled() and not connection.in_atomic_block


def register(today: datetime.date | None = None) -> Register:
    """Every group's findings and the active seats' figures, kept per data version."""
    from steering.models import SteeringGroup

    today = today or timezone.localdate()
    if not _cacheable():
        return _compute(SteeringGroup.objects.all(), today)
    key = (data_version(), today, translation.get_language(), settings.TERM_ENDING_SOON_DAYS)
    kept = _kept.get(key)
    if kept is None:
        kept = _shared(key, lambda: _compute(SteeringGroup.objects.all(), today))
        _kept.clear()
        _kept[key] = kept
    return kept


def shared_key(key: tuple) -> str:
    """Where the register of ``key`` is stored for every process that computes it from the
    same database with the same code."""
    version, today, language, ending_days = key
    db = connection.settings_dict
    database = hashlib.sha256(f"{db['HOST']}:{db['PORT']}/{db['NAME']}".encode()).hexdigest()
    return (
        f"steering:compliance:register:{database[:16]}:{version}:"
        f"{today.isoformat()}:{language}:{ending_days}"
    )


def _shared(key: tuple, compute) -> Register:
    """The register stored under ``key`` by any process; computed and stored if none is.

    Only called outside a transaction (``_cacheable``), with the version read first."""
    stored_at = shared_key(key)
    stored = cache.get(stored_at)
    if stored is not None:
        return stored
    lock = f"{stored_at}:computing"
    if not cache.add(lock, 1, timeout=max(1, round(HERD_WAIT_SECONDS * 2))):
        # Another process is computing it: wait for its result rather than compute along.
        deadline = time.monotonic() + HERD_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(HERD_POLL_SECONDS)
            stored = cache.get(stored_at)
            if stored is not None:
                return stored
    computed = compute()
    cache.set(stored_at, computed, timeout=SHARED_TIMEOUT_SECONDS)
    cache.delete(lock)
    return computed


def statuses_of(groups, today: datetime.date | None = None) -> dict[int, GroupStatus]:
    """The status of each group in ``groups`` (a queryset, e.g. the ones a user may see),
    in the order of the databases' names."""
    today = today or timezone.localdate()
    if not _cacheable():
        return _compute(groups, today).groups
    every = register(today).groups
    # The staff who read compliance see every group: counting them costs less than
    # listing them. (The two sets could only differ by a group created and another
    # deleted since the version was read; the next request sees the new version.)
    if groups.count() == len(every):
        return every
    wanted = set(groups.values_list("pk", flat=True))
    if not wanted <= every.keys():  # created after the kept version was read
        return _compute(groups, today).groups
    return {pk: status for pk, status in every.items() if pk in wanted}


def findings_for_groups(groups, today: datetime.date | None = None) -> dict:
    """The findings of the given groups, as ``compliance.findings_for_groups`` gives them."""
    today = today or timezone.localdate()
    groups = list(groups)
    if not _cacheable():
        return compliance.findings_for_groups(groups, today)
    every = register(today).groups
    missing = [group for group in groups if group.pk not in every]
    found = compliance.findings_for_groups(missing, today) if missing else {}
    return {
        group.pk: every[group.pk].findings if group.pk in every else found[group.pk]
        for group in groups
    }


def connect() -> None:
    """Replace the data version on every save or delete the findings depend on."""
    from regions.models import Region
    from steering.models import ClinicalDatabase, Meeting, Membership, Person, SteeringGroup

    for model in (ClinicalDatabase, SteeringGroup, Membership, Person, Meeting, Region):
        post_save.connect(data_changed, sender=model, dispatch_uid=f"compliance-{model.__name__}")
        post_delete.connect(
            data_changed, sender=model, dispatch_uid=f"compliance-del-{model.__name__}"
        )
