"""The admin: every model's list and change page renders for staff, with inlines."""

import pytest
from django.urls import reverse

from tests.factories import ArticleTopicFactory, MentionFactory, QuoteFactory

pytestmark = pytest.mark.django_db

MODELS = ["article", "person", "quote", "topic", "source", "personalias", "personrole", "articleperson", "articletopic", "image"]


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password")
    client.force_login(user)
    return client


@pytest.fixture
def article():
    quote = QuoteFactory()
    MentionFactory(article=quote.article, person=quote.speaker)
    ArticleTopicFactory(article=quote.article)
    quote.article.images.create(caption="A caption", credit="Agency", order=0)
    quote.speaker.roles.create(article=quote.article, title="minister")
    quote.article.dropped_lines = [{"text": "Share this", "reason": "share widget"}]
    quote.article.save()
    return quote.article


@pytest.mark.parametrize("model", MODELS)
def test_changelist_renders_with_search(staff_client, article, model):
    response = staff_client.get(reverse(f"admin:articles_{model}_changelist"), {"q": "a"})
    assert response.status_code == 200


def test_article_page_shows_quotes_people_images_and_dropped_lines(staff_client, article):
    html = staff_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert article.quotes.get().text in html
    assert article.mentions.get().person.name in html
    assert "A caption" in html
    assert "share widget" in html


def test_person_page_shows_aliases_roles_and_quotes(staff_client, article):
    person = article.quotes.get().speaker
    html = staff_client.get(reverse("admin:articles_person_change", args=[person.pk])).content.decode()
    assert "minister" in html
    assert article.quotes.get().text in html
    assert person.aliases.first().name in html


def test_admin_is_closed_to_anonymous_users(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
