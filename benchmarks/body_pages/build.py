"""Build develop.jsonl / heldout.jsonl for the boilerplate benchmark from public corpora.

Each record has the dev.jsonl shape ``{"id", "url", "page_text", "article_body"}``:
``page_text`` is the page's whole visible text (see ``html_to_page_text.py``) and
``article_body`` the corpus's hand-made reference main text, headline excluded, paragraphs
separated by a blank line.

Sources (raw copies under ``--sources``, written by ``sources.py`` from snapshots of their repositories):

* ``l3s-gn1``         L3S-GN1 (Kohlschuetter et al., WSDM 2010): 621 Google-News articles from
                      2008, annotated by people; we keep the "full text" class (x-nc-sel2) and
                      drop headline, supplemental (captions...), related content and comments.
* ``cleanportaleval`` CleanPortalEval (Endredy & Novak 2013): 71 news/blog pages from 4 portals
                      with CleanEval-style hand-made gold text.
* ``readability``     mozilla/readability test pages: real article pages with the expected
                      (maintainer-reviewed) Readability output; synthetic, non-article and
                      CJK-language pages are excluded by name below.

Pages are dropped when the HTML is corrupt (an unclosed ``<title>`` swallows the page), when
the reference is empty or tiny, when it is not contained in the page text (broken pairing or
encoding), or when it is a tiny fraction of the page.  The split is by
site (registrable domain) so that no site has pages on both sides, decided by a hash; sites
that already occur in the shared dev.jsonl always go to the develop side.

Usage:  python benchmarks/body_pages/build.py [--sources DIR] [--out DIR]
        (defaults under benchmarks/out/body_pages/; writes develop.jsonl, heldout.jsonl, manifest.json)

Score with ``python benchmarks/boilerplate_score.py benchmarks/out/body_pages/heldout.jsonl --by-source``.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from html_to_page_text import element_text, page_text, parse_html

OUT = HERE.parents[1] / "benchmarks/out/body_pages"
SOURCES = OUT / "sources"
TOKEN = re.compile(r"\w+", re.UNICODE)

MIN_BODY_TOKENS = 50  # shorter references are not articles (or are broken)
MIN_PAGE_RECALL = 0.90  # share of reference tokens that must occur in the page text
MIN_BODY_SHARE = 0.03  # reference tokens / page tokens
# A page whose <title> is never closed is corrupt: parsers swallow the whole page into the title.
UNCLOSED_TITLE = (re.compile(rb"<title[\s>]", re.IGNORECASE), re.compile(rb"</title\s*>", re.IGNORECASE))


# ----------------------------------------------------------------------------- helpers
def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in TOKEN.findall(text))


def paragraphs(lines) -> str:
    """Normalise reference text: one paragraph per line, separated by a blank line."""
    cleaned = (re.sub(r"\s+", " ", line).strip() for line in lines)
    return "\n\n".join(line for line in cleaned if line)


def same_text(a: str, b: str) -> bool:
    norm = lambda s: " ".join(TOKEN.findall(s.lower()))
    return bool(norm(a)) and norm(a) == norm(b)


def drop_headline(body_lines: list[str], headline: str) -> list[str]:
    """Remove a leading line that repeats the headline (the benchmark scores bodies only)."""
    if body_lines and headline and same_text(body_lines[0], headline):
        return body_lines[1:]
    return body_lines


_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go"}


def site_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    parts = [p for p in host.split(".") if p]
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


DEV_SET = HERE.parents[2] / "shared/benchmarks/boilerplate/dev.jsonl"


def dev_sites() -> frozenset[str]:
    """Sites of the existing development set: pages from them never go to the held-out file."""
    if not DEV_SET.exists():
        return frozenset()
    lines = DEV_SET.read_text(encoding="utf-8").splitlines()
    return frozenset(site_of(json.loads(line).get("url", "")) for line in lines if line.strip())


def split_of(site: str, development_sites: frozenset[str] = frozenset()) -> str:
    if site in development_sites:
        return "develop"
    digest = hashlib.sha256(("bodydata:" + site).encode("utf-8")).digest()
    return "develop" if digest[0] % 2 == 0 else "heldout"


# ----------------------------------------------------------------------------- L3S-GN1
def restore_characters(reference: str, text: str) -> str:
    """Replace reference paragraphs by the page line they were copied from.

    The annotated L3S-GN1 copies lost every non-ASCII character to "?" (e.g. "Ki-moon?s") and
    some spaces at link boundaries ("Internetaccess"); the original page has neither defect.  A
    paragraph is swapped for the page line with the same ASCII letters and digits; paragraphs
    without such a line are left as they are.
    """
    key = lambda s: "".join(c for c in s.lower() if c.isascii() and c.isalnum())
    by_key = {key(line): line for line in text.splitlines() if key(line)}
    restored = [by_key.get(key(paragraph), paragraph) for paragraph in reference.split("\n\n")]
    return paragraphs(restored)


_ANNOTATION = re.compile(r"\bx-nc-sel(\d)\b")


def _annotation_class(element) -> int | None:
    """The x-nc-selN label of the nearest annotated ancestor-or-self, if any."""
    while element is not None:
        match = _ANNOTATION.search(element.get("class") or "") if isinstance(element.tag, str) else None
        if match:
            return int(match.group(1))
        element = element.getparent()
    return None


def load_l3s():
    base = SOURCES / "l3s-gn1"
    urls = {}
    for line in (base / "url-mapping.txt").read_text(encoding="utf-8").splitlines():
        uuid, _, url = line.partition("\t")
        urls[uuid.strip().removeprefix("<urn:uuid:").removesuffix(">")] = url.strip()
    for original in sorted((base / "original").glob("*.html")):
        uuid = original.stem
        annotated = parse_html((base / "annotated" / original.name).read_bytes())
        body = annotated.find("body") if annotated is not None else None
        reference = ""
        if body is not None:
            text = element_text(body, keep=lambda el: _annotation_class(el) == 2)
            reference = paragraphs(text.splitlines())
        yield {
            "source": "l3s-gn1",
            "name": uuid,
            "url": urls.get(uuid, ""),
            "html": original.read_bytes(),
            "reference": reference,
        }


# ----------------------------------------------------------------------------- CleanPortalEval
_CLEANEVAL_MARK = re.compile(r"^<(p|h|l)>", re.IGNORECASE)


def parse_cleaneval_gold(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Return (url, [(kind, paragraph)]) from a CleanEval-format gold file."""
    url, segments = "", []
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if line.startswith("URL:"):
            url = line[4:].strip()
            continue
        if line.startswith("<!--"):
            continue
        mark = _CLEANEVAL_MARK.match(line)
        if mark:
            segments.append([mark.group(1).lower(), line[mark.end() :]])
        elif line and segments:
            segments[-1][1] += " " + line
    return url, [(kind, html.unescape(body)) for kind, body in segments]


def load_cleanportaleval():
    base = SOURCES / "cleanportaleval"
    for gold in sorted((base / "GoldStandard").glob("*.txt")):
        url, segments = parse_cleaneval_gold(gold.read_text(encoding="utf-8", errors="replace"))
        # CleanEval gold starts with the page headline as a heading; the benchmark excludes it.
        if segments and segments[0][0] == "h":
            segments = segments[1:]
        raw = (base / "input" / (gold.stem + ".html")).read_bytes()
        # CleanEval input files wrap the page in <text id="URL"> ... </text>.
        raw = re.sub(rb"^\s*<text id=[^>]*>", b"", raw, count=1)
        raw = re.sub(rb"</text>\s*$", b"", raw, count=1)
        yield {
            "source": "cleanportaleval",
            "name": gold.stem,
            "url": url,
            "html": raw,
            "reference": paragraphs(body for _, body in segments),
        }


# ----------------------------------------------------------------------------- readability
# Real article pages (news, magazines, blogs).  Left out: synthetic unit-test pages, reference
# works (wikipedia-*, google-sre-book-1, ietf-1, mercurial, mathjax), fiction (archive-of-our-own,
# royal-road, clean-links), product/home pages (mozilla-1/2, yahoo-2, nytimes-5,
# daringfireball-1), a duplicate (lifehacker-post-comment-load) and CJK pages (gmw, hukumusume,
# pixnet, qq, yahoo-4, youth), whose unsegmented text makes token F1 meaningless.
READABILITY_PAGES = """
    002 aclu aktualne ars-1 article-author-tag bbc-1 blogger breitbart bug-1255978 buzzfeed-1
    citylab-1 cnet cnet-svg-classes cnn dropbox-blog ebb-org ehow-1 ehow-2 engadget
    firefox-nightly-blog folha gitlab-blog guardian-1 heise herald-sun-1 iab-1 keep-images
    keep-tabular-data la-nacion lazy-image-1 lazy-image-2 lemonde-1 liberation-1
    lifehacker-working links-in-tables lwn-1 medicalnewstoday medium-1 medium-2 medium-3 msn
    nytimes-1 nytimes-2 nytimes-3 nytimes-4 quanta-1 salon-1 schema-org-context-object
    seattletimes-1 simplyfound-1 spiceworks telegraph theverge tmz-1 toc-missing topicseed-1
    tumblr v8-blog videos-1 videos-2 wapo-1 wapo-2 webmd-1 webmd-2 wikia wordpress yahoo-1
    yahoo-3
""".split()

_URL_PATTERNS = [
    re.compile(rb"""<link[^>]+rel=["']?canonical["']?[^>]+href=["']([^"']+)""", re.IGNORECASE),
    re.compile(rb"""<link[^>]+href=["']([^"']+)["'][^>]+rel=["']?canonical""", re.IGNORECASE),
    re.compile(rb"""<meta[^>]+property=["']og:url["'][^>]+content=["']([^"']+)""", re.IGNORECASE),
    re.compile(rb"""<meta[^>]+content=["']([^"']+)["'][^>]+property=["']og:url""", re.IGNORECASE),
]


def page_url(raw: bytes) -> str:
    for pattern in _URL_PATTERNS:
        match = pattern.search(raw)
        if match and match.group(1).startswith(b"http"):
            return html.unescape(match.group(1).decode("utf-8", "replace"))
    return ""


def load_readability():
    base = SOURCES / "readability" / "test-pages"
    for name in READABILITY_PAGES:
        folder = base / name
        raw = (folder / "source.html").read_bytes()
        metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        expected = parse_html((folder / "expected.html").read_bytes())
        lines = element_text(expected).splitlines() if expected is not None else []
        lines = drop_headline([line for line in lines if line.strip()], metadata.get("title") or "")
        yield {
            "source": "readability",
            "name": name,
            "url": page_url(raw) or f"http://fakehost/test/{name}",
            "html": raw,
            "reference": paragraphs(lines),
        }


# ----------------------------------------------------------------------------- build
def build():
    kept, dropped = [], Counter()
    development_sites = dev_sites()
    seen_urls, seen_pages = set(), set()
    for loader in (load_l3s, load_cleanportaleval, load_readability):
        for item in loader():
            text = page_text(item["html"])
            if item["source"] == "l3s-gn1":
                item["reference"] = restore_characters(item["reference"], text)
            body, page = tokens(item["reference"]), tokens(text)
            n_body, n_page = sum(body.values()), sum(page.values())
            recall = sum((body & page).values()) / n_body if n_body else 0.0
            reason = None
            if UNCLOSED_TITLE[0].search(item["html"]) and not UNCLOSED_TITLE[1].search(item["html"]):
                reason = "corrupt HTML (unclosed <title>)"
            elif n_body < MIN_BODY_TOKENS:
                reason = f"reference empty or shorter than {MIN_BODY_TOKENS} tokens"
            elif recall < MIN_PAGE_RECALL:
                reason = f"reference not found in page text (recall < {MIN_PAGE_RECALL:.2f})"
            elif n_body < MIN_BODY_SHARE * n_page:
                reason = f"reference under {MIN_BODY_SHARE:.0%} of the page"
            elif item["url"] in seen_urls or text in seen_pages:
                reason = "duplicate page"
            if reason:
                dropped[(item["source"], reason)] += 1
                continue
            seen_urls.add(item["url"])
            seen_pages.add(text)
            site = site_of(item["url"]) or f"{item['source']}:{item['name']}"
            kept.append(
                {
                    "split": split_of(site, development_sites),
                    "source": item["source"],
                    "site": site,
                    "record": {
                        "id": f"{item['source']}:{item['name']}",
                        "url": item["url"],
                        "page_text": text,
                        "article_body": item["reference"],
                    },
                }
            )

    manifest = {"kept": Counter(), "dropped": {}, "sites": Counter()}
    for split in ("develop", "heldout"):
        rows = [row for row in kept if row["split"] == split]
        with (OUT / f"{split}.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row["record"], ensure_ascii=False) + "\n")
        for row in rows:
            manifest["kept"][f"{split}/{row['source']}"] += 1
        manifest["sites"][split] = len({row["site"] for row in rows})
    manifest["dropped"] = {
        f"{source}: {reason}": count for (source, reason), count in sorted(dropped.items())
    }
    manifest["kept"] = dict(sorted(manifest["kept"].items()))
    manifest["sites"] = dict(manifest["sites"])
    (OUT / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, default=SOURCES)
    parser.add_argument("--out", type=Path, default=OUT)
    arguments = parser.parse_args()
    SOURCES, OUT = arguments.sources, arguments.out
    OUT.mkdir(parents=True, exist_ok=True)
    build()
