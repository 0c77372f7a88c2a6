"""Persistence: one transaction per article, idempotent, people linked across articles."""

import pytest

from articles import services
from articles.extraction.document import Document, DroppedLine, ExtractedArticle, Image, Mention, Person, Quote, Topic
from articles.models import Article, ArticleTopic, Person as StoredPerson, Quote as StoredQuote, Topic as StoredTopic

pytestmark = pytest.mark.django_db


def extracted(text="Some text.", people=(), quotes=(), topics=(), **document):
    document.setdefault("paragraphs", ["The first paragraph of the story.", "The second paragraph of the story."])
    return ExtractedArticle(
        origin="test.txt", original_text=text, document=Document(**document),
        people=list(people), quotes=list(quotes), topics=list(topics),
    )


def person(name, *aliases, roles=()):
    return Person(name=name, aliases=list(aliases), roles=list(roles), mentions=[Mention(0, 3, name)])


def test_store_writes_article_with_derived_rows():
    result = extracted(
        headline="A headline",
        source="Daily Paper",
        authors=["Jane Writer"],
        images=[Image("A caption.", "Agency")],
        boilerplate=[DroppedLine("Share this", "share widget")],
        people=[person("Ada Lovelace", "Ms Lovelace", roles=["mathematician"])],
        quotes=[Quote("We did it.", "direct", "said", "Ada Lovelace", True, 1, 18, 28),
                Quote("prices will rise", "indirect", "said", "the ministry", False, 0, 0, 5)],
        topics=[Topic("politics", "subject", 0.8)],
    )
    article = services.article_store(result=result, source_file="a.txt").article
    assert article.headline == "A headline"
    assert article.source.name == "Daily Paper"
    assert [a.name for a in article.authors.all()] == ["Jane Writer"]
    assert article.paragraphs == ["The first paragraph of the story.", "The second paragraph of the story."]
    assert article.dropped_lines == [{"text": "Share this", "reason": "share widget"}]
    assert article.images.get().credit == "Agency"
    assert article.person_roles.get().title == "mathematician"
    by_label, by_person = article.quotes.order_by("start_offset")
    assert by_label.speaker is None and by_label.speaker_label == "the ministry"
    assert by_person.speaker.name == "Ada Lovelace"
    assert article.article_topics.get().topic.slug == "politics"


def test_same_text_twice_is_one_article():
    first = services.article_store(result=extracted(text="Same."))
    second = services.article_store(result=extracted(text="Same."))
    assert (first.status, second.status) == ("imported", "unchanged")
    assert Article.objects.count() == 1


def test_force_replaces_derived_rows_without_duplicates():
    result = extracted(people=[person("Ada Lovelace")], quotes=[Quote("Hi.", "direct", "said", "Ada Lovelace", True, 0, 0, 3)],
                       topics=[Topic("health", "subject", 0.5)])
    services.article_store(result=result)
    replaced = services.article_store(result=result, force=True)
    assert replaced.status == "replaced"
    assert StoredQuote.objects.count() == 1
    assert ArticleTopic.objects.count() == 1
    assert StoredPerson.objects.count() == 1


def test_same_full_name_in_two_articles_is_one_person():
    services.article_store(result=extracted(text="a", people=[person("Jean-Noël Barrot")]))
    services.article_store(result=extracted(text="b", people=[person("Jean-Noel Barrot")]))
    assert StoredPerson.objects.count() == 1


def test_surname_only_person_is_upgraded_by_a_later_full_name():
    services.article_store(result=extracted(text="a", people=[person("Lovelace")]))
    services.article_store(result=extracted(text="b", people=[person("Ada Lovelace", "Lovelace")]))
    stored = StoredPerson.objects.get()
    assert stored.name == "Ada Lovelace"
    assert stored.articles.count() == 2


def test_surname_joins_the_one_full_name_that_ends_with_it():
    services.article_store(result=extracted(text="a", people=[person("Ada Lovelace")]))
    services.article_store(result=extracted(text="b", people=[person("Lovelace")]))
    assert StoredPerson.objects.count() == 1


def test_ambiguous_surname_stays_a_separate_person():
    services.article_store(result=extracted(text="a", people=[person("Ada Smith"), person("Bob Smith")]))
    services.article_store(result=extracted(text="b", people=[person("Smith")]))
    assert StoredPerson.objects.count() == 3


def test_topic_is_shared_across_articles():
    services.article_store(result=extracted(text="a", topics=[Topic("peace talks", "phrase", 1.0)]))
    services.article_store(result=extracted(text="b", topics=[Topic("peace talks", "phrase", 0.5)]))
    assert StoredTopic.objects.count() == 1
    assert StoredTopic.objects.get().articles.count() == 2


def test_failure_mid_article_leaves_nothing_behind():
    bad = extracted(quotes=[Quote("x", "direct", "said", None, True, 0, 5, 1)])  # end before start: check fails
    with pytest.raises(Exception):
        services.article_store(result=bad)
    assert Article.objects.count() == 0
    assert StoredQuote.objects.count() == 0


def test_speaker_label_keeps_how_the_text_names_a_person():
    quote = Quote("We won.", "direct", "told", "Ada Lovelace", True, 0, 0, 7, speaker_text="the mathematician")
    article = services.article_store(result=extracted(people=[person("Ada Lovelace")], quotes=[quote])).article
    stored = article.quotes.get()
    assert (stored.speaker.name, stored.speaker_label) == ("Ada Lovelace", "the mathematician")


def test_merge_moves_quotes_mentions_roles_authorship_and_aliases():
    from tests.factories import ArticleFactory, MentionFactory, PersonFactory, QuoteFactory

    target, other = PersonFactory(name="Jane Smith"), PersonFactory(name="J. Smith")
    shared = ArticleFactory()
    MentionFactory(article=shared, person=target, mention_count=2)
    MentionFactory(article=shared, person=other, mention_count=3)
    only_other = MentionFactory(person=other).article
    QuoteFactory(speaker=other, article=shared)
    other.roles.create(article=shared, title="minister")
    only_other.authors.add(other)

    services.person_merge(target=target, others=[other])

    assert not StoredPerson.objects.filter(pk=other.pk).exists()
    assert target.quotes.count() == 1
    assert target.mentions.get(article=shared).mention_count == 5
    assert target.mentions.filter(article=only_other).exists()
    assert target.roles.get().title == "minister"
    assert target.authored_articles.get() == only_other
    assert "J. Smith" in set(target.aliases.values_list("name", flat=True))


def test_rename_keeps_the_old_name_as_alias():
    from tests.factories import PersonFactory

    person = services.person_rename(person=PersonFactory(name="Smith"), name="Jane Smith")
    assert person.name == "Jane Smith"
    assert {"Smith", "Jane Smith"} <= set(person.aliases.values_list("name", flat=True))


TITLES_OF_ADDRESS = ["Cllr", "Dr", "Prof", "Sen.", "Rep.", "Gov.", "Justice", "Sheikh", "Chief", "Alhaji", "Datuk", "Hon."]


@pytest.mark.parametrize("title", TITLES_OF_ADDRESS)
def test_titled_surname_then_full_name_in_another_article_is_one_person(title):
    services.article_store(result=extracted(text="a", people=[person("Okafor", f"{title} Okafor")]))
    services.article_store(result=extracted(text="b", people=[person("Joan Okafor")]))
    stored = StoredPerson.objects.get()
    assert stored.name == "Joan Okafor"
    assert stored.articles.count() == 2


@pytest.mark.parametrize("title", TITLES_OF_ADDRESS)
def test_full_name_then_titled_surname_in_another_article_is_one_person(title):
    services.article_store(result=extracted(text="a", people=[person("Joan Okafor")]))
    services.article_store(result=extracted(text="b", people=[person(f"{title} Okafor", "Okafor")]))
    assert StoredPerson.objects.get().articles.count() == 2


def test_alias_keys_are_the_people_stage_keys():
    from articles.extraction.names import name_key

    stored = services.person_resolve(name="Joan Okafor", aliases=["Cllr Okafor", "Sen. Joan Okafor's"])
    assert {alias.name: alias.key for alias in stored.aliases.all()} == {
        "Joan Okafor": name_key("Joan Okafor"), "Cllr Okafor": "okafor", "Sen. Joan Okafor's": "joan okafor",
    }


def test_quotes_keep_their_article_date_when_stored_replaced_and_redated():
    import datetime as dt

    quotes = [Quote("We did it.", "direct", "said", "Ada Lovelace", True, 0, 0, 10)]
    result = extracted(people=[person("Ada Lovelace")], quotes=quotes, published=dt.date(2025, 3, 4))
    article = services.article_store(result=result).article
    assert list(article.quotes.values_list("published", flat=True)) == [dt.date(2025, 3, 4)]

    redated = extracted(people=[person("Ada Lovelace")], quotes=quotes, published=dt.date(2025, 3, 9))
    services.article_store(result=redated, force=True)
    assert list(article.quotes.values_list("published", flat=True)) == [dt.date(2025, 3, 9)]

    article.refresh_from_db()
    article.published = None  # an editor removes a wrong date (the admin saves the article like this)
    article.save()
    assert list(article.quotes.values_list("published", flat=True)) == [None]
