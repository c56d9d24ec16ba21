"""The export covers every kind of record that can point at a person.

Walks the app registry: every concrete relation from any model (historical ones included)
to a person, a login or a seat must be covered by a section of the export, or be listed
in ``NOT_EXPORTED`` with its reason. Adding a model with such a relation and forgetting
the export makes this test fail.
"""

from django.apps import apps
from django.contrib.auth import get_user_model

from steering.models import Membership, Person
from steering.privacy import sections
from steering.privacy.sections import CHANGE_LOGS, NOT_EXPORTED, SECTIONS, installed_sections

PERSONAL = {Person, get_user_model(), Membership}


def personal_relations() -> set[tuple[str, str]]:
    found = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in PERSONAL:
                found.add((model._meta.label, field.name))
    return found


def covered_relations() -> set[tuple[str, str]]:
    covered = set()
    for section in installed_sections():
        model = apps.get_model(section.model)
        names = section.relations()
        covered |= {(model._meta.label, name) for name in names}
        if section.history and hasattr(model, "history"):
            covered |= {(model.history.model._meta.label, name) for name in names}
    # Who made each change: every historical table's history_user and the admin log.
    for model in apps.get_models():
        if hasattr(model, "instance_type") and model.__name__.startswith("Historical"):
            covered.add((model._meta.label, "history_user"))
    covered |= set(CHANGE_LOGS)
    return covered


def test_every_relation_to_a_person_login_or_seat_is_exported_or_explained():
    missing = personal_relations() - covered_relations() - set(NOT_EXPORTED)
    assert missing == set(), (
        "Add a Section to steering/privacy/sections.py for these relations, or list them "
        f"in NOT_EXPORTED with the reason: {sorted(missing)}"
    )


def test_the_walk_sees_the_relations_it_must_see():
    """Guards the walk itself: a broken registry walk would pass the test above."""
    relations = personal_relations()
    assert {
        ("steering.Membership", "person"),
        ("steering.HistoricalMembership", "person"),
        ("regions.BuyOutAgreement", "membership"),
        ("steering.Person", "user"),
        ("mfa.Authenticator", "user"),
        ("admin.LogEntry", "user"),
    } <= relations
    assert len(relations) > 40


def test_every_section_names_real_fields_and_lookups():
    for section in installed_sections():
        model = apps.get_model(section.model)
        for name in section.fields or ():
            model._meta.get_field(name)
        for lookup, subject in section.lookups:
            name = lookup.split("__")[0]
            if name != "pk":
                field = model._meta.get_field(name)
                assert field.is_relation == (subject != "email"), section.key
        for name in section.also_covers:
            assert model._meta.get_field(name).is_relation, section.key
    assert all(reason for reason in NOT_EXPORTED.values())
    assert len({s.key for s in SECTIONS}) == len(SECTIONS)
    assert sections.CHANGES_MADE[0] not in {s.key for s in SECTIONS}


def test_a_new_relation_to_a_person_would_fail_the_check(monkeypatch):
    """Can fail: pretend a model gained a relation to Person that no section covers."""
    real = personal_relations()
    monkeypatch.setattr(
        "tests.privacy.test_export_completeness.personal_relations",
        lambda: real | {("steering.Meeting", "secretary")},
    )
    from tests.privacy import test_export_completeness as module

    missing = module.personal_relations() - covered_relations() - set(NOT_EXPORTED)
    assert missing == {("steering.Meeting", "secretary")}
