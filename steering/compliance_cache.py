"""The compliance findings of every group, computed once per data version.

The secretariat's dashboard and the compliance page evaluate the composition rules over
every group; at ten times RKKP's size that is most of their time. The findings depend
only on databases, groups, seats, people, meetings and regions, on the day and on the
language, so they are kept (per process) under a *data version* held in the shared cache
(Redis), which every save or delete of those models replaces:

- at once, so the writing request sees its own change, and again when the transaction
  commits, so a reader that computed from the data as it stood before the commit cannot
  leave its result under the version that follows it;
- findings are only kept when computed outside any transaction (autocommit, as every GET
  is served), so nothing computed from uncommitted data is ever kept — a rolled-back write
  leaves no trace but a new version;
- the version is read before the data, so what is kept under a version is never older
  than the version.

Writes that bypass the models' signals (``QuerySet.update``, raw SQL) do not change the
version; the services do not write these models that way. Without a shared cache (no
REDIS_URL: one process under ``make run``) nothing is kept and every request computes.
"""

import datetime
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

from steering import compliance

VERSION_KEY = "steering:compliance:data-version"

# (version, day, language) -> {group id: [Finding, …]} of every group; only the latest.
_kept: dict[tuple, dict[int, list[compliance.Finding]]] = {}


def enabled() -> bool:
    return bool(settings.REDIS_URL)


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def data_changed(sender, **kwargs) -> None:
    if not enabled():
        return
    bump()
    transaction.on_commit(bump)


def findings_for_groups(groups, today: datetime.date | None = None) -> dict:
    """The findings of the given groups, as ``compliance.findings_for_groups`` gives them."""
    from steering.models import SteeringGroup

    today = today or timezone.localdate()
    groups = list(groups)
    if not enabled() or connection.in_atomic_block:
        return compliance.findings_for_groups(groups, today)
    key = (data_version(), today, translation.get_language())
    every = _kept.get(key)
    if every is None:
        every = compliance.findings_for_groups(SteeringGroup.objects.all(), today)
        _kept.clear()
        _kept[key] = every
    missing = [group for group in groups if group.pk not in every]
    found = compliance.findings_for_groups(missing, today) if missing else {}
    return {group.pk: every[group.pk] if group.pk in every else found[group.pk] for group in groups}


def connect() -> None:
    """Replace the data version on every save or delete the findings depend on."""
    from regions.models import Region
    from steering.models import ClinicalDatabase, Meeting, Membership, Person, SteeringGroup

    for model in (ClinicalDatabase, SteeringGroup, Membership, Person, Meeting, Region):
        post_save.connect(data_changed, sender=model, dispatch_uid=f"compliance-{model.__name__}")
        post_delete.connect(
            data_changed, sender=model, dispatch_uid=f"compliance-del-{model.__name__}"
        )
