"""Passwords: at least 12 characters, none from the leaked-password list (offline), in Danish."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rkkp_portal.accounts.passwords import LIST_PATH, CommonPasswordValidator, common_passwords
from rkkp_portal.accounts.services import create_login
from tests.security.helpers import PASSWORD, sign_in, signed_in_user_id


def change_password(client, user, new_password: str):
    client.force_login(user)
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )


def errors(response) -> list[str]:
    return response.context["form"].errors["password1"]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        # 11 characters: long enough before, one short now.
        ("Blaa-hvalen", "Den skal indeholde mindst 12 tegn"),
        # Leaked passwords of 12 or more characters that Django's 20,000 do not hold.
        ("nowomannocry", "findes på lister over lækkede adgangskoder"),
        ("AvengedSevenfold", "findes på lister over lækkede adgangskoder"),
        # A leaked word with digits and symbols around it.
        ("Sommer2024!!", "et almindeligt ord eller en almindelig adgangskode"),
        ("!!Jennifer1990", "et almindeligt ord eller en almindelig adgangskode"),
        # A word anyone guessing at this portal tries first.
        ("Styregruppe2026", "et almindeligt ord eller en almindelig adgangskode"),
        ("abababababab", "for få forskellige tegn"),
    ],
)
def test_a_weak_password_is_refused_with_a_danish_reason(client, member, password, message):
    response = change_password(client, member, password)

    assert response.status_code == 200
    assert any(message in error for error in errors(response)), errors(response)
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_a_long_uncommon_password_is_accepted_and_works(client, second_client, member):
    new_password = "kaffe og kage hver tirsdag"

    response = change_password(client, member, new_password)

    assert response.status_code == 302
    sign_in(second_client, member, password=new_password)
    assert signed_in_user_id(second_client) == str(member.pk)


def test_the_secretariat_cannot_create_a_login_with_a_short_password(secretariat):
    with pytest.raises(ValidationError) as refused:
        create_login(actor=secretariat, email="ny@hospital.example", password="kort-men-ok")

    assert "password" in refused.value.message_dict


def test_the_list_is_large_offline_and_compact():
    passwords = common_passwords()

    assert len(passwords) > 400_000
    assert LIST_PATH.exists() and LIST_PATH.stat().st_size < 2_000_000
    assert (LIST_PATH.parent / "README.md").exists()  # source and licence
    assert "123456" in passwords and "nowomannocry" in passwords
    assert "kaffe og kage hver tirsdag" not in passwords
    assert passwords._hashes.itemsize * len(passwords) < 4_000_000  # bytes held


def test_a_password_is_checked_case_insensitively_and_without_surrounding_spaces():
    validator = CommonPasswordValidator()
    for password in ("NoWomanNoCry", " nowomannocry "):
        with pytest.raises(ValidationError):
            validator.validate(password)
    validator.validate("kaffe og kage hver tirsdag")
