"""Factories for test data. They write rows directly: tests of services call the services."""

import datetime

import factory
from django.utils import timezone

from regions.models import Organisation, OrganisationKind, Region, RegionalAdministrator
from representatives.models import CircleMember
from rkkp_portal.accounts.models import User
from steering.models import ClinicalDatabase, Meeting, Membership, Person, SteeringGroup

REGION_NAMES = {
    "hovedstaden": ("Region Hovedstaden", "Capital Region of Denmark", 1),
    "sjaelland": ("Region Sjælland", "Region Zealand", 2),
    "syddanmark": ("Region Syddanmark", "Region of Southern Denmark", 3),
    "midtjylland": ("Region Midtjylland", "Central Denmark Region", 4),
    "nordjylland": ("Region Nordjylland", "North Denmark Region", 5),
}


def region(code: str) -> Region:
    """The seeded region (recreated if a transactional test flushed the table)."""
    name_da, name_en, order = REGION_NAMES[code]
    obj, _ = Region.objects.get_or_create(
        code=code, defaults={"name_da": name_da, "name_en": name_en, "sort_order": order}
    )
    return obj


def all_regions() -> list[Region]:
    return [region(code) for code in REGION_NAMES]


def organisation_kind(code: str) -> OrganisationKind:
    obj, _ = OrganisationKind.objects.get_or_create(
        code=code, defaults={"name_da": code, "name_en": code}
    )
    return obj


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@rkkp.example")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Hospital {n}")
    kind = factory.LazyFunction(lambda: organisation_kind("hospital"))
    region = factory.LazyFunction(lambda: region("hovedstaden"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Karen{n}")
    last_name = "Jensen"
    email = factory.Sequence(lambda n: f"person{n}@hospital.example")
    title = "Overlæge"
    profession = "physician"
    employer = factory.SubFactory(OrganisationFactory)
    region = factory.LazyAttribute(lambda p: p.employer.region if p.employer else None)


class DatabaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClinicalDatabase

    name = factory.Sequence(lambda n: f"Dansk Testdatabase {n}")
    acronym = factory.Sequence(lambda n: f"DTD{n}")
    slug = factory.Sequence(lambda n: f"dtd{n}")
    disease_area = "Testsygdomme"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringGroup

    database = factory.SubFactory(DatabaseFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    group = factory.SubFactory(GroupFactory)
    role = Membership.Role.MEMBER
    representing_region = factory.LazyFunction(lambda: region("hovedstaden"))
    appointing_body = Membership.AppointingBody.REGION
    term_start = datetime.date(2024, 1, 1)
    term_end = datetime.date(2027, 12, 31)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(GroupFactory)
    kind = Meeting.Kind.FULL_DAY
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + datetime.timedelta(hours=6))


def make_secretariat(**kwargs) -> User:
    return UserFactory(is_secretariat=True, is_staff=True, **kwargs)


def make_regional_admin(region_code: str, **kwargs) -> User:
    user = UserFactory(**kwargs)
    RegionalAdministrator.objects.create(user=user, region=region(region_code))
    return user


def make_circle_member(**kwargs) -> User:
    user = UserFactory(**kwargs)
    CircleMember.objects.create(user=user, title="Koncerndirektør")
    return user


def make_member_login(membership: Membership) -> User:
    user = UserFactory(email=membership.person.email)
    membership.person.user = user
    membership.person.save(update_fields=["user"])
    return user
