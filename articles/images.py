"""Checks and cleans every uploaded image: covers and the editor's body images alike."""

import contextlib
import io
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps

# Pillow format name → the extension the stored file gets. No SVG: it can carry script.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}

# The only entry of Pillow's `info` that a cleaned image keeps: which colour is see-through is
# part of the picture. Everything else there is metadata (EXIF, XMP, comments, text chunks,
# colour profiles), and Pillow's savers copy some of it from `info` unless it is gone.
PICTURE_INFO = ("transparency",)

SRGB = ImageCms.createProfile("sRGB")


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
            for _frame in decoded_frames(image):
                pass  # verify() misses truncated data; decoding every frame finds it
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
    """Check the size before anything is decoded.

    Pillow counts the frames of a GIF, PNG or WebP from their headers without decoding them, so
    a small file that declares a huge canvas and many frames is refused at no cost.
    """
    _check_budget(image, getattr(image, "n_frames", 1))


def decoded_frames(image):
    """Decode the frames one by one, each only once the pixel budget allows it."""
    frames = getattr(image, "n_frames", 1)
    spent = 0
    for index in range(frames):
        image.seek(index)
        _check_budget(image, frames, index, spent)
        spent += image.width * image.height
        image.load()
        yield image


def _check_budget(image, frames, index=0, spent=0):
    """Refuse unless frame `index` and every later one fit in what is left of the pixel limit.

    Each frame is decoded onto the whole canvas. A GIF's canvas grows when a frame reaches past
    it, and never shrinks, so the frames to come cost at least the canvas size reached so far.
    """
    canvas = image.width * image.height
    if frames == 1 and canvas > settings.IMAGE_UPLOAD_MAX_PIXELS:
        _raise_too_many_pixels()
    if frames > settings.IMAGE_UPLOAD_MAX_FRAMES or (
        spent + canvas * (frames - index) > settings.IMAGE_UPLOAD_MAX_PIXELS
    ):
        _raise_too_many_frames(image, frames)


def _raise_too_many_pixels():
    raise ValidationError(
        _("The image has too many pixels; the limit is %(limit)s megapixels.")
        % {"limit": settings.IMAGE_UPLOAD_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def _raise_too_many_frames(image, frames):
    raise ValidationError(
        _(
            "The animation is too large: %(frames)s frames of %(width)s × %(height)s pixels. "
            "An animation may have at most %(max_frames)s frames and %(limit)s megapixels in "
            "all its frames together."
        )
        % {
            "frames": frames,
            "width": image.width,
            "height": image.height,
            "max_frames": settings.IMAGE_UPLOAD_MAX_FRAMES,
            "limit": settings.IMAGE_UPLOAD_MAX_PIXELS // 1_000_000,
        },
        code="too_many_frames",
    )


def without_metadata(file, still=False):
    """Re-encode a validated image with its pixels only, keeping its look and its animation.

    Gone: EXIF (GPS positions, camera serials), XMP, comments, text chunks and the uploaded
    colour profile, whose bytes could carry anything. Colours are converted to sRGB instead,
    which browsers assume for an image without a profile. With `still`, an animation keeps
    only its first frame.
    """
    file.seek(0)
    with Image.open(file) as image:
        fmt = image.format
        to_srgb = SrgbConversion(image.info.get("icc_profile"))
        options = {"format": fmt}
        if getattr(image, "is_animated", False) and not still:
            if "loop" in image.info:  # a GIF without it plays once
                options["loop"] = image.info["loop"]
            frames, durations = [], []
            for frame in decoded_frames(image):
                durations.append(frame.info.get("duration", 0))
                frames.append(_cleaned(frame.copy(), to_srgb))
            first = frames[0]
            options.update(save_all=True, append_images=frames[1:], duration=durations)
        else:
            first = _cleaned(ImageOps.exif_transpose(image), to_srgb)
    if fmt == "JPEG":
        options.update(quality=90, optimize=True)
        if first.mode not in ("RGB", "L", "CMYK"):
            first = first.convert("RGB")
    buffer = io.BytesIO()
    first.save(buffer, **options)
    return ContentFile(buffer.getvalue(), name=random_name(fmt))


def _cleaned(frame, to_srgb):
    """The frame in sRGB, with nothing left in `info` for a saver to copy."""
    frame = to_srgb(frame)
    frame.info = {key: frame.info[key] for key in PICTURE_INFO if key in frame.info}
    return frame


class SrgbConversion:
    """Converts frames from the uploaded colour profile to sRGB. A profile that does not parse,
    or that does not fit the image's colours, is ignored: the pixels are kept as they are."""

    def __init__(self, icc_profile):
        self.profile = None
        self.transforms = {}  # (input mode, output mode) → transform, built once per image
        if icc_profile:
            with contextlib.suppress(OSError, ValueError, ImageCms.PyCMSError):
                self.profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))

    def __call__(self, frame):
        if self.profile is None:
            return frame
        has_alpha = frame.mode in ("RGBA", "LA", "PA") or "transparency" in frame.info
        out_mode = "RGBA" if has_alpha else "RGB"
        in_mode = frame.mode if frame.mode in ("RGB", "CMYK", "L") and not has_alpha else out_mode
        try:
            transform = self.transform(in_mode, out_mode)
            converted = ImageCms.applyTransform(frame.convert(in_mode), transform)
        except (OSError, ValueError, ImageCms.PyCMSError):
            return frame  # e.g. a CMYK profile on an RGB image
        return converted  # any transparency is in its alpha channel now

    def transform(self, in_mode, out_mode):
        if (in_mode, out_mode) not in self.transforms:
            self.transforms[in_mode, out_mode] = ImageCms.buildTransform(
                self.profile, SRGB, in_mode, out_mode
            )
        return self.transforms[in_mode, out_mode]


def random_name(fmt):
    return uuid.uuid4().hex + EXTENSIONS[fmt]


def cover_upload_to(instance, filename):
    """Covers are stored by month under a random name (the visitor's file name is not kept)."""
    extension = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"covers/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"
