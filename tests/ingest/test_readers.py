"""Reading inputs: every bad document gets a clear reason, and the batch goes on."""

import json

import pytest

from diplograph import errors
from diplograph.ingest import read_inputs
from diplograph.model import Article, Rejection
from diplograph.settings import load_settings

GOOD_DE = "Russland und der Iran haben am Freitag in Moskau einen Vertrag über eine Partnerschaft unterzeichnet."


@pytest.fixture()
def settings():
    return load_settings()


def read_all(paths, settings):
    return list(read_inputs([str(p) for p in paths], settings=settings))


def test_text_with_sidecar_metadata(tmp_path, settings):
    (tmp_path / "a.txt").write_text(GOOD_DE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"published": "2025-01-17", "title": "T", "lang": "de"}))
    [article] = read_all([tmp_path / "a.txt"], settings)
    assert (article.id, article.published, article.title, article.lang) == ("a", "2025-01-17", "T", "de")


def test_broken_sidecar_is_a_warning_not_a_loss(tmp_path, settings):
    (tmp_path / "a.txt").write_text(GOOD_DE, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text("{not json")
    [article] = read_all([tmp_path / "a.txt"], settings)
    assert isinstance(article, Article) and article.text == GOOD_DE
    assert errors.BAD_METADATA in article.warnings[0]


def test_folder_with_bad_documents(tmp_path, settings):
    (tmp_path / "good.txt").write_text(GOOD_DE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n ", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (tmp_path / "latin1.txt").write_bytes(
        "Die Türkei und Österreich verhandeln über Flüchtlinge und Zölle.".encode("latin-1")
    )
    (tmp_path / "x.gold.json").write_text("{}")
    results = {r.origin.rsplit("/", 1)[-1]: r for r in read_all([tmp_path], settings)}
    assert set(results) == {"good.txt", "empty.txt", "binary.txt", "latin1.txt"}
    assert isinstance(results["good.txt"], Article)
    assert (results["empty.txt"].code, results["binary.txt"].code) == (errors.EMPTY, errors.BINARY)
    latin = results["latin1.txt"]
    assert isinstance(latin, Article) and "Türkei" in latin.text and "not UTF-8" in latin.warnings[0]


def test_huge_file_is_rejected_with_the_limit(tmp_path):
    settings = load_settings()
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (settings.max_bytes + 1))
    [rejection] = read_all([big], settings)
    assert isinstance(rejection, Rejection) and rejection.code == errors.TOO_LARGE
    assert "ingest.max_bytes" in rejection.reason


def test_json_lines_with_a_malformed_line(tmp_path, settings):
    lines = [
        json.dumps({"id": "one", "text": GOOD_DE, "published": "2025-01-17"}),
        '{"id": "two", "text": "truncated',
        json.dumps({"id": "three"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "four", "text": "Iran and Russia signed a treaty in Moscow on Friday, officials said."}),
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read_all([path], settings)
    assert [type(r).__name__ for r in results] == ["Article", "Rejection", "Rejection", "Rejection", "Article"]
    assert results[1].origin.endswith("c.jsonl:2") and results[1].code == errors.MALFORMED_JSON
    assert "text" in results[2].reason


def test_html_article_body(tmp_path, settings):
    body = " ".join([GOOD_DE] * 4)
    html = (
        "<!DOCTYPE html><html><head><title>Vertrag unterzeichnet</title></head><body>"
        "<nav>Startseite | Politik | Sport</nav>"
        f"<article><h1>Vertrag unterzeichnet</h1><p>{body}</p><p>{body}</p></article>"
        "<footer>Impressum Datenschutz</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    [article] = read_all([tmp_path / "page.html"], settings)
    assert isinstance(article, Article)
    assert "Moskau" in article.text and "Impressum" not in article.text


def test_missing_path_is_a_usage_error(settings):
    with pytest.raises(errors.UsageError):
        read_all(["/nonexistent/file.txt"], settings)


def test_one_giant_json_lines_record_costs_only_itself(tmp_path):
    from diplograph.settings import Settings

    settings = Settings(max_bytes=2_000, extensions=(".jsonl",), fallback_language=None, min_confidence=0.7)
    good = '{"id": "a", "text": "Russland und Iran unterzeichneten einen Vertrag."}\n'
    giant = '{"id": "b", "text": "' + "x" * 10_000 + '"}\n'
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(good + giant + good.replace('"a"', '"c"'), encoding="utf-8")
    items = list(read_inputs([str(corpus)], settings=settings))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article"]
    assert items[1].code == "D104" and items[1].origin.endswith(":2")
    assert items[2].origin.endswith(":3")


def test_dotted_names_keep_their_whole_name_and_own_metadata(tmp_path, settings):
    """``report.2008.08.06.txt`` is the document ``report.2008.08.06``, with its own sidecar."""
    for day in ("06", "07"):
        (tmp_path / f"report.2008.08.{day}.txt").write_text(GOOD_DE, encoding="utf-8")
        (tmp_path / f"report.2008.08.{day}.meta.json").write_text(json.dumps({"published": f"2008-08-{day}"}))
    (tmp_path / "report.meta.json").write_text(json.dumps({"published": "1999-01-01"}))  # must not be read
    articles = read_all([tmp_path], settings)
    assert [(a.id, a.published) for a in articles] == [
        ("report.2008.08.06", "2008-08-06"),
        ("report.2008.08.07", "2008-08-07"),
    ]


def test_jsonl_ids_keep_dotted_file_names(tmp_path, settings):
    corpus = tmp_path / "news.2025.jsonl"
    corpus.write_text(json.dumps({"text": GOOD_DE}) + "\n", encoding="utf-8")
    [article] = read_all([corpus], settings)
    assert article.id == "news.2025-1"
