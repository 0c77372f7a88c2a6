"""The stored record of who said what, about what, where."""

from django.db import models
from django.db.models import F, OrderBy, Q
from django.db.models.functions import Lower

from articles.extraction.document import PARAGRAPH_SEPARATOR


class Source(models.Model):
    """A publisher: "LBC", "The Hindu"."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Person(models.Model):
    """One real person across all articles."""

    name = models.CharField(max_length=200, help_text="The fullest name any article uses.")
    slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"]), models.Index(fields=["updated_at"])]

    def __str__(self):
        return self.name


class PersonAlias(models.Model):
    """Another form of a person's name ("Mr Rubio", "Rubio"); ``key`` is its accent- and case-folded form."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "person aliases"
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="unique_alias_per_person")]

    def __str__(self):
        return self.name


class Topic(models.Model):
    class Kind(models.TextChoices):
        SUBJECT = "subject", "IPTC subject"
        PHRASE = "phrase", "key phrase"
        PLACE = "place", "place"
        ORGANISATION = "organisation", "organisation"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="unique_topic_per_kind")]

    def __str__(self):
        return f"{self.name} ({self.kind})"


class Story(models.Model):
    """Copies of one article (a syndicated story): near-identical bodies, under new headlines and
    furniture. Every article has one; ``original`` is its earliest published copy (the first
    imported when none is dated). Kept by ``duplicates.story_assign`` and ``duplicates.stories_refresh``."""

    original = models.ForeignKey("Article", null=True, on_delete=models.SET_NULL, related_name="+")
    article_count = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "stories"

    def __str__(self):
        return f"story {self.pk} ({self.article_count} copies)"


class Article(models.Model):
    headline = models.CharField(max_length=500, blank=True)
    slug = models.SlugField(max_length=220)
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    authors = models.ManyToManyField(Person, blank=True, related_name="authored_articles")
    published = models.DateField(null=True, blank=True)
    url = models.URLField(max_length=2000, null=True, blank=True)
    language = models.CharField(max_length=12, default="en")
    body = models.TextField(
        help_text="Clean body paragraphs separated by blank lines; quote offsets refer to this text."
    )
    original_text = models.TextField(help_text="The imported text, verbatim.")
    content_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the original text.")
    source_file = models.CharField(max_length=1000, blank=True, help_text="The file the article came from.")
    source_format = models.CharField(
        max_length=10, default="txt", help_text="How to read original_text again: txt, html, json or jsonl."
    )
    dropped_lines = models.JSONField(
        default=list, blank=True, help_text="Lines left out of the body, each with the reason: [{text, reason}]."
    )
    people = models.ManyToManyField(Person, through="ArticlePerson", related_name="articles")
    topics = models.ManyToManyField(Topic, through="ArticleTopic", related_name="articles")
    story = models.ForeignKey(Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def save(self, *args, **kwargs):
        adding = self._state.adding
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if not adding and (update_fields is None or "published" in update_fields):
            # Each quote keeps its article's date (Quote.published): a changed date reaches them here.
            self.quotes.exclude(published=self.published).update(published=self.published)

    class Meta:
        ordering = ["-published", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["published", "id"]),
            models.Index(fields=["created_at", "id"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["headline"]),
        ]

    def __str__(self):
        return self.headline or f"Article {self.pk}"

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split(PARAGRAPH_SEPARATOR) if self.body else []


class ArticleFingerprint(models.Model):
    """An article body's MinHash signature (``fingerprints.body_fingerprint``), to compare candidates."""

    article = models.OneToOneField(Article, primary_key=True, on_delete=models.CASCADE, related_name="fingerprint")
    signature = models.BinaryField()
    shingle_count = models.PositiveIntegerField()


class ArticleBand(models.Model):
    """One LSH band key of an article body: articles that share one are candidate copies."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"])]


class Image(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    caption = models.TextField(blank=True)
    credit = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["article", "order"]
        constraints = [models.UniqueConstraint(fields=["article", "order"], name="unique_image_order")]

    def __str__(self):
        return self.caption[:80]


class ArticlePerson(models.Model):
    """A person's appearance in an article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")
    mention_count = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-mention_count", "person__name"]
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="unique_mention")]

    def __str__(self):
        return f"{self.person} in {self.article}"


class PersonRole(models.Model):
    """A role as one article states it ("US Secretary of State"), so that roles can change over time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="person_roles")
    title = models.CharField(max_length=300)

    class Meta:
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["person", "article", "title"], name="unique_role_per_article")]

    def __str__(self):
        return self.title


class NullsLastIndex(models.Index):
    """An index with ``DESC NULLS LAST`` columns, the order of a list whose missing values sort last.
    SQLite's CREATE INDEX takes no NULLS clause; its descending order puts NULL last anyway, so there
    the columns are plain ``DESC``: the same order."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        index = self
        if schema_editor.connection.vendor == "sqlite":
            index = self.clone()
            index.expressions = tuple(
                OrderBy(e.expression, descending=e.descending) if isinstance(e, OrderBy) else e for e in self.expressions
            )
        return super(NullsLastIndex, index).create_sql(model, schema_editor, using=using, **kwargs)


# The API's quote order: newest article first (undated last), then each article's quotes in reading order.
NEWEST_FIRST = (F("published").desc(nulls_last=True), F("article_id").desc(), F("start_offset"), F("id").desc())


class QuoteQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for quote in objs:  # bulk_create calls no save(): each quote takes its article's date here
            quote.published = quote.article.published
        return super().bulk_create(objs, *args, **kwargs)


class Quote(models.Model):
    class Kind(models.TextChoices):
        DIRECT = "direct", "direct"
        PARTIAL = "partial", "partial"
        INDIRECT = "indirect", "indirect (reported speech)"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    cue = models.CharField(max_length=50, blank=True, help_text="The attribution verb as written: said, told, added.")
    speaker = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    speaker_label = models.CharField(
        max_length=300, blank=True, help_text='How the text names the speaker: "the US president", "Russian state media".'
    )
    speaker_is_person = models.BooleanField(default=True)
    statement = models.ForeignKey(
        "Statement", null=True, blank=True, on_delete=models.SET_NULL, related_name="occurrences",
        help_text="What the quote repeats: one statement for every quote of it across the corpus.",
    )
    paragraph_index = models.PositiveIntegerField()
    start_offset = models.PositiveIntegerField()
    end_offset = models.PositiveIntegerField()
    published = models.DateField(
        null=True, blank=True, editable=False,
        help_text="Its article's publication date, kept here so that a list of quotes filtered by their own "
        "fields is read newest first from one index.",
    )

    objects = QuoteQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start_offset", "id"]
        indexes = [
            # The API's order (newest article first, then the article's own order) under a filter on the
            # quote itself: walking articles by date and testing their quotes took 134 ms at 1M articles
            # for a cue in 0.3% of quotes, however large the corpus.
            NullsLastIndex(*NEWEST_FIRST, name="quote_newest_first"),
            NullsLastIndex(Lower("cue"), *NEWEST_FIRST, name="quote_cue_newest_first"),
            NullsLastIndex(F("kind"), *NEWEST_FIRST, name="quote_kind_newest_first"),
            # ?cue= matches regardless of case (said, Said). The cue itself is included so that its
            # matches are counted from the index alone (PostgreSQL): counting a common cue had read
            # quote rows or walked a plain cue index from the start (0.14-0.6 s at 2.1M quotes; 2 ms).
            models.Index(Lower("cue"), name="quote_cue_lower_with_cue", include=["cue"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_offset__gte=models.F("start_offset")), name="quote_offsets_ordered")
        ]

    def save(self, *args, **kwargs):
        self.published = self.article.published
        super().save(*args, **kwargs)

    def __str__(self):
        return self.text[:80]


class Statement(models.Model):
    """One thing a speaker said, with every quote that repeats it as an occurrence (in full, or as a
    fragment): the same speaker (or none) and the same, near-identical or contained words.
    Kept by ``duplicates.statements_assign`` and ``duplicates.statements_refresh``."""

    speaker = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements")
    speaker_label = models.CharField(max_length=300, blank=True, help_text="Who said it when no person did.")
    speaker_key = models.CharField(max_length=320, help_text="p<person id>, l:<folded label>, or empty: unattributed.")
    text = models.TextField(help_text="The fullest form in which it was quoted.")
    first_quote = models.ForeignKey(Quote, null=True, on_delete=models.SET_NULL, related_name="+")
    first_article = models.ForeignKey(Article, null=True, on_delete=models.SET_NULL, related_name="+")
    first_seen = models.DateField(null=True, blank=True, help_text="The earliest occurrence's publication date.")
    occurrence_count = models.PositiveIntegerField(default=0)
    source_count = models.PositiveIntegerField(default=0, help_text="Publishers that quoted it.")

    class Meta:
        ordering = ["-occurrence_count", "id"]
        indexes = [
            models.Index(fields=["speaker_key"]),
            models.Index(fields=["-occurrence_count", "id"]),
            # A person's statements, most quoted first, read in order (not found among everyone's).
            models.Index(fields=["speaker", "-occurrence_count", "id"], name="statement_speaker_most_quoted"),
            models.Index(fields=["first_seen", "id"]),
        ]

    def __str__(self):
        return self.text[:80]


class StatementSource(models.Model):
    """A publisher that quoted a statement, once per (statement, publisher), kept with the statement by
    ``duplicates``: a publisher's statements are listed and counted from these rows. Found through
    every quote of the publisher's articles, counting 10,001 of them probed 60,000 quotes (123 ms at 1M)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="source_links")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "statement"], name="unique_statement_source")]


class StatementKey(models.Model):
    """A lookup key of a statement (``fingerprints.statement_keys``): quotes sharing one are candidates."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="keys")
    key = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["key"])]


class ArticleTopic(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_topics")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="article_topics")
    score = models.FloatField()

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["article", "topic"], name="unique_article_topic")]

    def __str__(self):
        return f"{self.topic} in {self.article}"


class DataVersion(models.Model):
    """How often and when the stored data last changed: one row, bumped by every write readers can see.

    API reads derive their validators (ETag, Last-Modified) from it before doing any work, so a
    conditional GET costs one query; unlike the newest `updated_at`, it moves on deletes too.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"version {self.number} ({self.changed_at})"


# --- Running tallies: the statistics, kept as rows change (articles/tallies.py) ------------------------
# Computing /stats/, a person's stats or a topic's speakers from the quotes grows with the corpus
# (seconds at 100,000 articles); these tables are kept up to date by every write instead. Their
# person and topic keys have no index of their own where a composite index starts with them.


class ArticleTally(models.Model):
    """What one article adds to the tallies, as last applied; subtracted when the article changes or goes.

    No foreign key: the row must outlive its article until the article's share has been taken away."""

    article_id = models.BigIntegerField(primary_key=True)
    contribution = models.JSONField()
    # Articles without quotes are found through a partial index of this, where "no quote row exists"
    # was asked of every article in turn (0.56 s at 300,000 articles when none matched).
    quote_count = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["article_id"], condition=models.Q(quote_count=0), name="article_tally_quoteless")]


class CorpusTally(models.Model):
    """A corpus-wide count: articles, quotes, undated_quotes, statements."""

    name = models.CharField(max_length=40, primary_key=True)
    value = models.BigIntegerField(default=0)


class DayTally(models.Model):
    day = models.DateField(primary_key=True)
    quote_count = models.IntegerField(default=0)


class PersonTally(models.Model):
    person = models.OneToOneField(Person, primary_key=True, on_delete=models.CASCADE, related_name="tally")
    quote_count = models.IntegerField(default=0)
    article_count = models.IntegerField(default=0, help_text="Articles that mention the person.")
    statement_count = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["-quote_count", "person"], name="person_tally_most_quoted")]


class TopicTally(models.Model):
    topic = models.OneToOneField(Topic, primary_key=True, on_delete=models.CASCADE, related_name="tally")
    article_count = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["-article_count", "topic"], name="topic_tally_most_covered")]


class SourceTally(models.Model):
    """A publisher's articles: sources ordered by it had every article counted per request (0.1 s at 1M)."""

    source = models.OneToOneField(Source, primary_key=True, on_delete=models.CASCADE, related_name="tally")
    article_count = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["-article_count", "source"], name="source_tally_most_articles")]


class RoleTally(models.Model):
    """A role title as the articles state it for a person, and in how many articles: a person's roles
    without reading every article that states one (22,108 for the most covered person at 100k)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_tallies", db_index=False)
    title = models.CharField(max_length=300)
    article_count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "title"], name="unique_role_tally")]


class PersonTopicTally(models.Model):
    """A person's quotes in articles about a topic (their stats by topic, the topic's speakers) and the
    articles about it that mention them (people ?topic=)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+", db_index=False)
    quote_count = models.IntegerField(default=0)
    article_count = models.IntegerField(default=0, help_text="Articles about the topic that mention the person.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "topic"], name="unique_person_topic_tally")]
        indexes = [
            models.Index(fields=["topic", "-quote_count", "person"], name="topic_tally_speakers"),
            # A person's stats: their topics counted and the most quoted listed from this index alone
            # (a prolific speaker's 11,000 rows lie on as many table pages: 62 ms at 300k, now 2 ms).
            models.Index(fields=["person", "-quote_count", "topic"], name="person_tally_topics",
                         condition=models.Q(quote_count__gt=0)),
        ]


class PersonSourceTally(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    quote_count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "source"], name="unique_person_source_tally")]


class PersonMonthTally(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField(help_text="The first day of the month.")
    quote_count = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "month"], name="unique_person_month_tally")]


class CoSpeakerTally(models.Model):
    """Articles in which both people are quoted (kept both ways round)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", db_index=False)
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    shared_articles = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "other"], name="unique_co_speaker_tally")]
        indexes = [models.Index(fields=["person", "-shared_articles"], name="co_speaker_most_shared")]
