"""Production settings, health check, request logs and a database that goes away."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-enough-8f3k2j5h6g7d",
    "ALLOWED_HOSTS": "news.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://news.example.org",
}


def manage(*args, env=None):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsapi.settings", **(env or {})}
    environment.pop("DATABASE_URL", None) if env is None else None
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=environment, capture_output=True, text=True)


def test_check_deploy_reports_no_warnings_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_start_up_fails_clearly_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_database_errors_answer_503_problem_and_the_next_request_recovers(client, monkeypatch):
    from articles.api.views import ArticleViewSet

    def broken(self):
        raise OperationalError("server closed the connection unexpectedly")

    with monkeypatch.context() as patched:
        patched.setattr(ArticleViewSet, "get_queryset", broken)
        response = client.get("/api/v1/articles/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"]
    assert response.json()["status"] == 503
    assert client.get("/api/v1/articles/").status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="kills a real server connection")
@pytest.mark.django_db(transaction=True)
def test_killed_database_connection_gives_503_then_recovers(client):
    from django.db import connections

    client.get("/healthz")  # open the connection
    pid = connection.connection.info.backend_pid
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"],
                         dbname=settings["NAME"], autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 200
    connections.close_all()


@pytest.mark.django_db
def test_each_request_is_logged_as_structured_data(client, caplog):
    from newsapi.logs import JsonFormatter

    with caplog.at_level(logging.INFO, logger="newsapi.requests"):
        client.get("/api/v1/sources/")
    (record,) = [r for r in caplog.records if r.name == "newsapi.requests"]
    entry = json.loads(JsonFormatter().format(record))
    assert entry["method"] == "GET" and entry["path"] == "/api/v1/sources/" and entry["status"] == 200
    assert entry["duration_ms"] >= 0


def test_gunicorn_configuration_loads():
    env = {**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "newsapi.settings"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "gunicorn"), "--check-config", "-c", str(ROOT / "gunicorn.conf.py"),
         "newsapi.wsgi:application"],
        env=env, capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_overlong_query_string_is_414_problem(client):
    response = client.get("/api/v1/articles/", {"q": "x" * 5000})
    assert response.status_code == 414
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_oversized_body_is_413_problem(client, settings):
    response = client.generic("POST", "/api/v1/articles/", b"x" * 100, content_type="text/plain",
                              CONTENT_LENGTH=str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_throttle_counts_are_shared_through_redis_when_cache_url_is_set():
    redis_url = os.environ.get("CACHE_TEST_URL", "redis://127.0.0.1:6379/14")
    code = (
        "from django.core.cache import cache; from django.conf import settings;"
        "print(settings.CACHES['default']['BACKEND']);"
        "cache.set('newsapi-cache-check', 41); print(cache.incr('newsapi-cache-check'))"
    )
    result = manage("shell", "-c", code, env={"CACHE_URL": redis_url})
    if result.returncode != 0 and "Connection refused" in result.stderr and os.environ.get("CI") != "true":
        pytest.skip("no Redis on this machine")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["django.core.cache.backends.redis.RedisCache", "42"]
