"""The environment readers settings.py is built from: what each accepts, refuses and
defaults to. (What a deployment gets from a whole environment is tests/test_settings.py.)"""

import pytest
from django.core.exceptions import ImproperlyConfigured

from rkkp_portal.environment import env_bool, env_int, env_list, env_str, required_secret


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "on", " True "])
def test_env_bool_reads_true(monkeypatch, raw):
    monkeypatch.setenv("FLAG", raw)

    assert env_bool("FLAG", default=False) is True


@pytest.mark.parametrize("raw", ["0", "false", "Off", ""])
def test_env_bool_reads_false(monkeypatch, raw):
    monkeypatch.setenv("FLAG", raw)

    assert env_bool("FLAG", default=True) is False


@pytest.mark.parametrize("raw", ["yes", "no", "ture", "2"])
def test_env_bool_rejects_words_it_does_not_know(monkeypatch, raw):
    monkeypatch.setenv("FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_bool_falls_back_to_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("FLAG", raising=False)

    assert env_bool("FLAG", default=True) is True
    assert env_bool("FLAG", default=False) is False


def test_env_int_reads_whole_numbers_and_defaults_when_empty(monkeypatch):
    monkeypatch.setenv("NUMBER", "42")
    assert env_int("NUMBER", 7) == 42

    monkeypatch.setenv("NUMBER", " ")
    assert env_int("NUMBER", 7) == 7

    monkeypatch.delenv("NUMBER")
    assert env_int("NUMBER", 7) == 7


def test_env_int_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("NUMBER", "4.5")

    with pytest.raises(ImproperlyConfigured, match="NUMBER must be a whole number"):
        env_int("NUMBER", 7)


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ITEMS", " a, b ,, c ")

    assert env_list("ITEMS") == ["a", "b", "c"]


def test_env_list_distinguishes_unset_from_empty(monkeypatch):
    monkeypatch.delenv("ITEMS", raising=False)
    assert env_list("ITEMS", ["default"]) == ["default"]
    assert env_list("ITEMS") == []

    monkeypatch.setenv("ITEMS", "")
    assert env_list("ITEMS", ["default"]) == []


def test_env_list_does_not_share_its_default(monkeypatch):
    monkeypatch.delenv("ITEMS", raising=False)
    default = ["a"]

    env_list("ITEMS", default).append("b")

    assert default == ["a"]


def test_env_str_returns_the_value_or_the_default(monkeypatch):
    monkeypatch.delenv("TEXT", raising=False)
    assert env_str("TEXT", "fallback") == "fallback"

    monkeypatch.setenv("TEXT", "value")
    assert env_str("TEXT", "fallback") == "value"


def test_required_secret_uses_the_given_value(monkeypatch):
    monkeypatch.setenv("TOKEN", "s3cret")

    assert required_secret("TOKEN", debug=False, debug_default="dev") == "s3cret"


def test_required_secret_falls_back_only_in_debug(monkeypatch):
    monkeypatch.delenv("TOKEN", raising=False)

    assert required_secret("TOKEN", debug=True, debug_default="dev") == "dev"
    with pytest.raises(ImproperlyConfigured, match="TOKEN must be set when DEBUG is off"):
        required_secret("TOKEN", debug=False, debug_default="dev")


def test_required_secret_treats_an_empty_value_as_missing(monkeypatch):
    monkeypatch.setenv("TOKEN", "")

    with pytest.raises(ImproperlyConfigured):
        required_secret("TOKEN", debug=False, debug_default="dev")
