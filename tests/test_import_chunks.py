"""`import_news` reads a large file a chunk of lines at a time and still acts as one import."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from articles.management.commands import import_news
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(import_news, "CHUNK_LINES", 2)


def write(tmp_path, *records):
    path = tmp_path / "news.jsonl"
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def record(title, summary):
    return {"title": title, "category": "company-news", "summary": summary}


def test_a_title_seen_in_an_earlier_chunk_or_the_database_is_updated(tmp_path, make_article):
    make_article(title="Known", summary="Old summary.")
    path = write(
        tmp_path,
        record("First", "One."),
        record("Second", "Two."),
        record("First", "One, revised."),  # the next chunk: updates what line 1 created
        record("Known", "New summary."),
        record("Third", "Three."),
        record("Third", "Three, revised."),  # same chunk as its first line
    )
    out = io.StringIO()
    call_command("import_news", path, stdout=out)
    assert "3 created, 3 updated" in out.getvalue()
    summaries = dict(Article.objects.values_list("title", "summary"))
    assert summaries == {
        "Known": "New summary.",
        "First": "One, revised.",
        "Second": "Two.",
        "Third": "Three, revised.",
    }


def test_a_bad_line_in_a_later_chunk_names_its_line_and_saves_nothing(tmp_path, category):
    path = write(
        tmp_path,
        record("First", "One."),
        record("Second", "Two."),
        record("Third", "Three."),
        "{not json",
    )
    with pytest.raises(CommandError, match=r"^Line 4: this is not valid JSON"):
        call_command("import_news", path, stdout=io.StringIO())
    assert not Article.objects.exists()


def test_the_first_problem_in_file_order_is_reported(tmp_path, make_article):
    make_article(title="Twin")
    make_article(title="Twin")
    path = write(tmp_path, record("Twin", "Which one?"), "[1, 2]")
    with pytest.raises(CommandError, match=r"^Line 1: more than one article is titled"):
        call_command("import_news", path, stdout=io.StringIO())


def test_a_uuid_created_in_an_earlier_chunk_is_updated_by_it(tmp_path, category):
    key = "0b9e6d55-2f1c-4d7a-9c3e-5a1b2c3d4e5f"
    path = write(
        tmp_path,
        {**record("First", "One."), "uuid": key},
        record("Second", "Two."),
        {"uuid": key, "title": "First, renamed"},  # the next chunk
    )
    out = io.StringIO()
    call_command("import_news", path, stdout=out)
    assert "2 created, 1 updated" in out.getvalue()
    assert sorted(Article.objects.values_list("title", flat=True)) == ["First, renamed", "Second"]


def test_a_rename_earlier_in_the_chunk_moves_the_title(tmp_path, make_article, monkeypatch):
    monkeypatch.setattr(import_news, "CHUNK_LINES", 10)  # one chunk
    article = make_article(title="Old name", summary="Old summary.")
    path = write(
        tmp_path,
        {"uuid": str(article.uuid), "title": "New name"},
        {"title": "New name", "summary": "Found by its new name."},
        record("Old name", "A new article: no other has this title now."),
    )
    out = io.StringIO()
    call_command("import_news", path, stdout=out)
    assert "1 created, 2 updated" in out.getvalue()
    article.refresh_from_db()
    assert (article.title, article.summary) == ("New name", "Found by its new name.")
    assert Article.objects.get(title="Old name").pk != article.pk
