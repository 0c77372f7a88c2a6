import pytest
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


def test_anonymous_requests_over_the_rate_get_429_with_retry_after(api, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "3/minute"})
    statuses = [api.get("/api/v1/sources/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/v1/sources/")
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/problem+json"


def test_cors_allows_get_from_any_origin_on_the_api(api):
    response = api.get("/api/v1/sources/", HTTP_ORIGIN="https://newsroom.example")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_does_not_cover_the_admin(client):
    response = client.get("/admin/login/", HTTP_ORIGIN="https://newsroom.example")
    assert "Access-Control-Allow-Origin" not in response


def test_anonymous_write_is_401_and_non_staff_write_is_403(api, django_user_model):
    assert api.post("/api/v1/sources/", {}).status_code == 401
    user = django_user_model.objects.create_user("reader", password="a-long-password")
    api.force_authenticate(user)
    assert api.post("/api/v1/sources/", {}).status_code == 403
