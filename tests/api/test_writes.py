"""Staff writes: post an article (text or JSON), delete and re-extract it, rename and merge people."""

import pytest
from rest_framework.authtoken.models import Token

from articles.models import Article, Person
from tests.factories import ArticleFactory, MentionFactory, PersonFactory, QuoteFactory

pytestmark = pytest.mark.django_db

TEXT = """Harbour reopens after storm repairs

The city harbour reopened on Monday after three weeks of repairs.

"We are back in business," said harbour master Ellen Brooks.
"""


@pytest.fixture
def staff(api, django_user_model):
    user = django_user_model.objects.create_user("editor", password="a-long-password", is_staff=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


def test_post_raw_text_runs_the_pipeline_and_answers_201(staff):
    response = staff.post("/api/v1/articles/", TEXT, content_type="text/plain")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["headline"] == "Harbour reopens after storm repairs"
    assert body["quotes"][0]["speaker"]["name"] == "Ellen Brooks"


def test_posting_the_same_text_again_answers_200_with_the_stored_article(staff):
    first = staff.post("/api/v1/articles/", TEXT, content_type="text/plain").json()
    again = staff.post("/api/v1/articles/", TEXT, content_type="text/plain")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    assert Article.objects.count() == 1


def test_post_json_record(staff):
    record = {"title": "Harbour reopens", "body": TEXT.split("\n", 2)[2], "source": {"name": "Coast News"},
              "author": "Sam Reporter", "publishedAt": "2025-03-01T08:00:00Z"}
    body = staff.post("/api/v1/articles/", record, format="json").json()
    assert (body["headline"], body["source"]["name"], body["published"]) == ("Harbour reopens", "Coast News", "2025-03-01")
    assert [a["name"] for a in body["authors"]] == ["Sam Reporter"]


def test_post_json_with_unknown_field_or_bad_value_is_400_naming_it(staff):
    response = staff.post("/api/v1/articles/", {"body": "Some text.", "colour": "red"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"pointer": "#/colour", "detail": "Unknown field."}]
    response = staff.post("/api/v1/articles/", {"body": "Some text.", "published": "last week"}, format="json")
    assert [e["pointer"] for e in response.json()["errors"]] == ["#/published"]
    response = staff.post("/api/v1/articles/", {"headline": "No body"}, format="json")
    assert [e["pointer"] for e in response.json()["errors"]] == ["#/body"]


def test_a_body_error_is_a_body_error_even_when_the_query_string_has_that_name(staff):
    response = staff.post("/api/v1/articles/?source=lbc", {"body": "Some text.", "source": 5}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Invalid request body: #/source."


def test_post_malformed_json_is_400(staff):
    response = staff.post("/api/v1/articles/", '{"body": ', content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_anonymous_post_is_401_and_non_staff_403(api, django_user_model):
    assert api.post("/api/v1/articles/", TEXT, content_type="text/plain").status_code == 401
    api.force_authenticate(django_user_model.objects.create_user("reader", password="a-long-password"))
    assert api.post("/api/v1/articles/", TEXT, content_type="text/plain").status_code == 403
    assert Article.objects.count() == 0


def test_delete_article(staff):
    article = QuoteFactory().article
    assert staff.delete(f"/api/v1/articles/{article.id}/").status_code == 204
    assert not Article.objects.exists()


def test_reextract_replaces_derived_rows(staff):
    article_id = staff.post("/api/v1/articles/", TEXT, content_type="text/plain").json()["id"]
    Article.objects.get(pk=article_id).quotes.all().delete()
    response = staff.post(f"/api/v1/articles/{article_id}/reextract/")
    assert response.status_code == 200
    assert len(response.json()["quotes"]) >= 1


def test_rename_person(staff):
    person = PersonFactory(name="E. Brooks")
    response = staff.patch(f"/api/v1/people/{person.id}/", {"name": "Ellen Brooks"}, format="json")
    assert response.status_code == 200
    assert response.json()["name"] == "Ellen Brooks"
    assert "E. Brooks" in response.json()["aliases"]


def test_merge_people(staff):
    target, other = PersonFactory(name="Ellen Brooks"), PersonFactory(name="E. Brooks")
    QuoteFactory(speaker=other)
    MentionFactory(person=other)
    response = staff.post(f"/api/v1/people/{target.id}/merge/", {"ids": [other.id]}, format="json")
    assert response.status_code == 200
    assert (response.json()["quote_count"], response.json()["article_count"]) == (1, 1)
    assert not Person.objects.filter(pk=other.pk).exists()


def test_merge_with_unknown_id_is_400_and_changes_nothing(staff):
    target, other = PersonFactory(), PersonFactory()
    response = staff.post(f"/api/v1/people/{target.id}/merge/", {"ids": [other.id, 99999]}, format="json")
    assert response.status_code == 400
    assert Person.objects.filter(pk=other.pk).exists()


def test_merging_a_person_into_itself_is_400_and_changes_nothing(staff):
    target, other = PersonFactory(), PersonFactory()
    response = staff.post(f"/api/v1/people/{target.id}/merge/", {"ids": [other.id, target.id]}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["pointer"] == "#/ids"
    assert Person.objects.filter(pk=other.pk).exists()


def test_non_staff_cannot_merge_or_delete(api, django_user_model):
    article, person = ArticleFactory(), PersonFactory()
    api.force_authenticate(django_user_model.objects.create_user("reader", password="a-long-password"))
    assert api.delete(f"/api/v1/articles/{article.id}/").status_code == 403
    assert api.post(f"/api/v1/people/{person.id}/merge/", {"ids": [1]}, format="json").status_code == 403
