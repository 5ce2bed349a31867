"""`import_news` never publishes by accident and never tracebacks (security review 1 and 10)."""

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db
SECRET = "SECRET DRAFT merger"
SECRET_BODY = "<p>Confidential: we buy Example Corp for 2 billion.</p>"


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write(tmp_path, *records, name="news.jsonl"):
    path = tmp_path / name
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def stored():
    """Every article's fields that a visitor or editor would notice, by id."""
    return {
        article.pk: (
            article.title,
            article.slug,
            article.category_id,
            article.summary,
            article.body,
            article.status,
            article.publish_at,
            article.pinned,
        )
        for article in Article.objects.all()
    }


# A complete record that updates the article "Known": the line before a bad one.
KNOWN_UPDATE = {
    "title": "Known",
    "category": "company-news",
    "body": "<p>Text</p>",
    "source": "Changed",
}


@pytest.fixture
def secret(make_article):
    return make_article(title=SECRET, status=Article.Status.DRAFT, summary="tpyo", body=SECRET_BODY)


# Finding 1: a partial record matched by title must not publish a draft.


def test_a_partial_record_matched_by_title_leaves_a_draft_a_draft(secret, tmp_path, client):
    path = write(tmp_path, {"title": SECRET, "category": "company-news", "summary": "typo fixed"})

    output = run("import_news", path)

    assert "Imported 1 article (0 created, 1 updated, 0 unchanged)." in output
    secret.refresh_from_db()
    assert (secret.summary, secret.status, secret.body) == ("typo fixed", "draft", SECRET_BODY)
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert "Confidential" not in client.get("/news/").content.decode()


def test_a_status_in_a_record_matched_by_title_is_kept_and_reported(secret, tmp_path, client):
    publish_at = secret.publish_at
    path = write(
        tmp_path,
        {
            "title": SECRET,
            "summary": "typo fixed",
            "status": "published",
            "publish_at": "2020-01-01T00:00:00+08:00",
        },
    )

    output = run("import_news", path)

    assert (
        f"Line 1: '{SECRET}' matched by title only; its status (draft) and publish date "
        f"({timezone.localtime(publish_at).isoformat()}) were kept."
    ) in output
    assert "1 article was matched by title only and kept its status and publish date" in output
    assert "(0 created, 1 updated, 0 unchanged)" in output
    secret.refresh_from_db()
    assert (secret.status, secret.publish_at, secret.summary) == ("draft", publish_at, "typo fixed")
    assert client.get(secret.get_absolute_url()).status_code == 404


def test_a_record_with_the_articles_uuid_may_publish_it(secret, tmp_path, client):
    path = write(tmp_path, {"uuid": str(secret.uuid), "status": "published"})

    output = run("import_news", path)

    assert "(0 created, 1 updated, 0 unchanged)" in output
    assert "kept" not in output
    secret.refresh_from_db()
    assert secret.status == "published"
    assert secret.summary == "tpyo"  # absent from the record, so unchanged
    assert client.get(secret.get_absolute_url()).status_code == 200


def test_a_scheduled_article_matched_by_title_stays_scheduled(make_article, tmp_path, client):
    later = timezone.now() + timedelta(days=2)
    article = make_article(title="Launch next week", publish_at=later)
    path = write(tmp_path, {"title": article.title, "publish_at": "2020-01-01T08:00:00+08:00"})

    output = run("import_news", path)

    assert "'Launch next week' matched by title only; its publish date (" in output
    assert "0 updated, 1 unchanged" in output
    article.refresh_from_db()
    assert article.publish_at == later
    assert client.get(article.get_absolute_url()).status_code == 404


def test_renaming_then_importing_the_export_again_adds_no_copy(make_article, tmp_path):
    articles = [make_article(title=f"Story {n}") for n in range(3)]
    path = str(tmp_path / "news.jsonl")
    run("export_news", path)
    renamed = articles[1]
    renamed.title = "Story 1, renamed in the admin"
    renamed.save()

    output = run("import_news", path)

    assert "Imported 3 articles (0 created, 1 updated, 2 unchanged)." in output
    assert Article.objects.count() == 3
    renamed.refresh_from_db()
    assert renamed.title == "Story 1"


def test_export_writes_each_articles_uuid_and_a_new_site_keeps_it(make_article, tmp_path):
    articles = [make_article(), make_article(status=Article.Status.DRAFT)]
    path = str(tmp_path / "news.jsonl")
    run("export_news", path)
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]
    assert [record["uuid"] for record in records] == [str(a.uuid) for a in articles]
    Article.objects.all().delete()

    assert "(2 created, 0 updated, 0 unchanged)" in run("import_news", path)
    Article.objects.filter(uuid=articles[0].uuid).update(title="Renamed on the new site")
    assert "(0 created, 1 updated, 1 unchanged)" in run("import_news", path)
    assert sorted(Article.objects.values_list("uuid", "title")) == sorted(
        (a.uuid, a.title) for a in articles
    )


def test_an_update_changes_only_the_fields_the_record_has(make_article, make_category, tmp_path):
    article = make_article(title="Quarterly results", source="Finance")
    other = make_category(name="Industry News", slug="industry-news")
    before = stored()[article.pk]
    path = write(tmp_path, {"title": "Quarterly results", "pinned": True})

    output = run("import_news", path, "--category", other.slug)

    assert "(0 created, 1 updated, 0 unchanged)" in output
    article.refresh_from_db()
    assert article.pinned is True
    assert stored()[article.pk][:-1] == before[:-1]  # category, text, status, date: the same
    assert article.source == "Finance"


def test_a_uuid_that_no_article_has_creates_the_article_with_it(category, tmp_path):
    key = "6f1c2a3e-8a59-4d35-9a49-0b1f3c1d2e4f"
    record = {"uuid": key, "title": "From another site", "category": "company-news", "body": "x"}
    path = write(tmp_path, record)

    assert "(1 created, 0 updated, 0 unchanged)" in run("import_news", path)
    assert str(Article.objects.get().uuid) == key
    assert "(0 created, 0 updated, 1 unchanged)" in run("import_news", path)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            {"uuid": "6f1c2a3e-8a59-4d35-9a49-0b1f3c1d2e4f", "summary": "Orphan"},
            "Line 2: there is no article with uuid 6f1c2a3e-8a59-4d35-9a49-0b1f3c1d2e4f, and "
            "the record has no title to create it.",
        ),
        ({"uuid": "not-a-uuid", "title": "x"}, "Line 2: uuid is not a valid UUID: 'not-a-uuid'."),
        ({"uuid": 42, "title": "x"}, "Line 2: uuid must be a string, not 42."),
        ({"summary": "Whose?"}, "Line 2: title is missing or empty."),
        (
            {"title": "Known", "body": "", "summary": " "},
            "Line 2: body and summary are both empty; give at least one.",
        ),
        (
            {"title": "Brand new", "summary": "No category"},
            "Line 2: category is missing; give the category slug.",
        ),
    ],
)
def test_records_that_name_no_article_or_empty_one_are_refused(
    make_article, tmp_path, record, message
):
    make_article(title="Known", body="<p>Text</p>", summary="")
    before = stored()
    path = write(tmp_path, KNOWN_UPDATE, record)

    with pytest.raises(CommandError) as error:
        run("import_news", path)

    assert str(error.value) == message
    assert stored() == before


def test_a_legacy_page_keeps_the_status_and_date_of_an_existing_article(
    make_article, tmp_path, client
):
    article = make_article(title="Plant tour for students", status=Article.Status.DRAFT)
    publish_at = article.publish_at
    path = tmp_path / "page.txt"
    path.write_text("News Center\nPlant tour for students\n\nOn 2019-04-12 forty came.\n")

    output = run("import_news", str(path))

    assert (
        "'Plant tour for students' already exists; its status (draft) and publish date "
        f"({timezone.localtime(publish_at).isoformat()}) were kept."
    ) in output
    assert "(0 created, 1 updated, 0 unchanged)" in output
    article.refresh_from_db()
    assert (article.status, article.publish_at) == ("draft", publish_at)
    assert article.body == "<p>On 2019-04-12 forty came.</p>"
    assert client.get(article.get_absolute_url()).status_code == 404


# Finding 10: hostile values get "Line N: …", change nothing, and never a traceback.

OUT_OF_RANGE = [
    ("0001-01-01T00:00:00", "The publish date must be in 1900 or later."),
    ("1899-12-31T23:59:59+14:00", "The publish date must be in 1900 or later."),
    ("9999-12-31T23:59:59-14:00", "The publish date must be in 2999 or earlier."),
    ("3000-01-01T00:00:00-12:00", "The publish date must be in 2999 or earlier."),
]


@pytest.mark.parametrize(("value", "problem"), OUT_OF_RANGE)
def test_a_publish_date_out_of_range_is_refused(make_article, tmp_path, value, problem):
    make_article(title="Known", body="<p>Text</p>")
    before = stored()
    path = write(
        tmp_path,
        KNOWN_UPDATE,
        {"title": "Fresh", "category": "company-news", "body": "<p>New</p>", "publish_at": value},
    )

    with pytest.raises(CommandError) as error:
        run("import_news", path)

    assert str(error.value) == f"Line 2: publish_at {value!r} is out of range. {problem}"
    assert stored() == before


@pytest.mark.parametrize(
    "value", ["1900-01-01T00:00:00+14:00", "1900-01-01T00:00:00", "2999-12-31T23:59:59-12:00"]
)
def test_the_first_and_last_moments_of_the_range_in_any_time_zone_are_accepted(
    category, tmp_path, value
):
    record = {"title": "Edge", "category": "company-news", "body": "x", "publish_at": value}

    run("import_news", write(tmp_path, record))

    moment = datetime.fromisoformat(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)  # the site's time zone, UTC+8
    assert Article.objects.get().publish_at == moment


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "Board\x00meeting", "U+0000"),
        ("summary", "half a pair \ud800", "U+D800"),
        ("body", "<p>\udfff</p>", "U+DFFF"),
        ("category_name", "News\x00", "U+0000"),
        ("source", "\x00", "U+0000"),
    ],
)
def test_nul_and_lone_surrogates_are_refused_by_field(
    make_article, tmp_path, client, field, value, code
):
    make_article(title="Known", body="<p>Text</p>")
    before = stored()
    record = {"title": "Fresh", "category": "company-news", "body": "<p>New</p>", field: value}
    path = write(tmp_path, KNOWN_UPDATE, record)  # json.dumps escapes them

    with pytest.raises(CommandError) as error:
        run("import_news", path)

    assert str(error.value) == (
        f"Line 2: {field} contains the character {code}, which is not text; remove it."
    )
    assert stored() == before
    assert "\x00" not in client.get("/news/").content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("News Center\nOpen day\n\nCome and\x00 visit.\n", "Line 4: U+0000 is a control character"),
        ("Open\x1b[31m day\n\nCome and visit.\n", "Line 1: U+001B is a control character"),
        ("Open day\n\nCome\x0band visit.\r\n", "Line 3: U+000B is a control character"),
    ],
)
def test_a_page_with_a_control_character_is_refused_with_its_line(
    make_article, tmp_path, text, message
):
    make_article(title="Open day", status=Article.Status.DRAFT)
    before = stored()
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8", newline="")

    with pytest.raises(CommandError) as error:
        run("import_news", str(path))

    assert str(error.value) == f"{message}, not text; remove it."
    assert stored() == before


def test_tabs_and_windows_line_ends_are_text(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(b"News Center\r\nOpen day\r\n\r\nCome\tand visit on 2021-05-01.\r\n")

    run("import_news", str(path))

    assert Article.objects.get().body == "<p>Come and visit on 2021-05-01.</p>"


def test_a_page_dated_out_of_range_is_refused(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Founding day\n\nOn 0001-01-01 the company began.\n", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        run("import_news", str(path))

    assert str(error.value) == (
        f"{path} is dated 0001-01-01. The publish date must be in 1900 or later. "
        "Correct the date in the file."
    )
    assert not Article.objects.exists()


def test_export_survives_a_date_stored_before_dates_were_bounded(make_article, tmp_path):
    article = make_article()
    end = datetime(9999, 12, 31, 20, 0, tzinfo=UTC)  # year 10000 in the site's time zone
    Article.objects.filter(pk=article.pk).update(publish_at=end)
    path = tmp_path / "news.jsonl"

    run("export_news", str(path))

    assert json.loads(path.read_text())["publish_at"] == "9999-12-31T20:00:00+00:00"


# The admin refuses the same dates with a form error.


def article_form(article=None, **changes):
    data = {
        "title": "Dated article",
        "slug": "",
        "category": "",
        "summary": "Summary.",
        "body": "<p>Body.</p>",
        "cover_alt": "",
        "status": "published",
        "publish_at_0": "2021-03-05",
        "publish_at_1": "09:00:00",
        "source": "",
    }
    if article is not None:
        data.update(title=article.title, slug=article.slug, category=article.category_id)
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("day", "problem"),
    [
        ("0001-01-01", "The publish date must be in 1900 or later."),
        ("9999-12-31", "The publish date must be in 2999 or earlier."),
    ],
)
def test_the_admin_refuses_a_publish_date_out_of_range(
    editor_client, make_article, category, day, problem
):
    article = make_article()
    before = stored()

    added = editor_client.post(
        "/admin/articles/article/add/", article_form(category=category.pk, publish_at_0=day)
    )
    changed = editor_client.post(
        f"/admin/articles/article/{article.pk}/change/", article_form(article, publish_at_0=day)
    )

    for response in (added, changed):
        assert response.status_code == 200
        assert problem in response.content.decode()
    assert stored() == before


@pytest.mark.parametrize("year", ["1", "9999"])
def test_the_admin_list_by_an_impossible_year_is_not_an_error(editor_client, make_article, year):
    make_article()

    response = editor_client.get(f"/admin/articles/article/?publish_at__year={year}", follow=True)

    # SQLite cannot hold these bounds and goes back to the list, as for any lookup it refuses;
    # PostgreSQL can, and shows the (empty) year.
    assert response.status_code == 200
    assert response.redirect_chain in ([], [("/admin/articles/article/?e=1", 302)])
