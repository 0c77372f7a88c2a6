"""Every 4xx answer is RFC 9457 problem details naming what was wrong."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_unknown_query_parameter_is_400_naming_it(api):
    response = api.get("/api/v1/articles/", {"sourse": "lbc", "page_size": 5})
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert [error["parameter"] for error in body["errors"]] == ["sourse"]
    assert "source" in body["errors"][0]["detail"]  # says what is accepted


def test_detail_endpoint_rejects_list_parameters(api):
    article = ArticleFactory()
    response = api.get(f"/api/v1/articles/{article.id}/", {"page": 2})
    assert response.status_code == 400


def test_paged_person_action_accepts_paging(api):
    from tests.factories import PersonFactory

    person = PersonFactory()
    assert api.get(f"/api/v1/people/{person.id}/quotes/", {"page_size": 5}).status_code == 200
    assert api.get(f"/api/v1/people/{person.id}/quotes/", {"speaker": 1}).status_code == 400


def test_missing_object_is_a_404_problem(api):
    response = api.get("/api/v1/articles/999999/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404


def test_unknown_api_path_is_a_404_problem(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_anonymous_write_is_a_problem_too(api):
    response = api.post("/api/v1/articles/", {"headline": "x"}, format="json")
    assert response.status_code in (401, 403, 405)
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == response.status_code


def test_schema_documents_problem_responses(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/articles/{id}/"]["get"]
    assert PROBLEM in operation["responses"]["404"]["content"]
    assert PROBLEM in schema["paths"]["/api/v1/articles/"]["get"]["responses"]["400"]["content"]
