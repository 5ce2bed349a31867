"""Settings for uploads (covers, editor images and the renditions made of them), read from the
environment: where they are stored, their limits and their renditions. settings.py imports them.

Without AWS_STORAGE_BUCKET_NAME uploads go to MEDIA_ROOT on this machine. With it they go to that
S3-compatible bucket through django-storages, which every host of a multi-host site shares
(README: Several hosts). Static files stay with WhiteNoise either way.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

__all__ = [
    "MEDIA_URL",
    "MEDIA_ROOT",
    "MEDIA_STORAGE",
    "MEDIA_ORIGIN",
    "THUMBNAIL_ALIASES",
    "THUMBNAIL_HIGH_RESOLUTION",
    "IMAGE_UPLOAD_MAX_BYTES",
    "IMAGE_UPLOAD_MAX_PIXELS",
    "IMAGE_UPLOAD_MAX_FRAMES",
]

LOCAL_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
S3_STORAGE = "storages.backends.s3.S3Storage"
# Uploaded names are never reused (see file_overwrite below), so a day in browsers and CDNs is safe.
MEDIA_CACHE_CONTROL = "public, max-age=86400"


def media_storage(env):
    """STORAGES["default"] from the environment, and the origin (scheme://host) that serves the
    media when it is not this site, for the Content-Security-Policy; None for local media."""
    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return LOCAL_STORAGE, None
    endpoint = env("AWS_S3_ENDPOINT_URL", default="")
    region = env("AWS_S3_REGION_NAME", default="")
    protocol, domain = public_address(
        bucket, endpoint, region, env("AWS_S3_CUSTOM_DOMAIN", default="")
    )
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "region_name": region or None,
        "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
        # Public images at stable, cacheable addresses: no signed query strings that expire. The
        # bucket (or the CDN in front of it) allows public reads: README, Several hosts.
        "querystring_auth": False,
        # Given the public address as its custom domain, django-storages formats each URL instead
        # of having boto3 sign one and strip the signature (about 4 ms per image on a page).
        "custom_domain": domain,
        "url_protocol": protocol,
        # A new upload never replaces an object of the same name that pages and CDNs still hold.
        "file_overwrite": False,
        "object_parameters": {"CacheControl": MEDIA_CACHE_CONTROL},
    }
    return {"BACKEND": S3_STORAGE, "OPTIONS": options}, f"{protocol}//{domain.split('/')[0]}"


def public_address(bucket, endpoint, region, custom_domain):
    """(protocol, domain/path) under which the bucket's objects are public: the CDN's domain, the
    endpoint's address with the bucket as its first path segment, or AWS's own bucket address."""
    # Checked even behind a CDN: the uploads still go to the endpoint.
    endpoint_address = http_address("AWS_S3_ENDPOINT_URL", endpoint) if endpoint else None
    if custom_domain:
        # A bare domain (and path) as django-storages documents it, or a URL: both work.
        bare = "://" not in custom_domain
        return http_address(
            "AWS_S3_CUSTOM_DOMAIN", f"https://{custom_domain}" if bare else custom_domain
        )
    if endpoint_address:
        protocol, address = endpoint_address
        return protocol, f"{address}/{bucket}"
    return (
        "https:",
        f"{bucket}.s3.{region}.amazonaws.com" if region else f"{bucket}.s3.amazonaws.com",
    )


def http_address(variable, url):
    """(protocol, domain/path) of http(s) `url`, which `variable` set."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImproperlyConfigured(f"{variable} must be an http(s) address, not {url!r}.")
    return f"{parts.scheme}:", f"{parts.netloc}{parts.path.rstrip('/')}"


env = environ.Env()

MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=Path(__file__).resolve().parent.parent / "media")
# STORAGES["default"], and where the images come from when not from this site (for the CSP).
MEDIA_STORAGE, MEDIA_ORIGIN = media_storage(env)

# Renditions (easy-thumbnails), made in the same storage as their originals.
THUMBNAIL_ALIASES = {
    "": {
        "card": {"size": (480, 270), "crop": "smart", "quality": 82},
        "cover": {"size": (1200, 675), "crop": "smart", "quality": 85},
    },
}
THUMBNAIL_HIGH_RESOLUTION = False

IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)
# An animation's frames count together against IMAGE_UPLOAD_MAX_PIXELS, since each is decoded
# onto the whole canvas; the frame limit also bounds the work per frame when frames are tiny.
IMAGE_UPLOAD_MAX_FRAMES = env.int("IMAGE_UPLOAD_MAX_FRAMES", default=1000)
