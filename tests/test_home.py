import pytest

from tests.factories import ArticleFactory, QuoteFactory

pytestmark = pytest.mark.django_db


def test_landing_page_shows_counts_latest_articles_and_links(client):
    QuoteFactory(article=ArticleFactory(headline="Council approves bridge"))
    html = client.get("/").content.decode()
    assert "Council approves bridge" in html
    assert "<strong>1</strong>articles" in html and "<strong>1</strong>quotes" in html
    for link in ("/api/v1/docs/", "/api/v1/redoc/", "/api/v1/", "/admin/"):
        assert f'href="{link}"' in html


def test_landing_page_without_articles_says_how_to_import(client):
    assert "import_articles" in client.get("/").content.decode()
