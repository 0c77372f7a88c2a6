"""Behaviour of the input readers (pure Python, no Django)."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os

import pytest

from articles.extraction.document import SourceText
from articles.extraction.readers import (
    SUPPORTED_SUFFIXES,
    ReaderError,
    iter_input_files,
    read_path,
)

BODY = "The council approved the new budget on Monday after a long debate about school funding."


def write(tmp_path, name, content, mode="w"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ---------------------------------------------------------------- .txt


def test_txt_file_is_page_text(tmp_path):
    path = write(tmp_path, "a.txt", "Headline here\n\n" + BODY)
    [source] = list(read_path(path))
    assert source.is_page_text and source.format == "txt"
    assert source.text == "Headline here\n\n" + BODY
    assert source.origin == str(path)


def test_utf8_bom_file_is_decoded(tmp_path):
    path = write(tmp_path, "a.txt", codecs.BOM_UTF8 + "Café news".encode("utf-8"))
    [source] = list(read_path(path))
    assert source.text == "Café news"


def test_utf16_bom_file_is_decoded(tmp_path):
    path = write(tmp_path, "a.txt", "Zürich café “quoted”".encode("utf-16"))
    [source] = list(read_path(path))
    assert source.text == "Zürich café “quoted”"


def test_cp1252_file_is_decoded(tmp_path):
    text = "The minister said “we will act” – and the café owners in Zürich agreed with him entirely."
    path = write(tmp_path, "a.txt", text.encode("cp1252"))
    [source] = list(read_path(path))
    assert source.text == text


def test_empty_file_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", "")
    with pytest.raises(ReaderError, match="empty"):
        list(read_path(path))


def test_whitespace_only_file_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", "  \n\t\n ")
    with pytest.raises(ReaderError, match="empty"):
        list(read_path(path))


def test_binary_file_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", b"some\x00binary\x00data\x01\x02")
    with pytest.raises(ReaderError, match="binary"):
        list(read_path(path))


def test_image_file_with_text_suffix_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", b"\x89PNG\r\n\x1a\nrest-of-image")
    with pytest.raises(ReaderError, match="binary"):
        list(read_path(path))


def test_file_over_size_limit_is_refused(tmp_path):
    path = write(tmp_path, "a.txt", BODY * 10)
    with pytest.raises(ReaderError, match="too large"):
        list(read_path(path, max_bytes=100))


def test_reader_error_names_origin_and_is_value_error(tmp_path):
    path = write(tmp_path, "a.txt", "")
    with pytest.raises(ValueError) as info:
        list(read_path(path))
    assert str(path) in str(info.value)
    assert info.value.origin == str(path)


def test_unsupported_suffix_is_refused(tmp_path):
    path = write(tmp_path, "a.csv", "a,b")
    with pytest.raises(ReaderError, match="unsupported"):
        list(read_path(path))


# ---------------------------------------------------------------- .json


def test_json_record_with_all_fields(tmp_path):
    record = {"headline": "Budget passed", "body": BODY, "source": {"name": "Planet"},
              "authors": ["Jane Doe", {"name": "John Roe"}], "publishedAt": "2025-03-12T10:00:00Z",
              "url": "https://example.org/a", "extra": 1}
    path = write(tmp_path, "a.json", json.dumps(record))
    [source] = list(read_path(path))
    assert isinstance(source, SourceText) and not source.is_page_text
    assert (source.headline, source.source, source.authors, source.published, source.url) == (
        "Budget passed", "Planet", ["Jane Doe", "John Roe"], dt.date(2025, 3, 12), "https://example.org/a")
    assert source.text == BODY


def test_json_record_without_headline(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"text": BODY}))
    [source] = list(read_path(path))
    assert source.headline is None and source.text == BODY


def test_json_record_with_title_and_author_string(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"title": "T", "content": BODY, "author": "Jane Doe",
                                                 "source": "Planet", "published": "2025-03-12"}))
    [source] = list(read_path(path))
    assert (source.headline, source.authors, source.source, source.published) == (
        "T", ["Jane Doe"], "Planet", dt.date(2025, 3, 12))


def test_json_list_of_records(tmp_path):
    path = write(tmp_path, "a.json", json.dumps([{"body": BODY}, {"body": BODY + " Again."}]))
    sources = list(read_path(path))
    assert [s.text for s in sources] == [BODY, BODY + " Again."]
    assert sources[0].origin != sources[1].origin


def test_json_record_without_body_names_fields(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"headline": "T"}))
    with pytest.raises(ReaderError, match="body"):
        list(read_path(path))


def test_json_record_with_wrong_type_names_field(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"body": BODY, "authors": 5}))
    with pytest.raises(ReaderError, match="authors"):
        list(read_path(path))


def test_json_body_not_string_is_refused(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"body": ["x"]}))
    with pytest.raises(ReaderError, match="'body'"):
        list(read_path(path))


def test_json_bad_date_is_refused(tmp_path):
    path = write(tmp_path, "a.json", json.dumps({"body": BODY, "published": "yesterday"}))
    with pytest.raises(ReaderError, match="published"):
        list(read_path(path))


def test_malformed_json_reports_line(tmp_path):
    path = write(tmp_path, "a.json", '{\n"body": "x",\n oops\n}')
    with pytest.raises(ReaderError, match="line 3"):
        list(read_path(path))


# ---------------------------------------------------------------- .jsonl


def test_jsonl_yields_one_source_per_line_with_line_origin(tmp_path):
    path = write(tmp_path, "a.jsonl", json.dumps({"body": BODY}) + "\n\n" + json.dumps({"text": BODY}) + "\n")
    sources = list(read_path(path))
    assert [s.origin for s in sources] == [f"{path}:1", f"{path}:3"]
    assert all(s.format == "jsonl" for s in sources)


def test_jsonl_bad_line_reported_with_line_number(tmp_path):
    lines = [json.dumps({"body": BODY}), "{not json", json.dumps({"headline": "no body"}), json.dumps({"body": BODY})]
    path = write(tmp_path, "a.jsonl", "\n".join(lines))
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["SourceText", "ReaderError", "ReaderError", "SourceText"]
    assert items[1].origin == f"{path}:2" and "line 2" in str(items[1])
    assert items[2].origin == f"{path}:3" and "body" in str(items[2])


def test_jsonl_original_is_the_line(tmp_path):
    line = json.dumps({"body": BODY, "headline": "T"})
    path = write(tmp_path, "a.jsonl", line + "\n")
    [source] = list(read_path(path))
    assert source.original == line


# ---------------------------------------------------------------- .html


HTML = """<html><head><title>Floods hit the valley - Daily Planet</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2025-03-12T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Floods hit the valley</h1>
<p>Heavy rain caused the river to burst its banks on Tuesday, forcing hundreds of families from their homes.</p>
<p>Officials said the water would recede by the weekend, but warned that more rain was forecast this week.</p>
<p>"We have never seen anything like this," said one resident, who has lived in the town for forty years.</p>
</article><footer>Copyright 2025 Daily Planet</footer></body></html>"""


def test_html_file_gives_text_and_metadata(tmp_path):
    path = write(tmp_path, "a.html", HTML)
    [source] = list(read_path(path))
    assert not source.is_page_text and source.format == "html"
    assert source.headline == "Floods hit the valley"
    assert source.authors == ["Jane Doe"]
    assert source.source == "Daily Planet"
    assert source.published == dt.date(2025, 3, 12)
    assert "Officials said the water would recede" in source.text
    assert "Home" not in source.text.split("\n")
    assert source.original == HTML


def test_html_without_article_text_is_refused(tmp_path):
    path = write(tmp_path, "a.htm", "<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(ReaderError, match="no article text"):
        list(read_path(path))


# ---------------------------------------------------------------- folders


def test_iter_input_files_expands_folders_sorted_and_filters_suffixes(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ["b.txt", "a.json", "sub/c.jsonl", "sub/d.html", "notes.md", "img.png"]:
        write(tmp_path, name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([tmp_path])]
    assert found == ["a.json", "b.txt", "sub/c.jsonl", "sub/d.html"]
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".html", ".htm", ".json", ".jsonl"}


def test_iter_input_files_survives_symlink_loop(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/a.txt", "x")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    found = list(iter_input_files([tmp_path]))
    assert [p.name for p in found] == ["a.txt"]


def test_iter_input_files_keeps_named_files(tmp_path):
    path = write(tmp_path, "a.txt", "x")
    assert list(iter_input_files([path])) == [path]


def test_jsonl_is_streamed_and_the_size_limit_applies_per_record(tmp_path):
    import json as _json

    from articles.extraction.readers import ReaderError, read_path

    path = tmp_path / "feed.jsonl"
    big = _json.dumps({"body": "x " * 600})
    path.write_text("\n".join([_json.dumps({"body": "Short text."})] * 3 + [big]) + "\n")
    items = list(read_path(path, max_bytes=1000))  # the file is larger than the limit, each record is not
    assert [type(item).__name__ for item in items] == ["SourceText"] * 3 + ["ReaderError"]
    assert isinstance(items[-1], ReaderError) and items[-1].origin.endswith("feed.jsonl:4")
