"""`import_news` with a legacy news page saved as text (seeds/legacy-news-page.txt)."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.importers.legacy import find_date, is_navigation, shorten
from articles.models import Article, Category

pytestmark = pytest.mark.django_db
LEGACY_PAGE = Path("/work/shared/seeds/legacy-news-page.txt")
TITLE = "FTXT and BAIC FOTON Speeds Up Deepening Cooperation"
OPENINGS = [
    "Nov. 20, 2020, Qin Zhidong",
    "The two parties held warm exchange",
    "Zhang Tianyu, chairman of FTXT, expressed",
    "During the meeting, vice president Qin",
    "Both sides agreed that the policy system",
]


def import_news(path, *args):
    out = io.StringIO()
    call_command("import_news", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def page(tmp_path, text, name="page.txt", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_legacy_page_becomes_a_published_article_dated_from_its_text():
    output = import_news(LEGACY_PAGE)

    assert "Imported 1 article (1 created, 0 updated, 0 unchanged)." in output
    assert "No date found" not in output
    article = Article.objects.get()
    assert article.title == TITLE
    assert article.slug == "ftxt-and-baic-foton-speeds-up-deepening-cooperation"
    assert timezone.localtime(article.publish_at).date() == datetime.date(2020, 11, 20)
    assert article.is_published()
    assert (article.category.slug, article.category.name) == ("company-news", "Company News")


def test_body_holds_every_paragraph_and_no_navigation():
    import_news(LEGACY_PAGE)
    body = Article.objects.get().body

    assert body.count("<p>") == len(OPENINGS) == 5
    positions = [body.index(f"<p>{opening}") for opening in OPENINGS]
    assert positions == sorted(positions)
    assert "to the successful construction of fuel cell vehicle demonstration pilot.</p>" in body
    for label in ("Online Message", "News Center", "Font size", TITLE):
        assert label not in body
    assert "China’s hydrogen" in body
    assert "“Three-electro technologies”" in body


def test_summary_is_the_first_paragraph_cut_on_a_word():
    import_news(LEGACY_PAGE)
    summary = Article.objects.get().summary

    assert summary.startswith("Nov. 20, 2020, Qin Zhidong, vice president of BAIC FOTON")
    assert len(summary) <= 200
    assert summary.endswith("…")
    assert summary[:-1] in LEGACY_PAGE.read_text(encoding="utf-8")
    assert not summary[-2].isspace()


def test_importing_the_page_again_creates_no_copy():
    import_news(LEGACY_PAGE)

    output = import_news(LEGACY_PAGE)

    assert "(0 created, 0 updated, 1 unchanged)" in output
    assert Article.objects.count() == 1


def test_imported_article_is_listed_and_readable(client):
    import_news(LEGACY_PAGE)
    article = Article.objects.get()

    assert TITLE in client.get("/news/").content.decode()
    response = client.get(article.get_absolute_url(), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    for opening in OPENINGS:
        assert opening in content


def test_page_without_a_date_uses_today_and_says_so(tmp_path):
    path = page(tmp_path, "Home\nNews Center\nOpen day announced\nFont size\n\nCome and visit.\n")

    output = import_news(path)

    today = timezone.localdate()
    assert f"No date found in {path}; using today, {today.isoformat()}." in output
    assert timezone.localtime(Article.objects.get().publish_at).date() == today


def test_chinese_page_with_chinese_date_and_navigation(tmp_path):
    path = page(
        tmp_path,
        "在线留言\n新闻中心\n首页 > 新闻中心\n公司召开年度安全大会\n字号：大 中 小\n\n"
        "2021年3月5日，公司在保定召开年度安全大会。\n\n全体员工参加了演练。\n",
    )

    import_news(path)

    article = Article.objects.get()
    assert article.title == "公司召开年度安全大会"
    assert article.slug == "公司召开年度安全大会"
    assert timezone.localtime(article.publish_at).date() == datetime.date(2021, 3, 5)
    assert article.body == (
        "<p>2021年3月5日，公司在保定召开年度安全大会。</p>\n<p>全体员工参加了演练。</p>"
    )


def test_a_date_line_and_page_footer_stay_out_of_the_body(tmp_path):
    path = page(
        tmp_path,
        "News Center\nPlant tour for students\nDate: 2019/04/12 10:30\nFont size\n\n"
        "Forty students visited the plant.\n\nPrint\nBack\n",
    )

    import_news(path)

    article = Article.objects.get()
    assert timezone.localtime(article.publish_at).date() == datetime.date(2019, 4, 12)
    assert article.body == "<p>Forty students visited the plant.</p>"


@pytest.mark.parametrize(
    "text",
    [
        "Nov. 20, 2020",
        "November 20, 2020",
        "2020-11-20",
        "2020.11.20",
        "2020/11/20",
        "2020年11月20日",
        "20 November 2020",
    ],
)
def test_date_formats_of_legacy_pages(text):
    assert find_date(f"Published {text}, in Baoding.") == datetime.date(2020, 11, 20)


def test_an_impossible_date_is_skipped_for_the_next_real_one():
    assert find_date("Ref 2020-13-45, meeting on 2021.02.03") == datetime.date(2021, 2, 3)
    assert find_date("No date here, only 2020 and 11 and 20.") is None


@pytest.mark.parametrize(
    "line",
    [
        "Online Message",
        "NEWS CENTER",
        "Font size",
        "Font size: A A A",
        "首页 > 新闻中心",
        "在线留言",
        "【字号：大 中 小】",
        "Home / News Center / Company News",
    ],
)
def test_navigation_lines_are_recognised(line):
    assert is_navigation(line)


def test_titles_are_not_taken_for_navigation():
    assert not is_navigation(TITLE)
    assert not is_navigation("Company News: record deliveries in March")


def test_shorten_keeps_short_text_and_cuts_chinese_anywhere():
    assert shorten("Short paragraph.") == "Short paragraph."
    cut = shorten("氢" * 300)
    assert len(cut) == 200 and cut.endswith("…")


def test_text_is_escaped_not_run(tmp_path):
    path = page(tmp_path, "Title\n\n<script>alert(1)</script> R&D at <b>scale</b>\n")

    import_news(path)

    body = Article.objects.get().body
    assert "<script>" not in body and "<b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D at &lt;b&gt;scale&lt;/b&gt;" in body


def test_category_option_files_the_page_elsewhere(tmp_path, make_category):
    make_category(name="Industry News", slug="industry-news")

    import_news(
        page(tmp_path, "Standards update\n\nOn 2022-06-01 a standard was set.\n"),
        "--category",
        "industry-news",
    )

    assert Article.objects.get().category.slug == "industry-news"


def test_an_unknown_category_is_refused_with_the_choices(tmp_path, category):
    path = page(tmp_path, "Standards update\n\nOn 2022-06-01 a standard was set.\n")

    with pytest.raises(CommandError, match="no category 'awards'. Use one of: company-news"):
        import_news(path, "--category", "awards")
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("\n  \n\n", "is empty"),
        ("Online Message\nNews Center\nFont size\n", "has no article title"),
        ("A title alone\n\n", "has a title but no paragraphs"),
    ],
)
def test_pages_without_an_article_are_refused(tmp_path, text, message):
    path = page(tmp_path, text)

    with pytest.raises(CommandError, match=message) as error:
        import_news(path)
    assert str(path) in str(error.value)
    assert not Article.objects.exists()
    assert not Category.objects.exists()


def test_a_page_not_saved_as_utf8_is_refused_with_its_line(tmp_path):
    path = page(tmp_path, "新闻中心\n公司新闻标题\n\n第一段。\n", encoding="gbk")

    with pytest.raises(CommandError, match=r"page.txt is not UTF-8 text: line 1"):
        import_news(path)
    assert not Article.objects.exists()
