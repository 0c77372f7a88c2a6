"""benchmarks/polnear_score.py on an invented PolNeAR-shaped corpus (tests/fixtures/polnear/).

The fixture mimics the corpus layout (data/<split>/text/*.txt, data/<split>/attributions/
<name>_<annotator>.ann, data/metadata.tsv) with three short articles written for these tests; the
real corpus is never needed. Expected numbers are worked out by hand in the comments.
"""

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "polnear"
MAYOR = "fixture-times_2016-09-01_mayor-promises-clean-water"
UTILITY = "fixture-post_2016-09-02_utility-defends-its-rates"
SENATOR = "fixture-times_2016-08-30_senator-answers-questions"


def _load_scorer():
    spec = importlib.util.spec_from_file_location("polnear_score", REPO_ROOT / "benchmarks" / "polnear_score.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


ps = _load_scorer()


def quote(text, kind="indirect", speaker=None, speaker_text=None, person=True):
    return {"text": text, "kind": kind, "speaker": speaker, "speaker_text": speaker_text, "speaker_is_person": person}


# What a (partly wrong) extraction could say about the two dev articles.
FAKE_QUOTES = {
    MAYOR: [
        # E1 (content "that the city ... spring", 10 words): Dice 18/19, source by name word
        quote("the city would replace every lead pipe by spring", speaker="Alma Reyes", speaker_text="Mayor Alma Reyes"),
        # E2 (two quoted fragments, 13 words): Dice 20/23, source "Reyes"
        quote("We owe every family a safe glass of water,", "direct", "Alma Reyes", "Reyes"),
        # the second fragment of E2 alone: Dice 6/16 with the whole content, 1.0 with the fragment
        quote("No more excuses.", "direct", "Alma Reyes", "Reyes"),
        # E3 ("The pipes" + "were laid before the war"): Dice 10/12; gold "she" but ours is not a person
        quote("were laid before the war", speaker="City Council", person=False),
        # E4 ("according to a city report"): Dice 1; no speaker, so the source is wrong
        quote("The work will cost $40 million"),
        # E6, no Source: matched, counted apart
        quote("The council is expected to vote next week"),
        # E5 ("believe") is not speech: a correct quote for precision, no recall match
        quote("the old pipes are safe", speaker="Many residents", person=False),
        # the headline: matches nothing
        quote("Mayor Promises Clean Water by Spring", "partial"),
    ],
    UTILITY: [
        # F2, gold Source "he": ours names Dan Ortiz, whose surname is in the 400 characters before (lenient only)
        quote("Our costs went up, and our customers deserve the truth about why,", "direct", "Dan Ortiz"),
        # F3 ("one customer"): Dice 8/10, no speaker: wrong source
        quote("This is a windfall", "partial"),
        # F5 (cue "shrugged", speech because quoted): exact, source "Ortiz"
        quote("Prices will rise again next year.", "direct", "Dan Ortiz", "Ortiz"),
        # inside F4 but Dice 4/9 < 0.5: wrong, and F4 is missed
        quote("executive pay", "partial"),
    ],
}


def articles(split="dev"):
    return {a.name: a for a in ps.load_corpus(FIXTURE, split)}


def score_fixture():
    corpus = articles()
    return {name: ps.score_article(corpus[name], FAKE_QUOTES[name]) for name in corpus}


# --------------------------------------------------------------------------------------------------
# Reading the corpus
# --------------------------------------------------------------------------------------------------


def test_checkout_is_read_with_every_relation_in_content_order():
    corpus = articles()
    assert list(corpus) == [UTILITY, MAYOR]
    mayor = corpus[MAYOR]
    assert [r.id for r in mayor.relations] == ["E1", "E2", "E3", "E4", "E5", "E6"]
    assert [r.cue for r in mayor.relations] == ["said", "told", "added", "according to", "believe", "was announced"]
    assert mayor.relations[0].source == "Mayor Alma Reyes"
    assert mayor.relations[0].content == "that the city would replace every lead pipe by spring"
    # the "Discuss" span and the AnnotatorNotes line make no relation


def test_discontinuous_content_keeps_its_fragments_and_joins_them_by_a_space():
    e2 = articles()[MAYOR].relations[1]
    assert len(e2.content_spans) == 2
    assert e2.content == '"We owe every family a safe glass of water," "No more excuses."'
    e3 = articles()[MAYOR].relations[2]
    assert e3.content == "The pipes were laid before the war"  # "The pipes, she added, were laid ..."
    assert e3.source == "she"


def test_a_no_source_relation_has_an_empty_source():
    e6 = articles()[MAYOR].relations[-1]
    assert (e6.source, e6.source_spans, e6.cue) == ("", [], "was announced")


def test_the_first_annotator_by_file_name_is_taken():
    # UTILITY has _2e4f.ann (5 relations) and _9a7b.ann (2): the first by name is read.
    assert len(articles()[UTILITY].relations) == 5


def test_splits_are_kept_apart_and_a_content_may_span_paragraphs():
    train = articles("train")
    assert list(train) == [SENATOR]
    said = train[SENATOR].relations[1]
    assert said.content == "“We are patient.\n\n“But we are not naive.”"


def test_the_test_split_is_refused():
    with pytest.raises(SystemExit):
        ps.load_corpus(FIXTURE, "test")
    with pytest.raises(SystemExit):
        ps.main([str(FIXTURE), "--split", "test"])


def test_an_unknown_path_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="not a PolNeAR"):
        ps.load_corpus(tmp_path, "dev")


def test_parse_brat_merges_numbered_roles_and_skips_relations_without_content():
    text = "Ann said she would go, and later she would stay."
    ann = (
        "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 21\tshe would go\n"
        "T4\tContent 33 47\tshe would stay\nT5\tAttribution 4 8\tsaid\n"
        "E1\tAttribution:T5 Content:T3 Cue:T2 Source:T1 Content2:T4\n"
        "T6\tAttribution-no-source 4 8\tsaid\nE2\tAttribution-no-source:T6 \n"
    )
    [relation] = ps.parse_brat(ann, text)
    assert relation.content_spans == [(9, 21), (33, 47)]
    assert relation.content == "she would go she would stay"


def test_git_directory_and_prepared_cache_read_the_same_articles(tmp_path):
    if shutil.which("git") is None:
        pytest.fail("git is needed to build the git-directory form of the fixture")
    work = tmp_path / "PolNeAR"
    shutil.copytree(FIXTURE, work)
    git = ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "fixture"], check=True)
    expected = ps.load_corpus(FIXTURE, "dev")
    assert ps.load_corpus(work / ".git", "dev") == expected

    cache = tmp_path / "cache"  # the layout of polnear.py prepare: dev/raw/*.txt, dev/gold/*.json
    (cache / "dev" / "raw").mkdir(parents=True)
    (cache / "dev" / "gold").mkdir()
    for article in expected:
        (cache / "dev" / "raw" / f"{article.name}.txt").write_text(article.text, encoding="utf-8")
        gold = {"text_file": f"{article.name}.txt", "relations": [
            {"id": r.id, "source": r.source, "source_spans": r.source_spans,
             "cue": r.cue, "cue_span": list(r.cue_spans[0]) if r.cue_spans else None,
             "content": r.content, "content_spans": r.content_spans} for r in article.relations]}
        (cache / "dev" / "gold" / f"{article.name}.json").write_text(json.dumps(gold), encoding="utf-8")
    assert ps.load_corpus(cache, "dev") == expected


# --------------------------------------------------------------------------------------------------
# Words, quotation marks, speech attributions
# --------------------------------------------------------------------------------------------------


def test_tokens_fold_case_accents_and_possessives():
    assert ps.tokens("Mr. José O’Rourke’s $40 plan") == ["mr", "jose", "o", "rourke", "40", "plan"]


def test_dice_is_over_word_multisets():
    assert ps.dice(["a", "a", "b"], ["a", "b", "b"]) == pytest.approx(2 * 2 / 6)
    assert ps.dice([], ["a"]) == 0.0


def test_greedy_match_is_one_to_one_best_first():
    preds = [["a", "b"], ["a", "b", "c"]]
    golds = [["a", "b", "c"], ["x"]]
    assert ps.greedy_match(preds, golds) == {0: 1}  # the exact one wins; the other finds no partner


def mask_text(text):
    return "".join(c if inside else "_" for c, inside in zip(text, ps.quoted_mask(text)))


def test_quoted_mask_pairs_curly_straight_and_nyt_marks():
    assert mask_text('He said "go now" then') == '________"go now"_____'
    assert mask_text("He said “go” then") == "________“go”_____"
    assert mask_text("He said ''go now'' then") == "________''go now''_____"


def test_quoted_mask_tells_apostrophes_from_single_quotes():
    assert mask_text("Don't say 'never' again") == "__________'never'______"
    assert mask_text("the voters' choice") == "__________________"


def test_an_open_double_quote_runs_to_the_end_of_its_paragraph_only():
    assert mask_text("“One.\n“Two.”") == "“One._“Two.”"  # the line break itself is in no quotation
    assert mask_text("“One.\nTwo.") == "“One._____"


def test_speech_attributions_by_cue_according_to_and_quote_marks():
    reasons = {}
    for name, article in articles().items():
        mask = ps.quoted_mask(article.text)
        reasons[name] = [ps.speech_reason(r, article.text, mask) for r in article.relations]
    # believe: not speech; "according to" and "was announced" are
    assert reasons[MAYOR] == ["cue", "cue", "cue", "cue", None, "cue"]
    # "defended the increase": not speech; "shrugged: “...”": speech by its quote marks
    assert reasons[UTILITY] == [None, "cue", "cue", "cue", "quoted"]


def test_a_content_is_quoted_when_at_least_half_of_its_letters_are():
    text = 'He thinks the plan is "a disaster for all" and she says "no way".'

    def content(words):
        start = text.index(words)
        return ps.Relation("E1", [(start, start + len(words))], content=words)

    mask = ps.quoted_mask(text)
    assert ps.is_quoted(content('the plan is "a disaster for all"'), text, mask)  # 15 of 24 letters
    assert not ps.is_quoted(content('she says "no way"'), text, mask)  # 5 of 12


def test_inflections_of_speech_verbs():
    assert {"denies", "denied", "denying", "says", "said", "wrote", "admitted", "noted"} <= ps.SPEECH_FORMS
    assert "believed" not in ps.SPEECH_FORMS


# --------------------------------------------------------------------------------------------------
# The metrics
# --------------------------------------------------------------------------------------------------


def test_precision_counts_quotes_matching_any_content():
    scores = score_fixture()
    assert scores[MAYOR].counts["quotes_correct"] == 6  # all but "No more excuses." and the headline
    assert scores[MAYOR].counts["quotes_correct_frag"] == 7  # "No more excuses." is one fragment of E2
    assert scores[UTILITY].counts["quotes_correct"] == 3  # "executive pay" is too short a part of F4
    assert [q["text"] for q, _, inside in scores[UTILITY].unmatched] == ["executive pay"]
    assert scores[UTILITY].unmatched[0][2] is True  # it lies inside a gold content


def test_recall_matches_speech_attributions_one_to_one():
    scores = score_fixture()
    assert scores[MAYOR].counts["speech"] == 5
    assert scores[MAYOR].counts["matched"] == 5
    assert scores[UTILITY].counts["speech"] == 4
    assert scores[UTILITY].counts["matched"] == 3
    [(missed, nearest, best)] = scores[UTILITY].missed
    assert missed.cue == "insisted"
    assert nearest["text"] == "executive pay" and best == pytest.approx(4 / 9)


def test_source_accuracy_over_matched_attributions_with_a_source():
    scores = score_fixture()
    mayor, utility = scores[MAYOR].counts, scores[UTILITY].counts
    assert (mayor["source_judged"], mayor["source_correct"], mayor["matched_no_source"]) == (4, 2, 1)
    assert [r.source for r, _ in scores[MAYOR].wrong_source] == ["she", "a city report"]
    assert (utility["source_judged"], utility["source_correct"], utility["source_strict"]) == (3, 2, 1)
    assert [r.source for r, _ in scores[UTILITY].wrong_source] == ["one customer"]


def test_summary_of_the_fixture():
    summary = ps.summarise("dev", list(score_fixture().values()), None)
    assert summary["relations"] == 11
    assert (summary["attributions"], summary["attributions_by_cue"], summary["attributions_by_quotes_only"]) == (9, 8, 1)
    assert (summary["quotes"], summary["quotes_correct"], summary["matched"]) == (12, 9, 8)
    assert summary["precision"] == 0.75  # 9/12
    assert summary["precision_frag"] == 0.833  # 10/12
    assert summary["recall"] == 0.889  # 8/9
    assert summary["f1"] == 0.814
    assert (summary["source_judged"], summary["source_correct"]) == (7, 4)
    assert summary["source_accuracy"] == 0.571
    assert summary["source_accuracy_strict"] == 0.429
    assert summary["precision_by_kind"] == {"direct": 0.75, "indirect": 1.0, "partial": 0.333}


# --------------------------------------------------------------------------------------------------
# Source rules, one at a time
# --------------------------------------------------------------------------------------------------

TEXT = "Dan Ortiz, who runs the utility, spoke. Then the spokesman said prices would rise."


def relation(source, content="prices would rise"):
    start = TEXT.index(content)
    return ps.Relation("E1", [(start, start + len(content))], content=content, source=source)


def judge(source, **speaker):
    return ps.judge_source(quote("x", **speaker), relation(source), TEXT, ps.lower_case_words(TEXT))


def test_a_shared_name_word_is_strictly_correct_and_titles_do_not_count():
    assert judge("Mr. Ortiz", speaker="Dan Ortiz") == (True, True)
    assert judge("Mr. Smith", speaker="Mr. Jones") == (False, False)


def test_the_same_pronoun_in_speaker_text_is_correct():
    assert judge("he", speaker="Dan Ortiz", speaker_text="he") == (True, True)


def test_an_acronym_matches_the_full_name():
    assert judge("the IMF", speaker="International Monetary Fund", person=False) == (False, True)


def test_a_description_counts_when_our_speakers_surname_precedes_it():
    assert judge("the spokesman", speaker="Dan Ortiz") == (False, True)
    assert judge("the spokesman", speaker="Ann Lee") == (False, False)


def test_a_person_pronoun_needs_a_person_speaker():
    assert judge("he", speaker="Dan Ortiz", person=True) == (False, True)
    assert judge("he", speaker="Dan Ortiz", person=False) == (False, False)
    assert judge("they", speaker="Dan Ortiz", person=True) == (False, False)
    assert judge("they", speaker="Dan Ortiz", person=False) == (False, True)


# --------------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------------


def write_preds(path):
    with open(path, "w", encoding="utf-8") as out:
        for name, quotes in FAKE_QUOTES.items():
            out.write(json.dumps({"file": f"/anywhere/{name}.txt", "quotes": quotes}) + "\n")


def test_json_summary_from_saved_predictions(tmp_path, capsys):
    preds = tmp_path / "preds.jsonl"
    write_preds(preds)  # keyed by "file", as the reference scorer saves them
    summary = ps.main([str(FIXTURE), "--preds", str(preds), "--json"])
    printed = json.loads(capsys.readouterr().out)
    assert printed == summary
    assert (printed["precision"], printed["recall"], printed["source_accuracy"]) == (0.75, 0.889, 0.571)
    assert printed["missing_outputs"] == 0


def test_verbose_report_limit_and_saved_predictions(tmp_path, capsys):
    preds, saved = tmp_path / "preds.jsonl", tmp_path / "saved.jsonl"
    write_preds(preds)
    summary = ps.main([str(FIXTURE), "--preds", str(preds), "-v", "--limit", "1", "--save-preds", str(saved)])
    out = capsys.readouterr().out
    assert summary["articles"] == 1 and summary["attributions"] == 4  # UTILITY comes first by name
    assert "missed    ['insisted'" in out
    assert "unmatched [partial, Dice 0.44, inside a content] 'executive pay'" in out
    assert "source    gold 'one customer'" in out
    assert "recall      0.750" in out
    assert [json.loads(line)["file"] for line in saved.read_text().splitlines()] == [f"/anywhere/{UTILITY}.txt"]


def test_an_article_without_predictions_counts_as_no_quotes(tmp_path, capsys):
    preds = tmp_path / "preds.jsonl"
    preds.write_text(json.dumps({"name": MAYOR, "quotes": FAKE_QUOTES[MAYOR]}) + "\n")
    summary = ps.main([str(FIXTURE), "--preds", str(preds), "--json"])
    assert summary["missing_outputs"] == 1
    assert (summary["attributions"], summary["matched"]) == (9, 5)


@pytest.mark.slow
def test_the_real_extraction_finds_the_plain_direct_quote(capsys):
    summary = ps.main([str(FIXTURE), "--split", "dev", "--json"])
    assert summary["articles"] == 2 and summary["attributions"] == 9
    assert summary["matched"] >= 1 and summary["seconds_per_article"] > 0
    records = ps.extract([articles()[MAYOR]])
    found = {q["text"]: q for q in records[MAYOR]["quotes"]}
    assert "Reyes" in (found["We owe every family a safe glass of water,"]["speaker"] or "")
