"""ETag and Last-Modified on reads come from the data version: every change moves them, deletes too,
and a 304 is decided before the list query runs."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from articles import services
from articles.models import DataVersion
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def settle():
    """Pretend the last change was a minute ago (Last-Modified is sent once its second has passed)."""
    DataVersion.objects.filter(pk=1).update(changed_at=DataVersion.objects.get(pk=1).changed_at - dt.timedelta(minutes=1))


@pytest.mark.parametrize("detail", [False, True])
def test_etag_and_if_none_match(api, detail):
    article = ArticleFactory()
    url = f"/api/v1/articles/{article.id}/" if detail else "/api/v1/articles/"
    first = api.get(url)
    assert first["ETag"]
    not_modified = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304 and not_modified["ETag"] == first["ETag"]


def test_if_modified_since_once_the_last_change_has_settled(api):
    ArticleFactory()
    settle()
    first = api.get("/api/v1/articles/")
    assert api.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert api.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_no_last_modified_while_a_change_is_in_its_second(api):
    """A later change in the same second would carry the same Last-Modified: only the ETag is given."""
    ArticleFactory()
    response = api.get("/api/v1/articles/")
    assert response["ETag"] and "Last-Modified" not in response
    assert api.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE=http_date()).status_code == 200


def test_changed_data_changes_the_etag(api):
    ArticleFactory()
    before = api.get("/api/v1/articles/")["ETag"]
    ArticleFactory()
    assert api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=before).status_code == 200


def test_deleting_the_newest_article_is_no_304(api, django_user_model):
    older, newer = ArticleFactory(), ArticleFactory()
    settle()
    first = api.get("/api/v1/articles/")
    assert first.json()["count"] == 2
    staff = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    api.force_authenticate(staff)
    assert api.delete(f"/api/v1/articles/{newer.id}/").status_code == 204
    api.force_authenticate(None)
    for headers in ({"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}, {"HTTP_IF_NONE_MATCH": first["ETag"]}):
        again = api.get("/api/v1/articles/", **headers)
        assert again.status_code == 200 and again.json()["count"] == 1, headers


@pytest.mark.parametrize("change", ["rename", "merge", "delete"])
def test_every_kind_of_write_moves_the_validators(api, change):
    person, other = PersonFactory(name="Ada Stone"), PersonFactory(name="A. Stone")
    article = ArticleFactory()
    settle()
    first = api.get("/api/v1/people/")
    if change == "rename":
        services.person_rename(person=person, name="Ada M. Stone")
    elif change == "merge":
        services.person_merge(target=person, others=[other])
    else:
        services.article_delete(article=article)
    for headers in ({"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}, {"HTTP_IF_NONE_MATCH": first["ETag"]}):
        assert api.get("/api/v1/people/", **headers).status_code == 200, headers


def test_a_304_is_decided_before_the_list_query(api):
    ArticleFactory()
    etag = api.get("/api/v1/articles/?expand=quotes")["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/api/v1/articles/?expand=quotes", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert len(queries) == 1 and "articles_dataversion" in queries[0]["sql"]


def test_each_representation_has_its_own_etag(api):
    ArticleFactory()
    as_json = api.get("/api/v1/articles/")["ETag"]
    as_csv = api.get("/api/v1/articles/?format=csv")["ETag"]
    second_page_size = api.get("/api/v1/articles/?page_size=5")["ETag"]
    assert len({as_json, as_csv, second_page_size}) == 3
    assert api.get("/api/v1/articles/?format=csv", HTTP_IF_NONE_MATCH=as_json).status_code == 200


@pytest.mark.parametrize(
    "url, status",
    [
        ("/api/v1/articles/?bogus=1", 400),
        ("/api/v1/articles/?published_after=yesterday", 400),
        ("/api/v1/articles/?fields=colour", 400),
        ("/api/v1/articles/?page=0", 400),
        ("/api/v1/articles/?ordering=bogus", 400),
        ("/api/v1/articles/987654/", 404),
        ("/api/v1/people/nobody/quotes/", 404),
    ],
)
def test_a_conditional_request_gets_the_error_a_plain_one_would(api, url, status):
    """`If-None-Match: *` matches any current copy; a request that has none is answered as without it."""
    ArticleFactory()
    assert api.get(url).status_code == status
    assert api.get(url, HTTP_IF_NONE_MATCH="*").status_code == status
