"""Checks and cleans every uploaded image: covers and the editor's body images alike."""

import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

# Pillow format name → the extension the stored file gets. No SVG: it can carry script.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


def validate_image(file):
    """Refuse anything but a JPEG, PNG, GIF or WebP that Pillow fully decodes within the limits."""
    if getattr(file, "_committed", False):
        return  # already stored: it was checked on its way in
    if file.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES),
            },
            code="file_too_large",
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format not in EXTENSIONS:
                raise ValidationError(
                    _("Upload a JPEG, PNG, GIF or WebP image."), code="unsupported_format"
                )
            _check_pixels(image)
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            image.load()  # verify() misses truncated data; decoding finds it
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        _raise_too_many_pixels()
    except Exception as error:  # Pillow raises many types for undecodable input
        raise ValidationError(
            _("The file is not a complete image that can be read."), code="invalid_image"
        ) from error
    finally:
        file.seek(0)


def _check_pixels(image):
    if image.width * image.height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        _raise_too_many_pixels()


def _raise_too_many_pixels():
    raise ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels.")
        % {"limit": settings.IMAGE_UPLOAD_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def without_metadata(file):
    """Re-encode a validated image without EXIF (GPS positions, camera serials); keep its look."""
    file.seek(0)
    with Image.open(file) as image:
        fmt = image.format
        animated = getattr(image, "is_animated", False)
        options = {"format": fmt}
        if animated:
            options.update(save_all=True, loop=image.info.get("loop", 0))
            if "duration" in image.info:
                options["duration"] = image.info["duration"]
        else:
            image = ImageOps.exif_transpose(image)
        if "icc_profile" in image.info:
            options["icc_profile"] = image.info["icc_profile"]
        if fmt == "JPEG":
            options.update(quality=90, optimize=True)
            if image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, **options)
    return ContentFile(buffer.getvalue(), name=random_name(fmt))


def random_name(fmt):
    return uuid.uuid4().hex + EXTENSIONS[fmt]


def cover_upload_to(instance, filename):
    """Covers are stored by month under a random name (the visitor's file name is not kept)."""
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"covers/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"
