"""Small factory_boy factories for API and persistence tests."""

import factory
from django.utils.text import slugify

from articles import models, tallies
from articles.services import content_hash, data_changed


class StoredFactory(factory.django.DjangoModelFactory):
    """Rows written past the services move the data version on and are counted in the statistics'
    tallies, as a service's writes are."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        instance = super()._create(model_class, *args, **kwargs)
        tallies.articles_changed(tallies.articles_counted_with(instance))
        data_changed()
        return instance


class SourceFactory(StoredFactory):
    class Meta:
        model = models.Source
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Publisher {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class PersonFactory(StoredFactory):
    class Meta:
        model = models.Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person Number{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    alias = factory.RelatedFactory(
        "tests.factories.PersonAliasFactory", factory_related_name="person", name=factory.SelfAttribute("..name")
    )


class PersonAliasFactory(StoredFactory):
    class Meta:
        model = models.PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")
    key = factory.LazyAttribute(lambda o: o.name.lower())


class ArticleFactory(StoredFactory):
    class Meta:
        model = models.Article

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.headline))
    source = factory.SubFactory(SourceFactory)
    body = "First paragraph.\n\nSecond paragraph."
    original_text = factory.Sequence(lambda n: f"Original text number {n}")
    content_hash = factory.LazyAttribute(lambda o: content_hash(o.original_text))


class QuoteFactory(StoredFactory):
    class Meta:
        model = models.Quote

    article = factory.SubFactory(ArticleFactory)
    text = "We will not give up."
    kind = "direct"
    cue = "said"
    speaker = factory.SubFactory(PersonFactory)
    speaker_label = factory.LazyAttribute(lambda o: o.speaker.name if o.speaker else "")
    paragraph_index = 0
    start_offset = 0
    end_offset = 10


class TopicFactory(StoredFactory):
    class Meta:
        model = models.Topic

    name = factory.Sequence(lambda n: f"topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = "phrase"


class ArticleTopicFactory(StoredFactory):
    class Meta:
        model = models.ArticleTopic

    article = factory.SubFactory(ArticleFactory)
    topic = factory.SubFactory(TopicFactory)
    score = 0.5


class MentionFactory(StoredFactory):
    class Meta:
        model = models.ArticlePerson

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    mention_count = 2


class PersonRoleFactory(StoredFactory):
    class Meta:
        model = models.PersonRole

    person = factory.SubFactory(PersonFactory)
    article = factory.SubFactory(ArticleFactory)
    title = "minister"
