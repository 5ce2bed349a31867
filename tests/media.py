"""Images as a browser uploads them, the files that uploads leave in MEDIA_ROOT, and the images
a page shows."""

import io
from html.parser import HTMLParser
from urllib.parse import unquote

from django.conf import settings
from PIL import Image


def image_bytes(fmt="JPEG", size=(640, 360), color=(30, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


class LocalMedia:
    """The files in MEDIA_ROOT, named as the storage names them; the same questions as
    tests.s3_storage.Bucket answers about a bucket."""

    def __init__(self, root):
        self.root = root

    def names(self):
        """The names of every stored file, sorted."""
        return sorted(path.relative_to(self.root).as_posix() for path in stored_files(self.root))

    def read(self, name):
        return (self.root / name).read_bytes()

    def open(self, name):
        return io.BytesIO(self.read(name))

    def exists(self, name):
        return (self.root / name).is_file()

    def name_of(self, url):
        """The name of the file at `url`, which must be an address under MEDIA_URL."""
        assert url.startswith(settings.MEDIA_URL), url
        return unquote(url.removeprefix(settings.MEDIA_URL))


class Images(HTMLParser):
    """The <img> elements of a page, as dicts of their attributes."""

    def __init__(self, html):
        super().__init__()
        self.images = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))

    def sources(self, alt=None):
        return [image["src"] for image in self.images if alt in (None, image.get("alt"))]
