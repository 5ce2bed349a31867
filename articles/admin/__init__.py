"""The articles' admin: one module per page of it."""

from . import articles, redirects  # noqa: F401 (registers the admin classes)
