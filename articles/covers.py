"""Cover files that nothing uses any more are deleted: the original and its renditions.

A cover stays while an article or a revision of one refers to it: restoring a revision or
recovering a deleted article brings the cover back, and seeded articles share cover files. The
check runs once the transaction that replaced, cleared or deleted a cover (or deleted revisions)
has committed, so a rollback never costs a file that is still needed.
"""

import json
import threading

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from easy_thumbnails.files import get_thumbnailer
from reversion.errors import RevertError
from reversion.models import Version

from .models import Article

# Set on an article between pre_save and post_save: the cover its row held before this save.
REPLACED = "_cover_replaced_by_save"


def connect():
    pre_save.connect(note_replaced_cover, sender=Article, dispatch_uid="covers.note")
    post_save.connect(release_replaced_cover, sender=Article, dispatch_uid="covers.replaced")
    post_delete.connect(release_article_cover, sender=Article, dispatch_uid="covers.article")
    post_delete.connect(release_version_cover, sender=Version, dispatch_uid="covers.version")


def note_replaced_cover(sender, instance, using, update_fields, **kwargs):
    """Remember the cover the row holds if this save replaces or clears it (a revision being
    restored included: reversion saves raw)."""
    if instance.pk is None or (update_fields is not None and "cover" not in update_fields):
        return
    stored = Article.objects.using(using).filter(pk=instance.pk)
    old = stored.values_list("cover", flat=True).first()
    if old and old != instance.cover.name:
        setattr(instance, REPLACED, old)


def release_replaced_cover(sender, instance, using, **kwargs):
    release(vars(instance).pop(REPLACED, ""), using)


def release_article_cover(sender, instance, using, origin=None, **kwargs):
    release(instance.cover.name, using, origin)


def release_version_cover(sender, instance, using, origin=None, **kwargs):
    if instance.content_type_id == ContentType.objects.get_for_model(Article).pk:
        release(cover_of(instance) or "", using, origin)


class Batch(threading.local):
    """The names released by one delete() (one `origin`), checked together after it commits."""

    origin = None
    names = None


batch = Batch()


def release(name, using, origin=None):
    """Delete cover `name` with its renditions after the current transaction commits, unless
    an article or a revision still refers to it then."""
    if not name:
        return
    if origin is not None and batch.origin is origin:
        batch.names.add(name)  # deleting many revisions names the same cover many times
        return
    names = {name}
    if origin is not None:
        batch.origin, batch.names = origin, names

    def check():
        if batch.names is names:
            batch.origin = batch.names = None
        for unused in names - names_in_use(names):
            delete_cover(unused)

    transaction.on_commit(check, using=using, robust=True)  # a failed clean-up is only logged


def names_in_use(names):
    """Those of the cover `names` that an article or a revision of an article refers to."""
    used = set(Article.objects.filter(cover__in=names).values_list("cover", flat=True))
    versions = Version.objects.get_for_model(Article)
    for name in names - used:
        # The name as the revision's JSON spells it finds the candidates; reading them decides.
        spelled = json.dumps(name, ensure_ascii=False)[1:-1]
        candidates = versions.filter(serialized_data__contains=spelled)
        if any(cover_of(version) in (name, None) for version in candidates.iterator()):
            used.add(name)
    return used


def cover_of(version):
    """The cover name a version of an article holds ("" for none), or None if it cannot be read."""
    try:
        cover = version.field_dict.get("cover")
    except RevertError:
        return None  # unreadable: count it as using the cover
    return getattr(cover, "name", cover) or ""


def delete_cover(name):
    """Delete the original, the renditions easy-thumbnails made of it and its records of them."""
    field = Article._meta.get_field("cover")
    get_thumbnailer(field.attr_class(Article(), field, name)).delete(save=False)
