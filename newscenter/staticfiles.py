"""Static files: Django's, without what CKEditor's package ships for its developers and demos."""

from django.contrib.staticfiles import finders


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Apps' static/ folders, leaving out pages that would run from our origin for nothing.

    CKEditor's manual tests and samples are HTML pages that run the editor with plugins this
    site never loads; the editor itself needs no HTML file, its dialogs are built by script.
    The file browser (ckeditor_uploader's browse.html) uses galleriffic's basic.css,
    galleriffic-2.css, loader.gif and three scripts; the rest of galleriffic is its demo's (a
    syntax highlighter, other themes, the history plugin that the browser leaves off).

    collectstatic, and WhiteNoise when it serves from the finders, skip what `list` leaves out.
    """

    ignore_patterns = [
        "ckeditor/*.html",
        "ckeditor/*/samples/*",
        "ckeditor/*/dev/*",
        "ckeditor/*/tests/*",
        "ckeditor/ckeditor/bender-runner.config.json",
        "ckeditor/galleriffic/js/jush.js",
        "ckeditor/galleriffic/js/jquery.history.js",
        "ckeditor/galleriffic/css/jush.css",
        "ckeditor/galleriffic/css/galleriffic-[1345].css",
        "ckeditor/galleriffic/css/black.css",
        "ckeditor/galleriffic/css/white.css",
        "ckeditor/galleriffic/css/caption.png",
        "ckeditor/galleriffic/css/*Arrow*.gif",
        "ckeditor/galleriffic/css/loaderWhite.gif",
    ]

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *self.ignore_patterns])
