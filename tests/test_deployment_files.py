"""There is no Docker engine here, so check what we can of the compose file:
it names the five services, wires them to each other, and its commands name
things that exist in this codebase."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_web_worker_beat_postgres_and_redis():
    services = compose()["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    assert "gunicorn cme.wsgi" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A cme worker")
    assert services["beat"]["command"].startswith("celery -A cme beat")


def test_app_services_point_at_the_compose_database_and_broker():
    services = compose()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"] == "postgres://cme:cme@postgres:5432/cme"
        assert env["CELERY_BROKER_URL"] == "redis://redis:6379/0"
        assert set(services[name]["depends_on"]) == {"postgres", "redis"}
    postgres_env = services["postgres"]["environment"]
    assert (postgres_env["POSTGRES_USER"], postgres_env["POSTGRES_PASSWORD"], postgres_env["POSTGRES_DB"]) == ("cme", "cme", "cme")


def test_the_image_installs_the_pinned_requirements_and_pango_for_pdfs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements.txt" in dockerfile
    assert "libpango-1.0-0" in dockerfile
    assert "collectstatic" in dockerfile


def test_the_celery_app_named_by_compose_loads():
    from cme import celery_app

    assert celery_app.main == "cme"
    assert celery_app.conf.task_acks_late is True


def test_compose_loads_no_demo_accounts_unless_asked_and_listens_locally():
    web = compose()["services"]["web"]
    assert web["environment"]["SEED_DEMO"] == "${SEED_DEMO:-0}"
    assert web["environment"]["ALLOW_DEMO_DATA"] == "${ALLOW_DEMO_DATA:-false}"
    assert web["ports"] == ["127.0.0.1:8000:8000"]
