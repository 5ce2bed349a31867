"""Uploaded images keep their pixels and lose their metadata, as the cover field promises.

EXIF, XMP, comments, text chunks and colour profiles can carry anything: here, a script. The
stored files (the image and any rendition made from it) must not contain it, and Pillow must find
no metadata in them. Colours described by a profile are converted to sRGB instead. Each test runs
with the uploads in MEDIA_ROOT and in an S3 bucket (the `stored_media` fixture).
"""

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms, ImageSequence
from PIL.PngImagePlugin import PngInfo

from articles.models import Article
from tests.admin_forms import cover_form

UPLOAD_URL = reverse("ckeditor_upload")
ADD_URL = reverse("admin:articles_article_add")

MARKER = "<script>alert(1)</script>"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><![CDATA['
    + MARKER
    + "]]></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
).encode()
# What Pillow reports as metadata, across the four formats.
METADATA_KEYS = {
    "comment",
    "exif",
    "xmp",
    "icc_profile",
    "XML:com.adobe.xmp",
    "Comment",
    "Description",
}
RED, BLUE = (255, 0, 0), (0, 0, 255)


def icc_profile(description=MARKER, swap_red_and_blue=False):
    """An ICC profile that parses: Pillow's sRGB profile with another description. With
    swap_red_and_blue, its red primary is sRGB's blue (and the other way round), so that
    converting its colours to sRGB turns red into blue."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    text = description.encode("ascii") + b"\0"
    # textDescriptionType: ASCII, then empty Unicode and ScriptCode parts.
    desc = b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67)
    tags = {}
    for index in range(struct.unpack_from(">I", profile, 128)[0]):
        entry = 132 + 12 * index
        signature, offset, size = struct.unpack_from(">4sII", profile, entry)
        tags[signature] = (entry, offset, size)
    struct.pack_into(">II", profile, tags[b"desc"][0] + 4, len(profile), len(desc))
    if swap_red_and_blue:
        (red, *red_data), (blue, *blue_data) = tags[b"rXYZ"], tags[b"bXYZ"]
        struct.pack_into(">II", profile, red + 4, *blue_data)
        struct.pack_into(">II", profile, blue + 4, *red_data)
    profile += desc
    struct.pack_into(">I", profile, 0, len(profile))
    return bytes(profile)


def exif():
    data = Image.Exif()
    data[0x010E] = MARKER  # ImageDescription
    data[0x010F] = "SpyCam"  # Make
    data[0x8825] = {1: "N", 2: (39.0, 54.0, 20.0), 3: "E", 4: (116.0, 23.0, 29.0)}  # GPS
    return data


def picture(mode="RGB", size=(64, 48), color=(30, 90, 160)):
    return Image.new(mode, size, color)


def saved(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def png_text():
    info = PngInfo()
    info.add_text("Comment", MARKER)  # tEXt
    info.add_itxt("Description", MARKER)  # iTXt
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return info


def animated(fmt, colors=(RED, (0, 160, 0), BLUE), durations=(100, 200, 300), **options):
    frames = [picture(color=color) for color in colors]
    return saved(
        frames[0], fmt, save_all=True, append_images=frames[1:], duration=list(durations), **options
    )


HOSTILE_IMAGES = {
    "jpeg": (
        "photo.jpg",
        lambda: saved(
            picture(), "JPEG", exif=exif(), comment=MARKER, xmp=XMP, icc_profile=icc_profile()
        ),
    ),
    "png": (
        "chart.png",
        lambda: saved(picture(), "PNG", pnginfo=png_text(), exif=exif(), icc_profile=icc_profile()),
    ),
    "gif": ("logo.gif", lambda: saved(picture(), "GIF", comment=MARKER)),
    "webp": (
        "photo.webp",
        lambda: saved(picture(), "WEBP", exif=exif(), xmp=XMP, icc_profile=icc_profile()),
    ),
    "animated gif": ("party.gif", lambda: animated("GIF", comment=MARKER, loop=0)),
    "animated png": (
        "party.png",
        lambda: animated("PNG", pnginfo=png_text(), icc_profile=icc_profile(), loop=0),
    ),
    "animated webp": (
        "party.webp",
        lambda: animated("WEBP", exif=exif(), xmp=XMP, icc_profile=icc_profile(), loop=0),
    ),
}


def upload(client, category, stored, via, name, content):
    """Upload as an editor does, in the editor or as a cover; return the stored image, read
    back from where it is stored."""
    if via == "editor":
        response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, content)})
        assert response.status_code == 200, response.content
        return stored.open(stored.name_of(response.json()["url"]))
    response = client.post(ADD_URL, cover_form(category, SimpleUploadedFile(name, content)))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return stored.open(Article.objects.get().cover.name)


@pytest.mark.parametrize(
    "via, name, make",
    [
        pytest.param(via, *file, id=f"{kind}-{via}")
        for via in ("editor", "cover")
        for kind, file in HOSTILE_IMAGES.items()
    ],
)
def test_stored_images_carry_no_metadata(editor_client, category, stored_media, via, name, make):
    content = make()
    assert MARKER.encode() in content  # the upload does carry the script, as bytes

    image_file = upload(editor_client, category, stored_media, via, name, content)

    for stored in stored_media.names():  # the image, and its thumbnail or list rendition
        assert b"alert(1)" not in stored_media.read(stored), stored
    with Image.open(image_file) as image:
        for frame in ImageSequence.Iterator(image):
            assert not METADATA_KEYS & set(frame.info), (frame.tell(), frame.info.keys())
        assert dict(image.getexif()) == {}
        if image.format == "PNG":
            assert image.text == {}
        if via == "cover":  # a cover is a still: its first frame
            assert getattr(image, "n_frames", 1) == 1


def test_a_profile_that_parses_is_applied_to_the_pixels(editor_client, category, stored_media):
    """Red in a profile whose red is sRGB's blue is stored as blue, with no profile."""
    content = saved(picture(color=RED), "PNG", icc_profile=icc_profile(swap_red_and_blue=True))

    image_file = upload(editor_client, category, stored_media, "editor", "swapped.png", content)

    with Image.open(image_file) as image:
        assert "icc_profile" not in image.info
        assert image.convert("RGB").getpixel((0, 0)) == BLUE


def test_a_profile_that_does_not_parse_is_dropped_and_the_pixels_kept(
    editor_client, category, stored_media
):
    content = saved(picture(color=RED), "PNG", icc_profile=MARKER.encode() * 8)

    image_file = upload(
        editor_client, category, stored_media, "editor", "broken-profile.png", content
    )

    with Image.open(image_file) as image:
        assert "icc_profile" not in image.info
        assert image.convert("RGB").getpixel((0, 0)) == RED


@pytest.mark.parametrize("via", ["editor", "cover"])
def test_a_profile_that_does_not_fit_the_colours_is_dropped(
    editor_client, category, stored_media, via
):
    """An RGB profile on a CMYK JPEG cannot be applied: it is dropped, the colours kept."""
    content = saved(picture("CMYK", color=(0, 255, 255, 0)), "JPEG", icc_profile=icc_profile())

    image_file = upload(editor_client, category, stored_media, via, "print.jpg", content)

    with Image.open(image_file) as image:
        assert "icc_profile" not in image.info
        red, green, blue = image.convert("RGB").getpixel((0, 0))
        assert red > 200 and green < 60 and blue < 60


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_an_animation_keeps_its_frames_durations_and_loop(
    editor_client, category, stored_media, fmt
):
    content = animated(fmt, loop=3)

    image_file = upload(
        editor_client, category, stored_media, "editor", f"party.{fmt.lower()}", content
    )

    with Image.open(image_file) as image:
        assert image.n_frames == 3
        assert image.info["loop"] == 3
        durations, colors = [], []
        for frame in ImageSequence.Iterator(image):
            red, green, blue = frame.convert("RGB").getpixel((0, 0))  # decodes it
            durations.append(frame.info["duration"])
            colors.append("red" if red > 200 else "blue" if blue > 200 else "green")
        assert durations == [100, 200, 300]
        assert colors == ["red", "green", "blue"]


def test_a_gif_that_plays_once_still_plays_once(editor_client, category, stored_media):
    content = animated("GIF")  # no loop count: browsers play it once
    assert "loop" not in Image.open(io.BytesIO(content)).info

    image_file = upload(editor_client, category, stored_media, "editor", "once.gif", content)

    with Image.open(image_file) as image:
        assert image.n_frames == 3
        assert "loop" not in image.info


@pytest.mark.parametrize("via", ["editor", "cover"])
def test_a_sideways_photo_is_stored_upright(editor_client, category, stored_media, via):
    data = exif()
    data[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    content = saved(picture(size=(64, 48)), "JPEG", exif=data)

    image_file = upload(editor_client, category, stored_media, via, "sideways.jpg", content)

    with Image.open(image_file) as image:
        assert image.size == (48, 64)
        assert dict(image.getexif()) == {}
