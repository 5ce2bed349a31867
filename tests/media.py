"""Images as a browser uploads them, and the files that uploads leave in MEDIA_ROOT."""

import io

from PIL import Image


def image_bytes(fmt="JPEG", size=(640, 360), color=(30, 90, 160)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []
