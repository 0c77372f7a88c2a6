"""ninjs 2.0 export of an article, validated against the standard's schema."""

import jsonschema
import pytest

from articles.api.ninjs_schema import NINJS_2_0
from tests.factories import ArticleTopicFactory, MentionFactory, QuoteFactory, TopicFactory

pytestmark = pytest.mark.django_db

FORMAT_CHECKER = jsonschema.Draft4Validator.FORMAT_CHECKER


@pytest.fixture
def article():
    quote = QuoteFactory(article__body="One.\n\nTwo.", article__url="https://example.org/a")
    article = quote.article
    article.authors.add(quote.speaker)
    MentionFactory(article=article, person=quote.speaker)
    ArticleTopicFactory(article=article, topic=TopicFactory(name="politics", kind="subject"))
    ArticleTopicFactory(article=article, topic=TopicFactory(name="Geneva", kind="place"))
    ArticleTopicFactory(article=article, topic=TopicFactory(name="United Nations", kind="organisation"))
    QuoteFactory(article=article, speaker=None, speaker_label="the ministry", speaker_is_person=False)
    return article


def test_ninjs_validates_against_the_schema(api, article):
    response = api.get(f"/api/v1/articles/{article.id}/", {"format": "ninjs"})
    assert response.status_code == 200
    ninjs = response.json()
    jsonschema.Draft4Validator(NINJS_2_0, format_checker=FORMAT_CHECKER).validate(ninjs)
    for association in ninjs["associations"]:
        jsonschema.Draft4Validator(NINJS_2_0, format_checker=FORMAT_CHECKER).validate(association)


def test_ninjs_carries_headline_byline_body_subjects_entities_and_quotes(api, article):
    ninjs = api.get(f"/api/v1/articles/{article.id}/", {"format": "ninjs"}).json()
    assert ninjs["headlines"] == [{"role": "main", "value": article.headline}]
    assert ninjs["by"] == article.authors.get().name
    assert ninjs["bodies"][0]["value"] == "One.\n\nTwo."
    assert ninjs["subjects"] == [
        {"name": "politics", "rel": "about", "uri": "http://cv.iptc.org/newscodes/mediatopic/11000000",
         "literal": "medtop:11000000"}
    ]
    assert [p["name"] for p in ninjs["places"]] == ["Geneva"]
    assert [o["name"] for o in ninjs["organisations"]] == ["United Nations"]
    speakers = [a.get("people", a.get("organisations"))[0]["name"] for a in ninjs["associations"]]
    assert sorted(speakers) == sorted([article.authors.get().name, "the ministry"])


def test_the_schema_rejects_what_ninjs_does_not_define():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"uri": "https://example.org/1", "quotes": []}, NINJS_2_0)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"headlines": []}, NINJS_2_0)


def test_ninjs_is_only_for_single_articles(api, article):
    assert api.get("/api/v1/articles/", {"format": "ninjs"}).status_code == 404
