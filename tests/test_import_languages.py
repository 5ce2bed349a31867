"""Languages in import_news and export_news: JSON Lines records carry an article's language and
translation key; `--language` imports a Chinese legacy page, or gives records without a
language one; a story never gets two articles in one language."""

import datetime
import io
import json
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db

# A page of the old Chinese site, laid out like seeds/legacy-news-page.txt.
CHINESE_PAGE = """在线留言
新闻中心
新闻中心
未势能源与北汽福田加速深化合作
字号

2020年11月20日，北汽福田副总裁、福田智蓝新能源总经理秦志东一行到访未势能源。未势能源董事长张天羽、总经理陈雪松及相关部门负责人参加了交流活动。

双方就燃料电池汽车示范试点的政策导向进行了热烈交流，并共同探讨了重点市场的应用、场景研究以及产品配套的联合示范推广。
"""
CHINESE_TITLE = "未势能源与北汽福田加速深化合作"


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write_records(path, *records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def record(**fields):
    return {
        "title": "Plant opens",
        "category": "company-news",
        "category_name": "Company News",
        "body": "<p>Text</p>",
        **fields,
    }


@pytest.fixture
def story(make_article):
    english = make_article(title="Hydrogen plant opens")
    chinese = make_article(
        title="氢能工厂开业", language="zh-hans", translation_key=english.translation_key
    )
    return english, chinese


def test_export_writes_language_and_translation_key(story, tmp_path):
    path = tmp_path / "news.jsonl"
    run("export_news", str(path))
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    english, chinese = story
    assert [(r["title"], r["language"], r["translation_key"]) for r in records] == [
        ("Hydrogen plant opens", "en", str(english.translation_key)),
        ("氢能工厂开业", "zh-hans", str(english.translation_key)),
    ]


def test_round_trip_keeps_languages_and_the_link_between_translations(story, tmp_path):
    path = tmp_path / "news.jsonl"
    run("export_news", str(path))
    key = story[0].translation_key
    Article.objects.all().delete()

    output = run("import_news", str(path))

    assert "Imported 2 articles (2 created, 0 updated, 0 unchanged)." in output
    english = Article.objects.get(language="en")
    chinese = Article.objects.get(language="zh-hans")
    assert (english.title, chinese.title) == ("Hydrogen plant opens", "氢能工厂开业")
    assert english.translation_key == chinese.translation_key == key
    assert list(english.translations()) == [chinese]
    # And again: matched on uuid, nothing changes.
    assert "(0 created, 0 updated, 2 unchanged)" in run("import_news", str(path))


def test_a_second_article_in_a_language_of_the_story_is_a_line_error(story, tmp_path):
    english, chinese = story
    path = write_records(
        tmp_path / "news.jsonl",
        record(title="Fine"),
        record(title="另一篇", language="zh-hans", translation_key=str(english.translation_key)),
    )
    with pytest.raises(CommandError, match="Line 2: the story with translation_key .* already"):
        run("import_news", str(path))
    assert Article.objects.count() == 2  # nothing imported, not even line 1


def test_changing_the_language_to_one_the_story_has_is_refused(story, tmp_path):
    english, _chinese = story
    path = write_records(
        tmp_path / "news.jsonl", {"uuid": str(english.uuid), "language": "zh-hans"}
    )
    with pytest.raises(CommandError, match="Line 1: .*already has an article in zh-hans"):
        run("import_news", str(path))
    english.refresh_from_db()
    assert english.language == "en"


def test_two_records_of_one_story_and_language_in_one_file_are_refused(db, tmp_path):
    key = str(uuid.uuid4())
    path = write_records(
        tmp_path / "news.jsonl",
        record(title="One", translation_key=key),
        record(title="Two", translation_key=key),
    )
    with pytest.raises(CommandError, match="Line 2: "):
        run("import_news", str(path))
    assert not Article.objects.exists()


def test_language_option_sets_records_without_one(db, tmp_path):
    path = write_records(
        tmp_path / "news.jsonl",
        record(title="季度业绩"),
        record(title="Quarterly results", language="en"),
    )
    run("import_news", str(path), "--language", "zh-hans")
    assert Article.objects.get(title="季度业绩").language == "zh-hans"
    assert Article.objects.get(title="Quarterly results").language == "en"


def test_a_record_without_language_makes_an_article_in_the_default_language(db, tmp_path):
    run("import_news", str(write_records(tmp_path / "news.jsonl", record())))
    assert Article.objects.get().language == "en"


def test_a_title_matches_only_within_the_record_s_language(make_article, tmp_path):
    english = make_article(title="Plant opens")
    path = write_records(tmp_path / "news.jsonl", record(language="zh-hans"))
    assert "(1 created, 0 updated" in run("import_news", str(path))
    english.refresh_from_db()
    assert english.language == "en"
    assert Article.objects.filter(title="Plant opens", language="zh-hans").exists()
    # With both languages titled alike, a record in one updates that one.
    path = write_records(tmp_path / "news.jsonl", record(language="en", summary="New"))
    assert "(0 created, 1 updated" in run("import_news", str(path))
    english.refresh_from_db()
    assert english.summary == "New"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"language": "fr"}, "language must be one of en, zh-hans, not 'fr'"),
        ({"language": 7}, "language must be one of en, zh-hans, not 7"),
        ({"translation_key": "not-a-key"}, "translation_key is not a valid UUID: 'not-a-key'"),
        ({"translation_key": 12}, "translation_key is not a valid UUID: 12"),
    ],
)
def test_bad_language_or_key_in_a_record_is_a_line_error(db, tmp_path, fields, message):
    path = write_records(tmp_path / "news.jsonl", record(title="Fine"), record(**fields))
    with pytest.raises(CommandError, match=f"Line 2: {message}"):
        run("import_news", str(path))
    assert not Article.objects.exists()


def test_a_chinese_legacy_page_becomes_a_chinese_article(db, tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(CHINESE_PAGE, "utf-8")

    output = run("import_news", str(path), "--language", "zh-hans")

    assert "Imported 1 article (1 created, 0 updated, 0 unchanged)." in output
    assert "No date found" not in output
    article = Article.objects.get()
    assert (article.title, article.language) == (CHINESE_TITLE, "zh-hans")
    assert article.slug == CHINESE_TITLE
    assert timezone.localtime(article.publish_at).date() == datetime.date(2020, 11, 20)
    assert article.body.count("<p>") == 2
    assert article.body.startswith("<p>2020年11月20日，北汽福田副总裁")
    for label in ("在线留言", "新闻中心", "字号"):
        assert label not in article.body
    # Imported again, it updates the same article.
    assert "(0 created, 0 updated, 1 unchanged)" in run(
        "import_news", str(path), "--language", "zh-hans"
    )


@pytest.mark.parametrize("code", ["ZH-Hans", "zh_hans"])
def test_the_language_code_may_be_written_in_any_case(db, tmp_path, code):
    path = tmp_path / "page.txt"
    path.write_text(CHINESE_PAGE, "utf-8")
    run("import_news", str(path), "--language", code)
    assert Article.objects.get().language == "zh-hans"


@pytest.mark.parametrize("code", ["fr", "zh", "chinese", " "])
def test_an_unknown_language_is_refused_before_anything_is_imported(db, tmp_path, code):
    path = tmp_path / "page.txt"
    path.write_text(CHINESE_PAGE, "utf-8")
    with pytest.raises(
        CommandError, match="is not a language of this site; use one of: en, zh-hans"
    ):
        run("import_news", str(path), "--language", code)
    assert not Article.objects.exists()


def test_an_unknown_language_is_refused_even_for_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="--language 'xx' is not a language"):
        run("import_news", str(tmp_path / "missing.jsonl"), "--language", "xx")


def test_a_title_two_translations_share_needs_the_record_s_language(make_article, tmp_path):
    english = make_article(title="Plant opens")
    chinese = make_article(
        title="Plant opens", language="zh-hans", translation_key=english.translation_key
    )
    path = write_records(tmp_path / "news.jsonl", record(summary="新摘要"))
    with pytest.raises(CommandError, match="Line 1: articles in more than one language"):
        run("import_news", str(path))

    assert "(0 created, 1 updated" in run("import_news", str(path), "--language", "zh-hans")
    chinese.refresh_from_db()
    english.refresh_from_db()
    assert chinese.summary == "新摘要"
    assert english.summary != "新摘要"
