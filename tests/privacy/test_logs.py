"""Log lines of the outbox and the tasks name letters by id, never by address or name."""

import ast
import logging
import smtplib
from pathlib import Path

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from steering.models import Message
from steering.privacy.redaction import RedactedError, describe_error, redact_addresses

pytestmark = pytest.mark.django_db

ADDRESS = "karen.refused@hospital.example"
ROOT = Path(__file__).resolve().parents[2]
LOGGING_MODULES = (
    "steering/letters/outbox.py",
    "steering/letters/delivery.py",
    "steering/letters/tasks.py",
    "steering/tasks.py",
    "regions/tasks.py",
)


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient for now (a 4xx, so the letter is tried
    again) and quotes the address, as real ones do."""

    code = 450

    def send_messages(self, messages):
        recipient = messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused(
            {recipient: (self.code, f"4.2.1 <{recipient}>: Mailbox busy".encode())}
        )


class BouncingBackend(RefusingBackend):
    """A permanent refusal (5xx): the letter fails at once as a bounce."""

    code = 550


@pytest.fixture
def refusing_mail(settings):
    settings.EMAIL_BACKEND = "tests.privacy.test_logs.RefusingBackend"
    from steering.letters.delivery import held_connection

    held_connection.drop()
    yield
    held_connection.drop()


def make_letter(key: str = "k") -> Message:
    return Message.objects.create(
        kind="notice",
        idempotency_key=key,
        recipient_email=ADDRESS,
        subject="Besked",
        body_text="Kære Karen Refused",
    )


def test_a_description_of_a_mail_error_has_no_address():
    error = smtplib.SMTPRecipientsRefused({ADDRESS: (550, f"<{ADDRESS}> unknown".encode())})
    assert ADDRESS in str(error)
    described = describe_error(error)
    assert ADDRESS not in described and described.startswith("SMTPRecipientsRefused: ")
    assert redact_addresses("to a.b+c@d.dk, e@f.example") == "to <address>, <address>"
    assert ADDRESS not in repr(RedactedError.of(error))


def test_a_failed_delivery_logs_the_letter_id_only(refusing_mail, caplog):
    from steering.letters.tasks import deliver_message

    letter = make_letter()
    with caplog.at_level(logging.DEBUG):
        assert deliver_message.apply(args=[letter.pk]).get() is False
    assert str(letter.pk) in caplog.text and "SMTPRecipientsRefused" in caplog.text
    assert ADDRESS not in caplog.text and "Karen" not in caplog.text


def test_a_failed_batch_logs_the_letter_id_only(refusing_mail, caplog):
    from steering.letters.tasks import deliver_batch

    letters = [make_letter("a"), make_letter("b")]
    with caplog.at_level(logging.DEBUG):
        deliver_batch.apply(args=[[m.pk for m in letters]]).get()
    assert "SMTPRecipientsRefused" in caplog.text
    assert ADDRESS not in caplog.text


def test_a_bounce_is_logged_and_kept_without_the_address(settings, caplog):
    from steering.letters.delivery import held_connection
    from steering.letters.tasks import deliver_message

    settings.EMAIL_BACKEND = "tests.privacy.test_logs.BouncingBackend"
    held_connection.drop()
    letter = make_letter()
    with caplog.at_level(logging.DEBUG):
        deliver_message.apply(args=[letter.pk]).get()
    held_connection.drop()
    letter.refresh_from_db()
    assert letter.status == Message.Status.FAILED and letter.bounced
    assert ADDRESS not in caplog.text


def test_the_reason_celery_logs_for_a_retry_has_no_address(refusing_mail, monkeypatch):
    from steering.letters.tasks import deliver_message

    letter = make_letter()
    reasons = []

    def fake_retry(**kwargs):
        reasons.append(kwargs["exc"])
        return RuntimeError("retry")

    monkeypatch.setattr(deliver_message, "retry", fake_retry)
    deliver_message.push_request(is_eager=False, retries=0)
    try:
        with pytest.raises(RuntimeError):
            deliver_message.run(letter.pk)
    finally:
        deliver_message.pop_request()
    assert isinstance(reasons[0], RedactedError)
    assert ADDRESS not in repr(reasons[0]) and "SMTPRecipientsRefused" in str(reasons[0])


def test_the_final_failure_is_logged_without_the_address(refusing_mail, caplog, monkeypatch):
    from steering.letters import delivery
    from steering.letters.tasks import deliver_message

    letter = make_letter()
    Message.objects.filter(pk=letter.pk).update(attempts=delivery.MAX_ATTEMPTS - 1)
    deliver_message.push_request(is_eager=False, retries=0)
    try:
        with caplog.at_level(logging.DEBUG):
            assert deliver_message.run(letter.pk) is False
    finally:
        deliver_message.pop_request()
    assert "failed for good" in caplog.text and ADDRESS not in caplog.text


# Names whose values carry personal data; a log call may pass them only through
# describe_error (or not at all).
PERSONAL_NAMES = ("email", "recipient", "name", "person", "subject", "body", "exc", "error")


def logger_arguments(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("logger", "log", "logging")
        ):
            yield node.lineno, node.args[1:]


@pytest.mark.parametrize("module", LOGGING_MODULES)
def test_no_log_call_passes_personal_data(module):
    leaks = []
    for line, arguments in logger_arguments(ROOT / module):
        for argument in arguments:
            if (
                isinstance(argument, ast.Call)
                and getattr(argument.func, "id", "") == "describe_error"
            ):
                continue
            text = ast.unparse(argument).lower()
            if any(word in text for word in PERSONAL_NAMES):
                leaks.append(f"{module}:{line}: {ast.unparse(argument)}")
    assert leaks == []


def test_the_static_check_would_catch_a_leak(tmp_path):
    leaky = tmp_path / "leaky.py"
    leaky.write_text(
        "logger.warning('sent to %s', message.recipient_email)\n"
        "logger.info('done %s', describe_error(exc))\n"
    )
    found = [ast.unparse(a) for _, args in logger_arguments(leaky) for a in args]
    assert found == ["message.recipient_email", "describe_error(exc)"]
