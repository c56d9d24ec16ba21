"""docker-compose.yml: the services, their commands, health checks, volumes and secrets."""

import re

import pytest
import yaml

from tests.deployment.files import ROOT, command_text, duration_seconds, load_compose

COMPOSE = load_compose()
SERVICES = COMPOSE["services"]
PORTAL_SERVICES = ["web", "worker", "beat"]
LONG_RUNNING = ["web", "worker", "beat", "postgres", "redis", "cache"]


def test_it_runs_exactly_the_portal_services_a_migration_job_and_their_backing_stores():
    assert set(SERVICES) == {
        "migrate",
        "web",
        "worker",
        "beat",
        "postgres",
        "redis",
        "cache",
        "backup",
    }


def test_web_serves_the_wsgi_app_with_gunicorn_and_the_repositorys_configuration():
    assert command_text(SERVICES["web"]) == "gunicorn rkkp_portal.wsgi -c gunicorn.conf.py"
    assert (ROOT / "gunicorn.conf.py").is_file()


def test_the_port_the_web_health_check_asks_is_the_one_gunicorn_binds_and_compose_publishes():
    web = SERVICES["web"]
    bind_port = web["environment"]["GUNICORN_BIND"].rpartition(":")[2]
    [published] = web["ports"]
    assert published.rpartition(":")[2] == bind_port == "8000"
    # Published on the host's loopback unless WEB_BIND_ADDRESS says otherwise: only the TLS
    # proxy should reach a port where X-Forwarded-Proto is believed.
    assert published.startswith("${WEB_BIND_ADDRESS:-127.0.0.1}:")


def test_worker_runs_a_celery_worker_for_the_portal_app():
    assert command_text(SERVICES["worker"]).startswith("celery -A rkkp_portal worker ")


def test_exactly_one_service_runs_beat_with_one_replica_and_its_schedule_on_the_volume():
    beats = [name for name, svc in SERVICES.items() if " beat" in command_text(svc)]
    assert beats == ["beat"]
    beat = SERVICES["beat"]
    assert beat["deploy"]["replicas"] == 1
    schedule = re.search(r"--schedule (\S+)", command_text(beat))[1]
    assert schedule.startswith("/app/var/")
    assert "portal-var:/app/var" in beat["volumes"]


def test_migrations_run_once_before_web_worker_and_beat_start():
    migrate = SERVICES["migrate"]
    assert command_text(migrate) == "python manage.py migrate --noinput"
    assert migrate["restart"] == "no"
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    for name in PORTAL_SERVICES:
        assert SERVICES[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"},
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
            "cache": {"condition": "service_healthy"},
        }, name
        assert "migrate" not in command_text(SERVICES[name]), name


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_every_long_running_service_restarts_and_has_a_sensible_health_check(name):
    service = SERVICES[name]
    assert service["restart"] == "unless-stopped"
    check = service["healthcheck"]
    assert not check.get("disable")
    assert check["test"][0] in {"CMD", "CMD-SHELL"} and len(check["test"]) > 1
    interval = duration_seconds(check["interval"])
    timeout = duration_seconds(check["timeout"])
    assert 5 <= interval <= 120
    assert 0 < timeout < interval
    assert 1 <= check["retries"] <= 10
    assert "start_period" in check


def test_the_web_health_check_asks_the_health_page():
    code = SERVICES["web"]["healthcheck"]["test"][-1]
    assert '"/health/"' in code
    assert "status == 200" in code


def test_worker_and_beat_health_checks_ping_their_own_node_over_the_broker():
    worker = SERVICES["worker"]["healthcheck"]["test"]
    beat = SERVICES["beat"]["healthcheck"]["test"]
    assert "inspect ping -d celery@$$HOSTNAME" in worker[1]
    assert "inspect ping -d celerybeat@$$HOSTNAME" in beat[1]
    # Beat answers pings (and stops answering when its scheduler stalls) only when asked.
    assert "--enable-remote-control" in command_text(SERVICES["beat"])


def test_redis_persists_every_write_and_never_evicts_queued_tasks():
    command = command_text(SERVICES["redis"])
    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command
    assert "redis-data:/data" in SERVICES["redis"]["volumes"]


def test_the_cache_is_a_redis_of_its_own_that_evicts_when_full_and_keeps_nothing_on_disk():
    cache = SERVICES["cache"]
    command = command_text(cache)
    assert "--maxmemory ${CACHE_MAXMEMORY:-128mb}" in command
    assert "--maxmemory-policy allkeys-lru" in command
    assert "--appendonly no" in command and "volumes" not in cache
    assert "ports" not in cache
    assert cache["healthcheck"]["test"] == SERVICES["redis"]["healthcheck"]["test"]


def test_the_portal_services_use_the_cache_service_and_the_broker_apart():
    environment = COMPOSE["x-portal"]["environment"]
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["CACHE_URL"] == "${CACHE_URL:-redis://cache:6379/0}"


def test_postgres_keeps_its_data_in_a_named_volume_and_neither_store_is_published():
    assert "postgres-data:/var/lib/postgresql/data" in SERVICES["postgres"]["volumes"]
    assert "ports" not in SERVICES["postgres"]
    assert "ports" not in SERVICES["redis"]
    assert "ports" not in SERVICES["cache"]


def test_every_volume_a_service_mounts_is_a_declared_named_volume():
    declared = set(COMPOSE["volumes"])
    mounted = set()
    for name, service in SERVICES.items():
        for mount in service.get("volumes", []):
            source = mount.split(":")[0]
            assert not source.startswith(("/", ".")), f"{name} bind-mounts {source}"
            mounted.add(source)
    assert (
        mounted
        == declared
        == {
            "portal-var",
            "postgres-data",
            "redis-data",
            "backups",
        }
    )


def test_the_portal_services_read_their_settings_from_env_and_get_the_urls_from_compose():
    for name in ["migrate", *PORTAL_SERVICES]:
        service = SERVICES[name]
        assert service["env_file"] == ".env"
        assert service["environment"]["REDIS_URL"] == "redis://redis:6379/0"
        assert service["environment"]["DATABASE_URL"].endswith("@postgres:5432/rkkp")


def test_no_secret_is_written_in_the_file():
    for name, service in SERVICES.items():
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"PASSWORD|SECRET|TOKEN|KEY", key):
                assert re.fullmatch(r"\$\{[A-Z_]+:\?[^}]+\}", str(value)), (name, key)
        url = (service.get("environment") or {}).get("DATABASE_URL", "")
        if url:
            password = re.match(r"postgres://[^:]+:(.*)@", url)[1]
            assert password.startswith("${POSTGRES_PASSWORD:?"), name
    # SECRET_KEY comes from .env alone (comments may name it).
    assert "SECRET_KEY" not in yaml.safe_dump(COMPOSE)


def test_stopping_gives_requests_and_tasks_time_to_finish():
    assert duration_seconds(SERVICES["web"]["stop_grace_period"]) > 30  # graceful_timeout
    assert duration_seconds(SERVICES["worker"]["stop_grace_period"]) >= 90  # task time limit
