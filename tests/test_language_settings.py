"""Per-language names of the site and company (newscenter/languages.py), and per-language
"Most read" on each home page."""

import html
import importlib
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

import newscenter.languages
from articles.models import DailyViews

from .readership.helpers import write_batch

NAMES = ["SITE_NAME", "COMPANY_NAME", "COMPANY_ADDRESS", "COMPANY_PHONE", "COMPANY_EMAIL"]


@pytest.fixture
def languages_module(monkeypatch):
    """newscenter.languages read again from the environment the test sets up."""
    for name in NAMES + ["DJANGO_LANGUAGE_CODE"]:
        for suffix in ("", "_EN", "_ZH_HANS"):
            monkeypatch.delenv(name + suffix, raising=False)

    def load(**environ):
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(newscenter.languages)

    yield load
    monkeypatch.undo()
    importlib.reload(newscenter.languages)


def test_the_demo_company_has_names_in_both_languages(languages_module):
    module = languages_module()
    assert module.SITE_NAMES == {"en": "News Center", "zh-hans": "新闻中心"}
    assert module.COMPANIES["zh-hans"]["name"] == "蓝峰氢能科技有限公司"
    assert module.COMPANY["name"] == "Lanfeng Hydrogen Co., Ltd."
    assert module.COMPANIES["zh-hans"]["phone"] == module.COMPANIES["en"]["phone"]


def test_a_name_set_for_one_language_is_every_language_s_until_translated(languages_module):
    module = languages_module(COMPANY_NAME="Acme Energy", SITE_NAME_ZH_HANS="阿克米新闻")
    assert module.COMPANIES["zh-hans"]["name"] == "Acme Energy"  # not the demo company's
    assert module.SITE_NAMES == {"en": "阿克米新闻", "zh-hans": "阿克米新闻"}
    module = languages_module(COMPANY_NAME_ZH_HANS="阿克米能源")
    assert module.COMPANIES["zh-hans"]["name"] == "阿克米能源"
    assert module.COMPANIES["en"]["name"] == "Acme Energy"


def test_the_unprefixed_language_is_the_default_one_s(languages_module):
    module = languages_module(DJANGO_LANGUAGE_CODE="zh-hans", COMPANY_NAME_EN="Acme Energy")
    assert module.LANGUAGE_CODE == "zh-hans"
    assert module.COMPANY["name"] == "Acme Energy"  # no Chinese name: the default's own
    with pytest.raises(ImproperlyConfigured, match="DJANGO_LANGUAGE_CODE"):
        languages_module(DJANGO_LANGUAGE_CODE="fr")


def test_pages_name_the_site_and_company_in_their_language(client, settings, db):
    settings.SITE_NAMES = {"en": "Acme News", "zh-hans": "阿克米新闻"}
    settings.COMPANIES = {
        "en": {**settings.COMPANY, "name": "Acme Energy"},
        "zh-hans": {**settings.COMPANY, "name": "阿克米能源", "address": "北京市"},
    }
    chinese = client.get("/zh-hans/").content.decode()
    english = client.get("/").content.decode()
    assert "阿克米能源" in chinese and "阿克米新闻" in chinese and "北京市" in chinese
    assert "Acme Energy" in english and "Acme News" in english and "阿克米" not in english


def most_read_titles(client, path):
    page = client.get(path).content.decode()
    section = re.search(r'<section class="most-read".*?</section>', page, re.S)
    if section is None:
        return []
    return [
        html.unescape(t) for t in re.findall(r'most-read__link"[^>]*>([^<]*)<', section.group())
    ]


def test_each_home_page_shows_the_most_read_in_its_language(
    client, make_article, django_capture_on_commit_callbacks
):
    english = make_article(title="Tariffs", language="en")
    chinese = make_article(title="关税", language="zh-hans")
    for article, views in ((english, 5), (chinese, 50)):
        DailyViews.objects.create(article=article, day=timezone.localdate(), views=views)
    with django_capture_on_commit_callbacks(execute=True):
        write_batch()
    assert most_read_titles(client, "/") == ["Tariffs"]
    assert most_read_titles(client, "/zh-hans/") == ["关税"]
