"""Migrations 0011–0013 store calendar tokens as hashes, and the feed addresses members
already subscribed to keep working (#20)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from steering.models import CalendarToken
from steering.models.calendars import hash_calendar_token
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("steering", "0011_add_calendar_token_hash")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)


def latest():
    # Every app's latest migration: going back unapplied the other apps' migrations that
    # depend on this one, and the rest of the suite needs them.
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_an_address_subscribed_to_before_the_migration_keeps_working(client, member_seat):
    person = member_seat.person
    subscribed = "Zx9-subscribed-before-hashing_0123456789abcdef"
    migrate(BEFORE)
    old_state = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    old_state.get_model("steering", "CalendarToken").objects.create(
        person_id=person.pk, token=subscribed
    )

    migrate(latest())

    stored = CalendarToken.objects.get(person=person)
    assert stored.token_hash == hash_calendar_token(subscribed)
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), CalendarToken._meta.db_table
        )
    }
    assert "token" not in columns
    factories.MeetingFactory(group=member_seat.group)
    assert client.get(f"/me/calendar/{subscribed}.ics").status_code == 200
    assert (
        client.get(f"/me/calendar/{subscribed}/groups/{member_seat.group_id}.ics").status_code
        == 200
    )


def test_going_back_gives_each_person_a_new_plain_address(member_seat):
    CalendarToken.objects.create(person=member_seat.person, token_hash=hash_calendar_token("x"))

    migrate(BEFORE)
    old_state = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    (row,) = old_state.get_model("steering", "CalendarToken").objects.all()
    migrate(latest())

    assert row.token and row.token_hash is None
