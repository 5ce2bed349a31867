"""The rich-text editor's configuration (django-ckeditor), imported by the settings.

Static: nothing here reads the environment. DESIGN.md ("Dependencies") says why CKEditor 4 is
safe to keep; this module is the reduced plugin set and the allowlist it talks about.
"""

from django.urls import reverse_lazy

CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_BROWSE_SHOW_DIRS = False
# Only what news needs: no preview, iframe, flash, code snippets, forms, templates, or anything
# else that runs or embeds foreign content. Dependencies (dialog, widget, …) load on their own.
CKEDITOR_PLUGINS = [
    "a11yhelp", "basicstyles", "blockquote", "clipboard", "contextmenu", "elementspath",
    "enterkey", "entities", "filebrowser", "floatingspace", "format", "horizontalrule",
    "htmlwriter", "image2", "link", "list", "magicline", "pastefromword", "pastetext",
    "removeformat", "resize", "sourcearea", "tab", "table", "tabletools", "toolbar", "undo",
    "uploadimage", "wysiwygarea",
]  # fmt: skip
CKEDITOR_CONFIGS = {
    "default": {
        "versionCheck": False,
        "plugins": ",".join(CKEDITOR_PLUGINS),
        "toolbar": "News",
        "toolbar_News": [
            ["Format", "Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        # The same allowlist as articles.sanitizer, so editors see only what survives saving;
        # and data-widget, which marks a pasted image while it uploads (it is never saved).
        "allowedContent": (
            "p h2 h3 h4 strong em b i u s sub sup br hr blockquote ul ol li figure figcaption;"
            "a[!href,title]; img[!src,alt,width,height,data-widget];"
            "table thead tbody tr; th td[colspan,rowspan]"
        ),
        "disallowedContent": "*[on*]; *{*}; *(*)",
        "linkShowTargetTab": False,
        "linkShowAdvancedTab": False,
        "removeDialogTabs": "link:advanced;table:advanced",
        "image2_disableResizer": True,
        "clipboard_handleImages": False,  # pasted images go through uploadimage instead
        # Uploads (the image dialog's Upload tab, pasted and dropped images) go by XHR, which
        # carries the CSRF token as a header (static/js/editor-csrf.js) and gets JSON back.
        "filebrowserUploadMethod": "xhr",
        # Pasted and dropped images; without it CKEditor appends "&responseType=json" to the
        # upload address, which has no "?", and gets a 404.
        "imageUploadUrl": reverse_lazy("ckeditor_upload"),
        "height": 420,
        "width": "100%",
    },
}
