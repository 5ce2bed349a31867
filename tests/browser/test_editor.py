"""An editor writes an article in CKEditor, schedules it, previews it and publishes it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.media import image_bytes

from .pages import login

pytestmark = pytest.mark.browser

TITLE = "Hydrogen Valley Pilot Begins"


def type_body(page):
    """Type two sentences into CKEditor, the second in bold (Ctrl+B, as editors do)."""
    editable = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    editable.click()
    page.keyboard.type("The pilot connects three refuelling stations. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Trucks start in May.")
    page.keyboard.press("Control+b")
    page.keyboard.press("Enter")


@pytest.fixture
def console_errors(page):
    """What the page logs as errors in the console (a failed upload, a refused script)."""
    errors = []

    def record(message):
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record)
    return errors


def is_upload(request):
    return request.method == "POST" and request.url.endswith("/ckeditor/upload/")


def assert_sent_with_the_form_token(page, request):
    """CKEditor sent the upload by XHR, with the article form's CSRF token as a header."""
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    assert request.resource_type == "xhr"
    assert request.headers.get("x-csrftoken") == token
    response = request.response()
    assert response.status == 200, response.text()
    assert response.headers["content-type"] == "application/json"


def upload_image(page, tmp_path):
    """Image button → Upload tab → "Send it to the Server" → alternative text → OK."""
    picture = tmp_path / "station.png"
    picture.write_bytes(image_bytes(fmt="PNG", size=(320, 180), color=(20, 120, 90)))
    page.locator("a.cke_button__image").click()
    dialog = page.locator(".cke_dialog").filter(has=page.locator(".cke_dialog_title"))
    dialog.get_by_role("tab", name="Upload").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(picture)
    with page.expect_request(is_upload) as upload:
        dialog.get_by_role("button", name="Send it to the Server").click()
    assert_sent_with_the_form_token(page, upload.value)
    # The server's answer fills in the URL and brings back the first tab.
    url_field = dialog.get_by_role("textbox", name="URL")
    expect(url_field).to_have_value(re.compile(r"/media/uploads/.+\.png$"))
    dialog.get_by_role("textbox", name="Alternative Text").fill("The first refuelling station")
    dialog.get_by_role("button", name="OK").click()
    expect(dialog).to_be_hidden()


def set_publish_at(page, moment):
    local = timezone.localtime(moment)
    page.locator("#id_publish_at_0").fill(local.strftime("%Y-%m-%d"))
    page.locator("#id_publish_at_1").fill(local.strftime("%H:%M:%S"))


def test_editor_writes_schedules_previews_and_publishes(
    page, console_errors, site, make_editor, category, tmp_path
):
    make_editor(username="writer")
    login(page, "writer", "pw")

    page.goto("/admin/articles/article/add/")
    page.get_by_label("Title:", exact=True).fill(TITLE)
    page.get_by_label("Category").select_option(label=category.name)
    page.get_by_label("Summary").fill("A regional pilot links stations and trucks.")
    type_body(page)
    upload_image(page, tmp_path)
    page.get_by_label("Status").select_option(value=Article.Status.PUBLISHED)
    set_publish_at(page, timezone.now() + timedelta(days=2))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(title=TITLE)
    assert not article.is_published()
    assert "<strong>Trucks start in May.</strong>" in article.body
    assert re.search(r'<img [^>]*alt="The first refuelling station"', article.body)

    # Scheduled: the public list does not show it yet, the staff preview does.
    page.goto("/news/")
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    page.go_back()
    page.get_by_role("link", name="View on site").click()
    expect(page).to_have_url(re.compile(rf"/news/preview/{article.pk}/$"))
    expect(page.get_by_role("note")).to_contain_text("Scheduled")
    expect(page.locator("[data-article-body] strong")).to_have_text("Trucks start in May.")

    # Publish now: "Today" and "Now" set the date and time, then save.
    page.go_back()
    page.locator(".datetimeshortcuts").first.get_by_role("link", name="Today").click()
    page.locator(".datetimeshortcuts").last.get_by_role("link", name="Now").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto("/news/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("[data-article-body] strong")).to_have_text("Trucks start in May.")
    image = page.get_by_role("img", name="The first refuelling station")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 320
    assert console_errors == []


# Runs in the page: paste a PNG into the editor as a browser does when one is copied.
PASTE_IMAGE = """
([editorId, bytes]) => {
    const editable = CKEDITOR.instances[editorId].editable().$;
    const frame = editable.ownerDocument.defaultView;
    const clipboard = new frame.DataTransfer();
    const png = new frame.Uint8Array(bytes);
    clipboard.items.add(new frame.File([png], "pasted.png", {type: "image/png"}));
    editable.dispatchEvent(new frame.ClipboardEvent("paste", {
        clipboardData: clipboard, bubbles: true, cancelable: true,
    }));
}
"""


def test_a_pasted_image_is_uploaded_with_the_csrf_token(
    page, console_errors, site, make_editor, category
):
    make_editor(username="writer")
    login(page, "writer", "pw")
    page.goto("/admin/articles/article/add/")
    page.frame_locator("iframe.cke_wysiwyg_frame").locator("body").click()

    picture = list(image_bytes(fmt="PNG", size=(120, 80), color=(200, 40, 40)))
    with page.expect_request(is_upload) as upload:
        page.evaluate(PASTE_IMAGE, ["id_body", picture])

    assert_sent_with_the_form_token(page, upload.value)
    image = page.frame_locator("iframe.cke_wysiwyg_frame").locator("img[src^='/media/uploads/']")
    expect(image).to_have_count(1)
    assert image.evaluate("img => img.complete && img.naturalWidth") == 120
    body = page.evaluate("CKEDITOR.instances.id_body.getData()")
    assert re.search(r'<img [^>]*src="/media/uploads/[^"]+\.png"', body)
    assert "data-widget" not in body and "data:image" not in body
    assert console_errors == []
