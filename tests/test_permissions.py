"""Permission matrix: anonymous, authenticated non-staff and staff users against every API endpoint and
method, each expected status asserted; plus the admin, CSRF on session writes and token revocation.

The endpoints come from the OpenAPI schema (every DRF route is in it): a new endpoint, or a new
method on one, without an entry in ENDPOINTS fails `test_every_endpoint_has_expectations`.
"""

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from articles import duplicates
from articles.models import Article
from tests.factories import ArticleTopicFactory, MentionFactory, PersonFactory, QuoteFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db

TEXT = """Harbour reopens after storm repairs

The city harbour reopened on Monday after three weeks of repairs.

"We are back in business," said harbour master Ellen Brooks.
"""

ROLES = ["anonymous", "user", "staff"]
METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]

# Each endpoint's methods, with a valid request and the status a staff user gets. A read (GET; HEAD
# follows it; OPTIONS is answered everywhere) is 200 for everyone; a write is 401 anonymous, 403
# non-staff; a method an endpoint lacks is 405 (after the 401/403 for writes: permissions come first).
READ = (None, 200)
ENDPOINTS = {
    "/api/v1/articles/": {"GET": READ, "POST": (lambda data: {"data": TEXT, "content_type": "text/plain"}, 201)},
    "/api/v1/articles/{id}/": {"GET": READ, "DELETE": (None, 204)},
    "/api/v1/articles/{id}/reextract/": {"POST": (None, 200)},
    "/api/v1/people/": {"GET": READ},
    "/api/v1/people/{id}/": {"GET": READ, "PATCH": (lambda data: {"data": {"name": "Ellen B. Brooks"}, "format": "json"}, 200)},
    "/api/v1/people/{id}/articles/": {"GET": READ},
    "/api/v1/people/{id}/merge/": {"POST": (lambda data: {"data": {"ids": [data["other"].pk]}, "format": "json"}, 200)},
    "/api/v1/people/{id}/quotes/": {"GET": READ},
    "/api/v1/people/{id}/stats/": {"GET": READ},
    "/api/v1/people/{id}/statements/": {"GET": READ},
    "/api/v1/quotes/": {"GET": READ},
    "/api/v1/quotes/{id}/": {"GET": READ},
    "/api/v1/statements/": {"GET": READ},
    "/api/v1/statements/{id}/": {"GET": READ},
    "/api/v1/sources/": {"GET": READ},
    "/api/v1/sources/{slug}/": {"GET": READ},
    "/api/v1/stats/": {"GET": READ},
    "/api/v1/topics/": {"GET": READ},
    "/api/v1/topics/{slug}/": {"GET": READ},
    "/api/v1/topics/{slug}/people/": {"GET": READ},
}
# Representations at their own paths (`/quotes.csv`, `/articles/{id}.ninjs`): reads only.
ENDPOINTS.update(
    {
        f"{path.rstrip('/')}.{suffix}": {"GET": READ}
        for path in ENDPOINTS
        if "stats" not in path and "GET" in ENDPOINTS[path]
        for suffix in (("csv", "ninjs") if path == "/api/v1/articles/{id}/" else ("csv",))
    }
)
# API routes outside the schema: the browsable root, the schema itself and its docs pages.
EXTRA_ENDPOINTS = {
    "/api/v1/": "api",  # IsStaffOrReadOnly like the rest of the API
    "/api/v1/schema/": "open",  # drf-spectacular serves these to anyone and allows only GET
    "/api/v1/docs/": "open",
    "/api/v1/redoc/": "open",
}


def schema_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {(method.upper(), path) for path, operations in schema["paths"].items() for method in operations}


def expected_status(role, method, path):
    if path in EXTRA_ENDPOINTS:
        if method in ("GET", "HEAD") or (method == "OPTIONS" and path in ("/api/v1/", "/api/v1/schema/")):
            return 200
        if EXTRA_ENDPOINTS[path] == "open":
            return 405
        return {"anonymous": 401, "user": 403, "staff": 405}[role]
    allowed = ENDPOINTS[path]
    if method == "OPTIONS":
        return 200
    if method in ("GET", "HEAD"):
        return 200 if "GET" in allowed else 405
    if role == "anonymous":
        return 401
    if role == "user":
        return 403
    return allowed[method][1] if method in allowed else 405


def test_every_endpoint_has_expectations():
    documented = schema_operations()
    expected = {(method, path) for path, methods in ENDPOINTS.items() for method in methods}
    assert documented == expected


@pytest.fixture
def data(db):
    source = SourceFactory(name="Coast News")
    person, other = PersonFactory(name="Ellen Brooks"), PersonFactory(name="E. Brooks")
    quote = QuoteFactory(speaker=person, article__source=source)
    topic = TopicFactory(name="politics", kind="subject")
    ArticleTopicFactory(article=quote.article, topic=topic)
    MentionFactory(article=quote.article, person=person)
    duplicates.copies_assign(article=quote.article, quotes=[quote])
    quote.refresh_from_db()
    return {"article": quote.article, "person": person, "other": other, "quote": quote, "topic": topic, "source": source}


def concrete(path, data):
    if path.startswith("/api/v1/articles/"):
        value = data["article"].pk
    elif path.startswith("/api/v1/people/"):
        value = data["person"].pk
    elif path.startswith("/api/v1/quotes/"):
        value = data["quote"].pk
    elif path.startswith("/api/v1/statements/"):
        value = data["quote"].statement_id
    elif path.startswith("/api/v1/topics/"):
        value = data["topic"].slug
    else:
        value = data["source"].slug
    return path.replace("{id}", str(value)).replace("{slug}", str(value))


def client_for(role, django_user_model):
    client = APIClient()
    if role != "anonymous":
        user = django_user_model.objects.create(username=role, is_staff=role == "staff")  # no password: fast
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


MATRIX = [
    (role, method, path) for path in [*ENDPOINTS, *EXTRA_ENDPOINTS] for method in METHODS for role in ROLES
]


@pytest.mark.parametrize(("role", "method", "path"), MATRIX, ids=[f"{r}-{m}-{p}" for r, m, p in MATRIX])
def test_permission_matrix(role, method, path, data, django_user_model, monkeypatch):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, "anon": None})
    if path == "/api/v1/articles/{id}/reextract/" and role == "staff" and method == "POST":
        from articles import services
        from articles.extraction.document import SourceText

        stored = services.article_import(source=SourceText(text=TEXT, origin="test", format="txt", is_page_text=True))
        data = {**data, "article": stored.article}
    client = client_for(role, django_user_model)
    url = concrete(path, data)
    request = ENDPOINTS.get(path, {}).get(method)
    kwargs = request[0](data) if request and request[0] else {}
    response = getattr(client, method.lower())(url, **kwargs)
    expected = expected_status(role, method, path)
    assert response.status_code == expected, (role, method, url, response.content[:300])
    if expected in (401, 403, 405) and path not in EXTRA_ENDPOINTS:
        assert response["Content-Type"] == "application/problem+json"
        if method != "HEAD":  # no body
            assert response.json()["status"] == expected
    if expected == 401:
        assert response.has_header("WWW-Authenticate")
    if expected == 405:
        assert method not in response["Allow"]


def test_matrix_covers_every_role_method_and_endpoint():
    assert len(MATRIX) == len(ROLES) * len(METHODS) * (len(ENDPOINTS) + len(EXTRA_ENDPOINTS))


# --- the admin ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/admin/", "/admin/articles/article/", "/admin/authtoken/tokenproxy/"])
def test_admin_is_for_staff_only(client, django_user_model, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))

    django_user_model.objects.create_user("reader", password="a-long-password")
    client.login(username="reader", password="a-long-password")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))

    django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password")
    client.login(username="editor", password="a-long-password")
    assert client.get(url).status_code == 200


def test_non_staff_cannot_log_in_to_the_admin(client, django_user_model):
    django_user_model.objects.create_user("reader", password="a-long-password")
    response = client.post(reverse("admin:login"), {"username": "reader", "password": "a-long-password"})
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session or not client.get("/admin/").status_code == 200


# --- CSRF on session writes ------------------------------------------------------------------------


def test_session_writes_need_the_csrf_token(data, django_user_model):
    django_user_model.objects.create_user("editor", password="a-long-password", is_staff=True)
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="editor", password="a-long-password")
    url = f"/api/v1/people/{data['person'].pk}/"

    response = client.patch(url, {"name": "Ellen B. Brooks"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    response = client.delete(f"/api/v1/articles/{data['article'].pk}/")
    assert response.status_code == 403
    assert Article.objects.filter(pk=data["article"].pk).exists()

    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token  # as a page with a form would have set it
    response = client.patch(url, {"name": "Ellen B. Brooks"}, format="json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200
    assert response.json()["name"] == "Ellen B. Brooks"


def test_token_writes_need_no_csrf_token(data, django_user_model):
    user = django_user_model.objects.create_user("editor", password="a-long-password", is_staff=True)
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    response = client.patch(f"/api/v1/people/{data['person'].pk}/", {"name": "Ellen B. Brooks"}, format="json")
    assert response.status_code == 200


# --- token revocation ------------------------------------------------------------------------------


def test_a_deleted_token_is_refused(data, django_user_model):
    user = django_user_model.objects.create_user("editor", password="a-long-password", is_staff=True)
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = f"/api/v1/people/{data['person'].pk}/"
    assert client.patch(url, {"name": "Ellen B. Brooks"}, format="json").status_code == 200

    token.delete()
    response = client.patch(url, {"name": "Ellen Brooks"}, format="json")
    assert response.status_code == 401
    assert response.json()["detail"] == "Invalid token."
    # Reads are open, but a revoked token is refused there too rather than ignored.
    assert client.get(url).status_code == 401
