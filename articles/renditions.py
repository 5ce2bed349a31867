"""The cover's renditions, made once when the cover is saved and stored on the article's row:
pages read their names and sizes from there and ask easy-thumbnails nothing.

easy-thumbnails names a rendition after its source ("covers/…/x.jpg.480x270_q82_crop-smart.jpg"),
so a rendition whose name extends the cover's name is one of the current cover, and saving an
article whose cover did not change costs nothing.
"""

from django.conf import settings
from easy_thumbnails.files import get_thumbnailer

# Each rendition field of Article (with its `_width` and `_height` fields) and the alias of
# settings.THUMBNAIL_ALIASES[""] it is made with.
RENDITIONS = {
    "cover_card": "card",  # the list cards
    "cover_page": "cover",  # the article page
}


def rendition_fields(cover, renditions=RENDITIONS):
    """The field values of the renditions of `cover` (a cover FieldFile), made if need be.

    Raises what easy-thumbnails raises for a cover that is missing or not an image.
    """
    thumbnailer = get_thumbnailer(cover)
    values = {}
    for field, alias in renditions.items():
        rendition = thumbnailer.get_thumbnail(settings.THUMBNAIL_ALIASES[""][alias])
        values[field] = rendition.name
        values[f"{field}_width"], values[f"{field}_height"] = rendition.width, rendition.height
    return values


def empty_fields(renditions=RENDITIONS):
    """The field values of no renditions."""
    values = {}
    for field in renditions:
        values.update({field: "", f"{field}_width": None, f"{field}_height": None})
    return values


def is_rendition_of(rendition, cover):
    return bool(rendition) and rendition.name.startswith(cover.name + ".")


def refresh(article):
    """Make the stored renditions of saved `article` those of its cover, in one UPDATE at
    most: new ones for a new cover, none without a cover, no work for an unchanged cover."""
    if article.cover:
        stale = {
            field: alias
            for field, alias in RENDITIONS.items()
            if not is_rendition_of(getattr(article, field), article.cover)
        }
        values = rendition_fields(article.cover, stale) if stale else {}
    else:
        values = empty_fields([field for field in RENDITIONS if getattr(article, field)])
    if not values:
        return
    for name, value in values.items():
        setattr(article, name, value)
    type(article).objects.filter(pk=article.pk).update(**values)
