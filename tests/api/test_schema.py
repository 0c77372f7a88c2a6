import pytest

pytestmark = pytest.mark.django_db


def test_schema_documents_every_filter_parameter(api):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/articles/"]["get"]["parameters"]}
    for name in ("source", "author", "person", "topic", "published_after", "published_before", "has_quotes", "q", "ordering", "page_size"):
        assert name in params, name
        assert params[name].get("description"), name


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_use_no_external_cdn(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_every_parameter_of_every_operation_has_a_description(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    undocumented = [
        (path, parameter["name"])
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert undocumented == []
