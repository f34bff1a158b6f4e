"""The one settings module switches set-ups by environment alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = {
    "DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS", "HTTPS", "DEBUG",
    "EMAIL_URL", "CACHE_URL", "STATIC_MANIFEST", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE",
}
PRODUCTION = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "SECRET_KEY": "a-production-secret-" + "x" * 50,
    "ALLOWED_HOSTS": "cme.example.gov.uk",
    "HTTPS": "true",
    "EMAIL_URL": "smtp+tls://cme:secret@smtp.example.gov.uk:587",
}

PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "email": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
    "hsts": settings.SECURE_HSTS_SECONDS,
}))
"""


def run(args, extra_env):
    env = {k: v for k, v in os.environ.items() if k not in OURS}
    env.update(extra_env, DJANGO_SETTINGS_MODULE="cme.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def probe(extra_env):
    result = run(["-c", PROBE], extra_env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_with_nothing_set_it_runs_the_embedded_default():
    found = probe({})
    assert found == {
        "engine": "django.db.backends.sqlite3",
        "eager": True,
        "email": "django.core.mail.backends.console.EmailBackend",
        "debug": False,
        "hsts": 0,
    }


def test_production_variables_switch_to_postgresql_redis_and_smtp():
    found = probe(PRODUCTION)
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["eager"] is False
    assert found["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert found["hsts"] >= 31536000


def test_debug_is_on_only_when_asked():
    assert probe({"DEBUG": "true"})["debug"] is True


def test_check_deploy_is_clean_with_production_variables():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_embedded_default_secret_key():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], {})
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout
