"""ETag and Last-Modified on reads; If-None-Match and If-Modified-Since give 304."""

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("detail", [False, True])
def test_etag_and_if_none_match(api, detail):
    article = ArticleFactory()
    url = f"/api/v1/articles/{article.id}/" if detail else "/api/v1/articles/"
    first = api.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_if_modified_since(api):
    ArticleFactory()
    first = api.get("/api/v1/articles/")
    assert api.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert api.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT").status_code == 200


def test_changed_data_changes_the_etag(api):
    ArticleFactory()
    before = api.get("/api/v1/articles/")["ETag"]
    ArticleFactory()
    assert api.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=before).status_code == 200
