"""export_corpus and import_articles round-trip the whole corpus, curated data included, without re-extracting."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles import services
from articles.models import Article, Person, Quote, Topic

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
EXTRA = (
    "Harbour reopens after repairs\n\nBy Sam Reporter\n\nThe harbour reopened on Monday after three weeks of repairs.\n\n"
    '"We are back in business," said harbour master Ellen Brooks.\n\nMs Brooks added that fishing boats would return first.\n'
)


def snapshot():
    return {
        "counts": (Article.objects.count(), Person.objects.count(), Quote.objects.count(), Topic.objects.count()),
        "hashes": sorted(Article.objects.values_list("content_hash", flat=True)),
        "speakers": sorted(
            (q.article.content_hash, q.start_offset, q.kind, q.speaker.name if q.speaker else None, q.speaker_label)
            for q in Quote.objects.select_related("article", "speaker")
        ),
        "people": sorted((p.slug, p.name, tuple(sorted(p.aliases.values_list("name", flat=True)))) for p in Person.objects.all()),
        "topics": sorted(Topic.objects.values_list("slug", "name", "kind")),
    }


def test_round_trip_keeps_curated_data_without_running_the_extraction(tmp_path, monkeypatch):
    (tmp_path / "extra.txt").write_text(EXTRA)
    call_command("import_articles", "--workers", "1", str(SEEDS), str(tmp_path / "extra.txt"), stdout=StringIO())
    # Curate: rename a person, merge two, rename a topic, edit a quote.
    people = list(Person.objects.order_by("id")[:3])
    services.person_rename(person=people[0], name=people[0].name + " Jr")
    services.person_merge(target=people[1], others=[people[2]])
    topic = Topic.objects.first()
    topic.name = "renamed topic"
    topic.save()
    quote = Quote.objects.first()
    quote.text = "An edited quote."
    quote.save()
    before = snapshot()

    backup = tmp_path / "backup.jsonl"
    call_command("export_corpus", str(backup), stdout=StringIO())
    for model in (Article, Person, Topic):
        model.objects.all().delete()

    def no_extraction(*args, **kwargs):
        raise AssertionError("a restore must not run the extraction")

    monkeypatch.setattr("articles.ingest.extract_chunk", no_extraction)
    out = StringIO()
    call_command("import_articles", str(backup), stdout=out)
    assert "Imported 2" in out.getvalue()
    assert snapshot() == before


def test_restoring_twice_changes_nothing(tmp_path):
    call_command("import_articles", "--workers", "1", str(SEEDS), stdout=StringIO())
    backup = tmp_path / "backup.jsonl"
    call_command("export_corpus", str(backup), stdout=StringIO())
    before = snapshot()
    out = StringIO()
    call_command("import_articles", str(backup), stdout=out)
    assert "unchanged 1" in out.getvalue()
    assert snapshot() == before
