"""The Nu Html Checker (vnu) finds no errors in the HTML that the public pages are served as."""

import json
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

import pytest

from .pages import VNU_JAR, publish_board_messages, visit_every_public_page

pytestmark = pytest.mark.browser


def test_public_pages_are_valid_html(page, demo_content, settings, tmp_path):
    settings.MESSAGE_MIN_SECONDS = 0
    settings.MESSAGE_BOARD = True  # the board's pages too, and the form's board fields
    publish_board_messages()
    java = shutil.which("java")
    if not (java and VNU_JAR.exists()):
        pytest.fail("java or vnu.jar is missing: `make test` installs both.")
    files = {}
    for number, (name, response) in enumerate(visit_every_public_page(page)):
        html = response.body()  # as served, before any script ran
        assert html.lstrip().lower().startswith(b"<!doctype html>"), name
        file = tmp_path / f"page-{number:02d}.html"
        file.write_bytes(html)
        files[str(file)] = name

    # One JVM for all the pages: the checker takes a few seconds to start.
    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    errors = [
        f"{files.get(unquote(urlsplit(m.get('url', '')).path), m.get('url'))}, "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
    assert checked.returncode == 0
