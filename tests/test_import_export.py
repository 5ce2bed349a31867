"""`export_news` and `import_news` with JSON Lines: round trips, re-runs and refused files."""

import io
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.importers.jsonl import FIELDS
from articles.models import Article, Category

pytestmark = pytest.mark.django_db
COMPARED = (
    "title",
    "slug",
    "summary",
    "body",
    "source",
    "status",
    "publish_at",
    "pinned",
    "cover",
    "cover_alt",
)


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot():
    """What an editor would see of every article, keyed by title."""
    return {
        article.title: {
            **{name: getattr(article, name) for name in COMPARED},
            "cover": article.cover.name,
            "category": (article.category.slug, article.category.name, article.category.position),
        }
        for article in Article.objects.select_related("category")
    }


@pytest.fixture
def articles(make_article, make_category, category, image_upload):
    media = make_category(name="Media Coverage", slug="media-coverage", position=3)
    return [
        make_article(
            title="FTXT and BAIC FOTON Speeds Up Deepening Cooperation",
            summary="Two companies meet “in depth”.",
            body="<p>China’s pilot &amp; more</p><h2>Next</h2><ul><li>One</li></ul>",
            source="Corporate Communications",
            pinned=True,
            cover=image_upload(),
            cover_alt="Two teams at the meeting table",
            publish_at=datetime(2020, 11, 20, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
        ),
        make_article(title="公司荣获年度氢能创新奖", category=media, summary="获奖"),
        make_article(title="Draft in progress", status=Article.Status.DRAFT, summary=""),
        make_article(title="Scheduled launch", publish_at=timezone.now() + timedelta(days=3)),
    ]


def test_export_writes_one_utf8_json_object_per_article(articles, tmp_path):
    path = tmp_path / "news.jsonl"

    output = run("export_news", str(path))

    assert f"Exported 4 articles to {path}." in output
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 4
    assert all(tuple(record) == FIELDS for record in records)
    assert "公司荣获年度氢能创新奖" in lines[1]  # readable, not \u escapes
    first = records[0]
    assert first["category"] == "company-news"
    assert first["category_name"] == "Company News"
    assert first["publish_at"] == "2020-11-20T09:30:00+08:00"
    assert first["pinned"] is True
    assert first["cover"] == articles[0].cover.name
    assert {record["status"] for record in records} == {"published", "draft"}


def test_export_to_standard_output(articles):
    out, err = io.StringIO(), io.StringIO()

    call_command("export_news", "-", stdout=out, stderr=err)

    titles = [json.loads(line)["title"] for line in out.getvalue().splitlines()]
    assert titles == [article.title for article in articles]
    assert "Exported 4 articles" in err.getvalue()


def test_export_to_a_missing_folder_is_refused(tmp_path):
    path = tmp_path / "missing" / "news.jsonl"
    with pytest.raises(CommandError, match="Cannot write .*missing/news.jsonl"):
        run("export_news", str(path))


def test_round_trip_into_an_empty_database_reproduces_every_field(articles, tmp_path):
    path = tmp_path / "news.jsonl"
    run("export_news", str(path))
    before = snapshot()
    Article.objects.all().delete()
    Category.objects.all().delete()

    output = run("import_news", str(path))

    assert "Imported 4 articles (4 created, 0 updated, 0 unchanged)." in output
    after = snapshot()
    for title, fields in before.items():
        # New categories are numbered in the order they appear; names and slugs must match.
        assert after[title]["category"][:2] == fields["category"][:2]
        assert {k: v for k, v in after[title].items() if k != "category"} == {
            k: v for k, v in fields.items() if k != "category"
        }
    assert Article.objects.get(title=articles[0].title).cover_card


def test_importing_the_same_file_again_changes_nothing(articles, tmp_path):
    path = tmp_path / "news.jsonl"
    run("export_news", str(path))
    before = snapshot()
    updated_at = dict(Article.objects.values_list("title", "updated_at"))

    output = run("import_news", str(path))

    assert "Imported 4 articles (0 created, 0 updated, 4 unchanged)." in output
    assert Article.objects.count() == 4
    assert snapshot() == before
    assert dict(Article.objects.values_list("title", "updated_at")) == updated_at


UPDATE = {
    "title": "Scheduled launch",
    "category": "company-news",
    "summary": "New summary.",
    "body": "<p>New body.</p><script>alert(1)</script>",
    "status": "published",
    "publish_at": "2021-01-05T08:00:00+08:00",
    "pinned": False,
}


def test_import_updates_the_article_with_the_same_title_but_not_its_publish_date(
    articles, tmp_path
):
    path = tmp_path / "update.jsonl"
    path.write_text(json.dumps(UPDATE) + "\n", encoding="utf-8")

    output = run("import_news", str(path))

    assert "(0 created, 1 updated, 0 unchanged)" in output
    assert "Line 1: 'Scheduled launch' matched by title only; its publish date (" in output
    article = Article.objects.get(title="Scheduled launch")
    assert article.summary == "New summary."
    assert article.body == "<p>New body.</p>"
    assert article.publish_at == articles[3].publish_at
    assert not article.is_published()  # still scheduled
    assert Article.objects.count() == 4


def test_import_updates_the_article_with_the_same_uuid_and_its_publish_date(articles, tmp_path):
    path = tmp_path / "update.jsonl"
    record = {**UPDATE, "uuid": str(articles[3].uuid), "title": "Launched"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    output = run("import_news", str(path))

    assert "(0 created, 1 updated, 0 unchanged)" in output
    article = Article.objects.get(pk=articles[3].pk)
    assert (article.title, article.summary) == ("Launched", "New summary.")
    assert article.is_published()
    assert Article.objects.count() == 4


def test_import_creates_a_missing_category_from_the_record(db, tmp_path):
    record = {
        "title": "Hydrogen standard published",
        "category": "industry-news",
        "category_name": "Industry News",
        "summary": "A new standard.",
    }
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    output = run("import_news", str(path))

    assert "Created 1 category." in output
    article = Article.objects.get()
    assert (article.category.slug, article.category.name) == ("industry-news", "Industry News")
    assert article.status == Article.Status.PUBLISHED


def test_a_cover_missing_from_media_storage_is_dropped(category, tmp_path):
    record = {
        "title": "With a lost cover",
        "category": "company-news",
        "body": "<p>Text</p>",
        "cover": "covers/2020/11/gone.jpg",
        "cover_alt": "Gone",
    }
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    output = run("import_news", str(path))

    assert "1 cover image was not found" in output
    assert not Article.objects.get().cover


VALID = {"title": "Fresh article", "category": "company-news", "body": "<p>New.</p>"}


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"title": "Broken", "body": ', "Line 3: this is not valid JSON"),
        (
            json.dumps({**VALID, "title": "Bad date", "publish_at": "2020-13-45"}),
            "Line 3: publish_at is not an ISO 8601 date: '2020-13-45'.",
        ),
        (
            json.dumps({**VALID, "title": "Odd status", "status": "archived"}),
            "Line 3: status must be one of draft, published, not 'archived'.",
        ),
        (json.dumps({**VALID, "title": ""}), "Line 3: title is missing or empty."),
        (
            json.dumps({"category": "company-news", "body": "<p>x</p>"}),
            "Line 3: title is missing or empty.",
        ),
        (
            json.dumps({**VALID, "title": "Pinned?", "pinned": "yes"}),
            "Line 3: pinned must be true or false",
        ),
        (json.dumps({**VALID, "title": "x" * 201}), "Line 3: title is longer than 200"),
        (
            json.dumps({**VALID, "title": "No text", "body": "", "summary": ""}),
            "Line 3: body and summary are both empty",
        ),
        ('["a", "list"]', "Line 3: a record must be a JSON object"),
    ],
)
def test_a_malformed_line_is_named_and_nothing_is_written(articles, tmp_path, bad_line, message):
    before = snapshot()
    update = {"title": articles[0].title, "category": "company-news", "body": "<p>Changed</p>"}
    path = tmp_path / "news.jsonl"
    path.write_text(
        "\n".join([json.dumps(VALID), json.dumps(update), bad_line]) + "\n", encoding="utf-8"
    )

    with pytest.raises(CommandError) as error:
        run("import_news", str(path))

    assert str(error.value).startswith(message)
    assert snapshot() == before  # the two good lines before it were rolled back
    assert not Article.objects.filter(title="Fresh article").exists()


def test_bytes_that_are_not_utf8_are_refused_with_the_line(articles, tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(json.dumps(VALID).encode() + b"\n" + '{"title": "Caf\xe9"}'.encode("latin-1"))

    with pytest.raises(CommandError, match=r"news.jsonl is not UTF-8 text: line 2"):
        run("import_news", str(path))
    assert Article.objects.count() == 4


def test_a_missing_file_is_refused_by_name(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nowhere.jsonl"):
        run("import_news", str(tmp_path / "nowhere.jsonl"))


def test_an_unknown_category_without_a_name_is_refused(db, tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({**VALID, "category": "awards"}) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Line 1: there is no category 'awards'"):
        run("import_news", str(path))
    assert not Category.objects.exists()


# easy-thumbnails warns that it has no SVG support while it tries to read the bad file.
@pytest.mark.filterwarnings("ignore:Could not import VIL")
@pytest.mark.parametrize(
    ("cover", "message"),
    [
        ("../../etc/passwd", "Line 1: cover must name a file inside the media folder"),
        ("covers/notes.jpg", "Line 1: cover 'covers/notes.jpg' is not an image"),
    ],
)
def test_a_cover_outside_media_or_not_an_image_is_refused(
    category, tmp_path, media_root, cover, message
):
    (media_root / "covers").mkdir(parents=True)
    (media_root / "covers" / "notes.jpg").write_text("not an image")
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({**VALID, "cover": cover}) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        run("import_news", str(path))
    assert not Article.objects.exists()


def test_verbosity_zero_is_quiet(articles, tmp_path):
    path = tmp_path / "news.jsonl"
    assert run("export_news", str(path), "--verbosity", "0") == ""
    assert run("import_news", str(path), "--verbosity", "0") == ""
