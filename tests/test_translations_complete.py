"""The interface in Simplified Chinese: every string that makemessages finds in the code and
templates has a translation in locale/zh_Hans (none empty, none fuzzy, placeholders kept), and
the pages under /zh-hans/, the admin and the notification email come out in Chinese.

The catalog tests run makemessages, which needs GNU gettext (scripts/ensure-test-tools installs
it for `make test`): marked slow, `make check` leaves them out. The pages need the compiled
catalog that `make locale` writes (make test and make check do)."""

import shutil
from datetime import datetime

import jinja2
import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation

from newscenter.checks import check_compiled_translations
from newscenter.management.commands.makemessages import IGNORED
from online_messages.notifications import build_email

from .messages import form_data

PO = "locale/zh_Hans/LC_MESSAGES/django.po"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """locale/zh_Hans as makemessages would leave it now, made in a copy of the sources, so
    the repository's .po stays as it is."""
    copy = tmp_path_factory.mktemp("messages") / "repo"
    skip = shutil.ignore_patterns(*IGNORED, ".*", "__pycache__", "*.sqlite3*", "*.mo")
    shutil.copytree(settings.BASE_DIR, copy, ignore=skip)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        patch.setattr(settings, "LOCALE_PATHS", [copy / "locale"])
        call_command("makemessages", locale=["zh_Hans"], no_obsolete=True, verbosity=0)
    with open(copy / PO, "rb") as po:
        return read_po(po, locale="zh_Hans")


def unfinished(message):
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return message.fuzzy or not all(strings)


@pytest.mark.slow
def test_every_string_has_a_chinese_translation(catalog):
    assert not catalog.fuzzy, "the header of django.po is marked fuzzy"
    assert catalog.num_plurals == 1
    left = [message.id for message in catalog if message.id and unfinished(message)]
    assert not left, f"untranslated or fuzzy in {PO}: {left}"
    assert len(catalog) > 300


@pytest.mark.slow
def test_translations_keep_their_placeholders(catalog):
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert not problems


@pytest.mark.slow
def test_makemessages_reads_every_string_of_the_jinja2_templates(catalog):
    """Jinja's own extractor against makemessages, which reads the templates as Django's: a
    form it cannot read (a plural, arguments inside _()) would stay in English unnoticed."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    unread = []
    for template in sorted((settings.BASE_DIR / "jinja2").rglob("*.*")):
        for line, _function, text in env.extract_translations(template.read_text()):
            for msgid in text if isinstance(text, tuple) else (text,):
                if msgid and msgid not in catalog:
                    unread.append(f"{template.name}:{line} {msgid}")
    assert not unread


def test_the_pages_come_out_in_chinese(client, make_article):
    article = make_article(
        language="zh-hans",
        title="氢能产业园开工",
        publish_at=timezone.make_aware(datetime(2020, 11, 20, 10, 0)),
    )
    home = client.get("/zh-hans/").content.decode()
    assert "新闻中心" in home and "在线留言" in home and "最新动态" in home

    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert '<html lang="zh-hans">' in text.lower()
    assert "字号" in text and "2020.11.20" in text
    assert "News Center" not in text and "Font size" not in text

    assert "提交留言" in client.get("/zh-hans/message/").content.decode()

    missing = client.get("/zh-hans/no-such-page/")
    assert missing.status_code == 404
    assert "页面未找到" in missing.content.decode()


def test_the_english_pages_stay_in_english(client, make_article):
    article = make_article(publish_at=timezone.make_aware(datetime(2020, 11, 20, 10, 0)))
    text = client.get(article.get_absolute_url()).content.decode()
    assert "Font size" in text and "2020.11.20" in text
    assert "字号" not in text and "新闻中心" not in text


@pytest.mark.django_db
def test_form_errors_are_in_chinese(client):
    response = client.post("/zh-hans/message/", form_data(email="", phone="abc"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "您的留言尚未发送" in text
    assert "姓名" in text and "留言内容" in text
    assert "只能填写数字、空格、+、- 和括号。" in text


@pytest.mark.django_db
def test_the_rate_limit_page_is_in_chinese(client, settings):
    settings.MESSAGE_RATE_LIMIT = 0
    response = client.post("/zh-hans/message/", form_data())
    assert response.status_code == 429
    assert "请稍后再提交" in response.content.decode()
    assert "分钟后再试" in response.content.decode()


def test_the_admin_is_in_chinese_for_a_chinese_browser(admin_client, make_article):
    make_article(publish_at=timezone.make_aware(datetime(2020, 11, 20, 10, 0)))
    page = admin_client.get("/admin/articles/article/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "新闻中心管理后台" in text
    assert "发布所选文章" in text and "置顶" in text
    # Django's own formats for Chinese, its month names and phrases included.
    assert "2020年11月20日" in text


def test_the_notification_email_can_be_in_chinese(make_message):
    message = make_message(name="王芳", phone="021-5555 0100")
    with translation.override("zh-hans"):
        email = build_email(message)
    assert "来自王芳的在线留言" in email.subject
    assert "在线留言表单收到一条新留言。" in email.body
    assert "电话: 021-5555 0100" in email.body


def test_deploy_check_warns_while_the_translations_are_not_compiled(settings, tmp_path):
    po = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text("")
    settings.LOCALE_PATHS = [tmp_path]
    assert [w.id for w in check_compiled_translations(None)] == ["newscenter.W003"]
    po.with_suffix(".mo").write_bytes(b"")
    assert check_compiled_translations(None) == []
