"""gunicorn settings, read from the environment (README: Production).

`.venv/bin/gunicorn newscenter.wsgi` reads this file from the working directory; options on the
command line still win over it.
"""

import os
import sys

# Sync workers, one request each: gunicorn's rule of thumb of 2 × cores + 1, capped because
# every worker holds its own database connection and memory.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, 9))

# Loopback by default: the web server in front (nginx) is what the internet talks to.
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or 8000}"

# Django alone decides whether a request came over HTTPS (DJANGO_BEHIND_PROXY, README:
# Production). gunicorn would otherwise also believe X-Forwarded-Ssl and X-Forwarded-Protocol
# headers that a proxy passes through from the client.
secure_scheme_headers = {}

# Access log to stdout, errors to stderr, for journald or the container runtime.
accesslog = "-"
errorlog = "-"

# Restart each worker after about a hundred thousand requests, staggered so that they do not all
# restart at once: a bound on any slow leak. A new worker imports Django and the project again
# (about a second of CPU): at ten thousand, cached pages at full speed paid that every few
# seconds.
max_requests = 100_000
max_requests_jitter = 10_000

# No gunicornc control socket (gunicorn ≥ 25.1): unused here, its default path in $HOME is shared
# by every gunicorn the user runs, and a service user's home is often not writable. Reload with
# SIGHUP instead.
control_socket_disable = True


def on_starting(server):
    """Read the Django settings once in the master process.

    A configuration error (say, no DJANGO_SECRET_KEY) then stops gunicorn with its one-line
    message, instead of every worker failing to boot and being restarted in a loop.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newscenter.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.SECRET_KEY  # noqa: B018 (importing the settings is the check)
    except ImproperlyConfigured as error:
        sys.exit(f"Configuration error: {error}")
