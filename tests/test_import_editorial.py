"""`export_news` and `import_news` carry the editorial fields: tags, legacy paths, SEO texts and
the first-published and last-updated dates. An update changes only what its line gives, and
every article an import saves keeps a revision."""

import io
import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from articles.models import Article, Redirect

pytestmark = pytest.mark.django_db

FIRST = datetime(2020, 11, 20, 1, 30, tzinfo=UTC)
UPDATED = datetime(2021, 2, 3, 4, 5, tzinfo=UTC)


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write(tmp_path, *records, name="news.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def export(tmp_path):
    path = tmp_path / "export.jsonl"
    run("export_news", str(path))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def edited(make_article):
    """An article an editor has tagged, described for search engines and updated."""
    article = make_article(
        title="Hydrogen valley pilot",
        seo_title="Pilot starts",
        seo_description="Three stations, one valley.",
        first_published_at=FIRST,
        updated_significantly_at=UPDATED,
    )
    article.tags.set(["hydrogen", "Trucks"])
    Redirect.objects.create(old_path="/about/companynews-detail-9.htm", article=article)
    Redirect.objects.create(old_path="/news.asp", article=article)
    return article


def editorial(article):
    article = Article.objects.get(pk=article.pk)
    return {
        "tags": sorted(article.tags.names()),
        "legacy_paths": sorted(article.redirects.values_list("old_path", flat=True)),
        "seo": (article.seo_title, article.seo_description),
        "dates": (article.first_published_at, article.updated_significantly_at),
    }


def test_export_writes_the_editorial_fields(edited, tmp_path):
    (record,) = export(tmp_path)

    assert record["tags"] == ["Trucks", "hydrogen"]
    assert record["legacy_paths"] == ["/about/companynews-detail-9.htm", "/news.asp"]
    assert (record["seo_title"], record["seo_description"]) == edited_seo(edited)
    assert datetime.fromisoformat(record["first_published_at"]) == FIRST
    assert datetime.fromisoformat(record["updated_significantly_at"]) == UPDATED


def edited_seo(article):
    return (article.seo_title, article.seo_description)


def test_unset_fields_export_as_empty(make_article, tmp_path):
    make_article(title="Plain")
    (record,) = export(tmp_path)
    assert (record["tags"], record["legacy_paths"]) == ([], [])
    assert (record["seo_title"], record["seo_description"]) == ("", "")
    assert record["updated_significantly_at"] is None


def test_a_round_trip_into_an_empty_site_keeps_them(edited, tmp_path, client):
    before = editorial(edited)
    path = tmp_path / "news.jsonl"
    run("export_news", str(path))
    Article.objects.all().delete()

    run("import_news", str(path))

    article = Article.objects.get()
    assert editorial(article) == before
    moved = client.get("/about/companynews-detail-9.htm")
    assert (moved.status_code, moved["Location"]) == (301, article.get_absolute_url())


def test_a_line_without_them_leaves_them_alone(edited, tmp_path):
    before = editorial(edited)
    run("import_news", write(tmp_path, {"uuid": str(edited.uuid), "summary": "New summary."}))

    assert editorial(edited) == before
    assert Article.objects.get(pk=edited.pk).summary == "New summary."


def test_given_tags_replace_the_tags(edited, tmp_path):
    run("import_news", write(tmp_path, {"uuid": str(edited.uuid), "tags": ["fuel cells"]}))
    assert editorial(edited)["tags"] == ["fuel cells"]
    run("import_news", write(tmp_path, {"uuid": str(edited.uuid), "tags": []}))
    assert editorial(edited)["tags"] == []


def test_given_legacy_paths_are_added_and_none_is_removed(edited, tmp_path, client):
    line = {"uuid": str(edited.uuid), "legacy_paths": ["/news.asp", "http://old.example/a.htm?x=1"]}
    output = run("import_news", write(tmp_path, line))

    assert "1 updated" in output
    assert editorial(edited)["legacy_paths"] == [
        "/a.htm",
        "/about/companynews-detail-9.htm",
        "/news.asp",
    ]
    assert client.get("/a.htm")["Location"] == edited.get_absolute_url()


def test_seo_texts_and_dates_can_be_changed_and_unset(edited, tmp_path):
    line = {
        "uuid": str(edited.uuid),
        "seo_title": "",
        "seo_description": "Shorter.",
        "updated_significantly_at": None,
        "first_published_at": "2019-05-06T07:08:00+08:00",
    }
    run("import_news", write(tmp_path, line))
    assert editorial(edited)["seo"] == (None, "Shorter.")
    assert editorial(edited)["dates"] == (datetime(2019, 5, 5, 23, 8, tzinfo=UTC), None)


def test_a_legacy_path_of_another_article_is_an_error_for_that_line(edited, make_article, tmp_path):
    newcomer = make_article(title="Newcomer")
    lines = [
        {"uuid": str(newcomer.uuid), "summary": "Changed."},
        {"uuid": str(newcomer.uuid), "legacy_paths": ["/news.asp"]},
    ]
    with pytest.raises(CommandError, match=r"^Line 2: the legacy path /news.asp already leads to "):
        run("import_news", write(tmp_path, *lines))

    assert Redirect.objects.get(old_path="/news.asp").article == edited
    assert Article.objects.get(pk=newcomer.pk).summary != "Changed."  # nothing was saved


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"tags": "hydrogen, trucks"}, "tags must be a list of strings"),
        ({"tags": ["ok", 3]}, "tags must be a list of strings"),
        ({"tags": [f"tag {n}" for n in range(101)]}, "tags has 101 items; an article may have"),
        ({"tags": ["x" * 101]}, "tags has an item longer than 100 characters"),
        ({"tags": ["bad\x00tag"]}, "tags contains the character U\\+0000"),
        ({"legacy_paths": ["about/x.htm"]}, "legacy_paths has 'about/x.htm': The old path must"),
        ({"legacy_paths": ["/admin/"]}, "legacy_paths has '/admin/': /admin/ is the address of"),
        ({"first_published_at": "yesterday"}, "first_published_at is not an ISO 8601 date"),
        ({"updated_significantly_at": "9999-01-01"}, "updated_significantly_at .* out of range"),
        ({"seo_title": "x" * 201}, "seo_title is longer than 200 characters"),
    ],
)
def test_bad_values_are_refused_with_the_line_and_field(edited, tmp_path, values, message):
    before = editorial(edited)
    with pytest.raises(CommandError, match=f"^Line 1: {message}"):
        run("import_news", write(tmp_path, {"uuid": str(edited.uuid), **values}))
    assert editorial(edited) == before


def test_legacy_url_is_for_a_text_page_only(tmp_path, category):
    path = write(tmp_path, {"title": "One", "category": "company-news", "summary": "S."})
    with pytest.raises(CommandError, match="In a JSON Lines file each record gives its old"):
        run("import_news", path, "--legacy-url", "/a.htm")
    assert not Article.objects.exists()


# --- Revisions -------------------------------------------------------------------------


def comments(article):
    versions = Version.objects.get_for_object(article).select_related("revision")
    return [version.revision.comment for version in versions]


def test_each_imported_article_keeps_a_revision_naming_the_file(edited, tmp_path, category):
    lines = [
        {"uuid": str(edited.uuid), "summary": "Revised."},
        {"title": "Brand new", "category": "company-news", "summary": "New.", "tags": ["a"]},
    ]
    run("import_news", write(tmp_path, *lines, name="spring.jsonl"))

    new = Article.objects.get(title="Brand new")
    assert comments(edited) == comments(new) == ["Imported from spring.jsonl"]
    # The revision holds the article with its tags.
    (version,) = Version.objects.get_for_object(new)
    stored_tags = [v for v in version.revision.version_set.all() if v.object_id != str(new.pk)]
    assert len(stored_tags) == 1


def test_a_change_of_tags_alone_is_a_revision_and_nothing_new_is_none(edited, tmp_path):
    line = {"uuid": str(edited.uuid), "tags": ["hydrogen", "Trucks"]}
    output = run("import_news", write(tmp_path, line))
    assert "1 unchanged" in output
    assert comments(edited) == []

    run("import_news", write(tmp_path, {**line, "tags": ["hydrogen"]}, name="tags.jsonl"))
    assert comments(edited) == ["Imported from tags.jsonl"]


def test_a_legacy_page_import_keeps_a_revision_too():
    run("import_news", "/work/shared/seeds/legacy-news-page.txt")
    assert comments(Article.objects.get()) == ["Imported from legacy-news-page.txt"]


# --- Streaming -------------------------------------------------------------------------


def test_export_reads_tags_and_paths_a_chunk_at_a_time(make_article, tmp_path):
    def queries_to_export():
        with CaptureQueriesContext(connection) as queries:
            run("export_news", str(tmp_path / "out.jsonl"))
        return len(queries.captured_queries)

    for n in range(3):
        make_article(title=f"First {n}").tags.set([f"tag {n}"])
    few = queries_to_export()
    for n in range(9):
        article = make_article(title=f"More {n}")
        article.tags.set([f"more {n}"])
        Redirect.objects.create(old_path=f"/old/{n}.htm", article=article)
    assert queries_to_export() == few
