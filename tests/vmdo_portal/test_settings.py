"""Configuration from the environment, production checks and security headers."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from vmdo_portal.mail import mailers_from_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "portal.vmdo.de",
    "SITE_URL": "https://portal.vmdo.de",
    "CSRF_TRUSTED_ORIGINS": "https://portal.vmdo.de",
    "EMAIL_URL": "smtp://portal:secret@mail.example.org:587?tls=1",
    "REDIS_URL": "redis://cache.internal:6379/0",
}


# The browser tests allow Django's ORM next to Playwright's event loop; a deployment
# must not, and check --deploy says so, so the subprocesses here run without it.
NOT_INHERITED = {"DEBUG", "SECRET_KEY", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def clean_environment() -> dict:
    return {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}


def run_python(code: str, env: dict) -> subprocess.CompletedProcess:
    clean = clean_environment()
    clean["DJANGO_SETTINGS_MODULE"] = "vmdo_portal.settings"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


def settings_value(expression: str, env: dict) -> str:
    result = run_python(f"from django.conf import settings; print({expression})", env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run_python("from django.conf import settings; settings.SECRET_KEY", env)
    assert result.returncode == 1
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    env = {**PRODUCTION_ENV, "REDIS_URL": ""}
    result = run_python("from django.conf import settings; settings.CACHES", env)
    assert result.returncode == 1
    assert "REDIS_URL is not set" in result.stderr


def test_development_has_a_default_secret_key():
    value = settings_value("settings.SECRET_KEY", {"DEBUG": "1", "SECRET_KEY": ""})
    assert value == "development-only-insecure-key-do-not-use-in-production"


def test_production_refuses_to_start_without_mail_configuration():
    env = {**PRODUCTION_ENV, "EMAIL_URL": ""}
    result = run_python("from django.conf import settings; settings.MAILERS", env)
    assert result.returncode == 1
    assert "EMAIL_URL is not set" in result.stderr


def test_check_deploy_reports_no_issues_with_production_values():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean_environment(), **PRODUCTION_ENV},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_sqlite_default_runs_immediate_transactions():
    env = {"DEBUG": "1", "DATABASE_URL": ""}
    assert settings_value("settings.DATABASES['default']['ENGINE']", env) == (
        "django.db.backends.sqlite3"
    )
    assert settings_value("settings.DATABASES['default']['OPTIONS']", env) == (
        "{'transaction_mode': 'IMMEDIATE'}"
    )


def test_time_zone_and_languages():
    env = {"DEBUG": "1"}
    assert settings_value("settings.TIME_ZONE", env) == "Europe/Berlin"
    assert settings_value("settings.LANGUAGE_CODE", env) == "de"
    assert settings_value("[c for c, n in settings.LANGUAGES]", env) == (
        "['de', 'en', 'tr', 'ar', 'uk', 'ru', 'fa', 'pl']"
    )
    assert settings_value("settings.LANGUAGES_BIDI", env) == "['ar', 'fa']"


def test_redis_url_configures_a_cache_shared_between_processes():
    env = {"DEBUG": "1", "REDIS_URL": "redis://127.0.0.1:6379/15"}
    setup = (
        "import django; django.setup(); from django.core.cache import caches;c = caches['default'];"
    )
    writer = run_python(
        setup + "c.set('vmdo-settings-test', 'shared', 10); print(type(c).__name__)", env
    )
    if writer.returncode and "Connection refused" in writer.stderr:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    assert writer.returncode == 0, writer.stderr
    assert writer.stdout.strip() == "ResilientRedisCache"
    reader = run_python(
        setup + "print(c.get('vmdo-settings-test')); c.delete('vmdo-settings-test')", env
    )
    assert reader.stdout.strip() == "shared"


def test_smtp_url_becomes_a_mailers_entry():
    mailers = mailers_from_url("smtp://portal%40vmdo.de:s3cr%2Ft@mail.example.org:587?tls=1")
    assert mailers == {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": "mail.example.org",
                "port": 587,
                "use_ssl": False,
                "use_tls": True,
                "timeout": 10,
                "username": "portal@vmdo.de",
                "password": "s3cr/t",
            },
        }
    }


def test_smtps_and_console_urls():
    assert mailers_from_url("smtps://mail.example.org")["default"]["OPTIONS"] == {
        "host": "mail.example.org",
        "use_ssl": True,
        "use_tls": False,
        "timeout": 10,
    }
    assert mailers_from_url("console:") == {
        "default": {"BACKEND": "vmdo_portal.console_mail.EmailBackend"}
    }


@pytest.mark.parametrize("url", ["", "http://mail.example.org", "sendmail:"])
def test_bad_email_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured):
        mailers_from_url(url)


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/de/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp.split("; ")
    assert "style-src 'self'" in csp.split("; ")
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp.split("; ")
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Permissions-Policy"].startswith("accelerometer=(), camera=()")


@pytest.mark.django_db
def test_pages_have_no_inline_scripts_or_styles(client):
    html = client.get("/de/").content.decode()
    assert "<script>" not in html
    assert " style=" not in html
    assert "<style" not in html


@pytest.mark.django_db
def test_every_response_has_a_request_id_and_one_log_line(client, caplog):
    caplog.set_level("INFO", logger="vmdo_portal.requests")
    response = client.get("/de/", headers={"x-request-id": "lb-1234567890"})
    assert response["X-Request-ID"] == "lb-1234567890"
    [record] = [r for r in caplog.records if r.name == "vmdo_portal.requests"]
    assert (record.method, record.path, record.status, record.request_id) == (
        "GET",
        "/de/",
        200,
        "lb-1234567890",
    )
    hostile = client.get("/de/", headers={"x-request-id": "<script>"})
    assert len(hostile["X-Request-ID"]) == 32  # replaced by a fresh id


def test_production_logs_are_json_lines():
    code = (
        "import django, logging; django.setup();"
        "logging.getLogger('vmdo_portal.requests').info('GET / 200', extra={'status': 200})"
    )
    result = run_python(code, PRODUCTION_ENV)
    line = [entry for entry in result.stderr.splitlines() if entry.startswith("{")][-1]
    data = json.loads(line)
    assert (data["message"], data["status"], data["levelname"], data["request_id"]) == (
        "GET / 200",
        200,
        "INFO",
        "-",
    )


def test_production_profile_settings():
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://portal@db.internal:5432/vmdo",
        "DB_POOL": "1",
        "REDIS_URL": "redis://cache.internal:6379/0",
        "AWS_STORAGE_BUCKET_NAME": "vmdo-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
    }
    pool = "settings.DATABASES['default']['OPTIONS']['pool']"
    assert settings_value(f"{{k: v for k, v in {pool}.items() if k != 'check'}}", env) == (
        "{'min_size': 2, 'max_size': 10, 'timeout': 5.0, 'reconnect_timeout': 5.0}"
    )
    # Connections are checked when handed out (broken ones after a restart are replaced).
    assert settings_value(f"{pool}['check'].__qualname__", env) == "check_connection"
    # Sessions live in PostgreSQL (a Redis restart logs nobody out), cached in Redis.
    assert settings_value("settings.SESSION_ENGINE", env) == (
        "django.contrib.sessions.backends.cached_db"
    )
    assert settings_value("settings.CACHES['default']['BACKEND']", env) == (
        "vmdo_portal.cache.ResilientRedisCache"
    )
    assert (
        settings_value("settings.STORAGES['default']['BACKEND']", env)
        == "vmdo_portal.storage.PortalS3Storage"
    )
    assert settings_value("settings.STORAGES['staticfiles']['BACKEND']", env) == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_error_reporting_starts_only_with_a_dsn():
    code = "import django; django.setup(); import sentry_sdk; print(sentry_sdk.get_client().dsn)"
    without = run_python(code, PRODUCTION_ENV)
    assert without.stdout.strip() == "None"
    with_dsn = run_python(
        code, {**PRODUCTION_ENV, "SENTRY_DSN": "https://public@errors.example.org/1"}
    )
    assert with_dsn.stdout.strip() == "https://public@errors.example.org/1"
