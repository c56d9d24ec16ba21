"""gunicorn.conf.py yields the documented workers and timeouts from the environment."""

import datetime
import multiprocessing
import runpy
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from tests.deployment.files import ROOT

VARIABLES = [
    "GUNICORN_BIND",
    "GUNICORN_WORKERS",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_MAX_REQUESTS_JITTER",
    "FORWARDED_ALLOW_IPS",
    "LOG_LEVEL",
]


def load(monkeypatch, **environment) -> SimpleNamespace:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return SimpleNamespace(**{k: v for k, v in namespace.items() if not k.startswith("__")})


def test_the_defaults_are_the_documented_ones(monkeypatch):
    conf = load(monkeypatch)
    assert conf.bind == "0.0.0.0:8000"
    assert conf.workers == min(multiprocessing.cpu_count() * 2 + 1, 8)
    assert conf.threads == 1
    assert conf.timeout == 60
    assert conf.graceful_timeout == 30
    assert conf.keepalive == 5
    assert (conf.max_requests, conf.max_requests_jitter) == (1000, 100)
    assert conf.forwarded_allow_ips == "127.0.0.1"
    assert conf.loglevel == "info"


def test_every_value_follows_its_environment_variable(monkeypatch):
    conf = load(
        monkeypatch,
        GUNICORN_BIND="127.0.0.1:9001",
        GUNICORN_WORKERS="5",
        GUNICORN_THREADS="4",
        GUNICORN_TIMEOUT="120",
        GUNICORN_GRACEFUL_TIMEOUT="20",
        GUNICORN_KEEPALIVE="2",
        GUNICORN_MAX_REQUESTS="500",
        GUNICORN_MAX_REQUESTS_JITTER="50",
        FORWARDED_ALLOW_IPS="10.0.0.2",
        LOG_LEVEL="WARNING",
    )
    assert conf.bind == "127.0.0.1:9001"
    assert (conf.workers, conf.threads) == (5, 4)
    assert (conf.timeout, conf.graceful_timeout, conf.keepalive) == (120, 20, 2)
    assert (conf.max_requests, conf.max_requests_jitter) == (500, 50)
    assert conf.forwarded_allow_ips == "10.0.0.2"
    assert conf.loglevel == "warning"


def test_web_concurrency_counts_only_when_gunicorn_workers_is_unset(monkeypatch):
    assert load(monkeypatch, WEB_CONCURRENCY="3").workers == 3
    assert load(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_WORKERS="6").workers == 6


def test_a_number_that_is_not_one_stops_the_server_with_the_variables_name(monkeypatch):
    with pytest.raises(SystemExit, match="GUNICORN_TIMEOUT must be a whole number"):
        load(monkeypatch, GUNICORN_TIMEOUT="60s")


def test_gunicorn_itself_accepts_every_setting_in_the_file(monkeypatch):
    conf = load(monkeypatch, GUNICORN_WORKERS="3")
    config = Config()
    for name, value in vars(conf).items():
        if name in config.settings:
            config.set(name, value)  # runs gunicorn's validator for the setting
    assert config.workers == 3
    assert config.logger_class is conf.AccessLogger


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/me/calendar/Zx9-secret_token.ics", "/me/calendar/***.ics"),
        ("/me/calendar/Zx9-secret_token/groups/12.ics", "/me/calendar/***/groups/12.ics"),
        ("/me/calendar/", "/me/calendar/"),
        ("/meetings/4/calendar.ics", "/meetings/4/calendar.ics"),
        ("/people/", "/people/"),
    ],
)
def test_the_access_log_masks_calendar_tokens_and_leaves_out_query_strings(
    monkeypatch, path, logged
):
    conf = load(monkeypatch)
    config = Config()
    config.set("access_log_format", conf.access_log_format)
    logger = conf.AccessLogger(config)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?q=Jens+Hansen",
        "PATH_INFO": path,
        "QUERY_STRING": "q=Jens+Hansen",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_REFERER": "https://portal.example/people/?q=Jens+Hansen",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    response = SimpleNamespace(status="200 OK", headers=[], sent=123)
    request = SimpleNamespace(headers=[])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(0))
    line = conf.access_log_format % logger.atoms_wrapper_class(atoms)
    assert f'"GET {logged}" 200 123 0ms' in line
    for leaked in ["Jens", "secret_token", "192.0.2.7", "Mozilla"]:
        assert leaked not in line
