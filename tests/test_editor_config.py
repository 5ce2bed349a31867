"""The editor offers only what survives saving, and loads nothing that embeds or runs content."""

import html
import json
import re

from django.urls import reverse

from articles.sanitizer import ALLOWED_TAGS

NEVER_LOADED = {"preview", "iframe", "flash", "codesnippet", "forms", "templates", "embed"}


def editor_config(client):
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    return json.loads(html.unescape(re.search(r'data-config="([^"]*)"', page).group(1)))


def test_editor_loads_a_fixed_plugin_list_without_embedding_plugins(editor_client):
    config = editor_config(editor_client)

    plugins = set(config["plugins"].split(","))
    assert {"basicstyles", "link", "image2", "table", "uploadimage"} <= plugins
    assert not plugins & NEVER_LOADED
    assert "extraPlugins" not in config or not set(config["extraPlugins"].split(",")) & NEVER_LOADED


def test_editor_has_no_version_check_banner(editor_client):
    assert editor_config(editor_client)["versionCheck"] is False


def test_editor_allowed_content_matches_the_sanitizer(editor_client):
    config = editor_config(editor_client)
    tags_only = re.sub(r"\[[^\]]*\]", "", config["allowedContent"])  # drop [attribute] lists
    allowed = set(re.findall(r"[a-z][a-z0-9]*", tags_only))

    assert allowed == ALLOWED_TAGS
    assert "*[on*]" in config["disallowedContent"]
    assert "*{*}" in config["disallowedContent"]  # no inline styles


def test_editor_uploads_go_to_the_guarded_upload_view(editor_client):
    config = editor_config(editor_client)
    assert config["filebrowserUploadUrl"] == reverse("ckeditor_upload")
