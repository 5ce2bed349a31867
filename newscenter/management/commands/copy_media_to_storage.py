"""`manage.py copy_media_to_storage`: copy the uploads in MEDIA_ROOT into the media storage (the
S3 bucket that AWS_STORAGE_BUCKET_NAME names), under the same names, for a site moving to several
hosts (README: Several hosts). Run again, it copies only what is missing there or has another
size there."""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

# What reading a file or talking to the bucket raises when either fails. Without the [s3] extra
# there is no bucket either, and handle() refuses before copying anything.
try:
    from botocore.exceptions import BotoCoreError, ClientError
except ImportError:
    COPY_ERRORS = (OSError,)
else:
    COPY_ERRORS = (OSError, BotoCoreError, ClientError)


class Command(BaseCommand):
    help = _(
        "Copy every file in MEDIA_ROOT into the media storage (the bucket that "
        "AWS_STORAGE_BUCKET_NAME names) under the same name. A file already there with the same "
        "size is left alone, one of another size is replaced, so the command can run again "
        "after an interruption or after more uploads."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Say what would be copied and replaced, and write nothing."),
        )

    def handle(self, dry_run, verbosity, **options):
        self.verbosity = verbosity
        storage = storages["default"]
        if isinstance(storage, FileSystemStorage):
            raise CommandError(
                _(
                    "The media storage is still this machine's MEDIA_ROOT, so there is nowhere to "
                    "copy to: set AWS_STORAGE_BUCKET_NAME and the other AWS_ variables first."
                )
            )
        root = Path(settings.MEDIA_ROOT)
        if not root.is_dir():
            raise CommandError(
                _("MEDIA_ROOT (%(path)s) is not a folder: there are no local uploads to copy.")
                % {"path": root}
            )
        counts = {"copied": 0, "already there": 0, "replaced": 0}
        # At verbosity 2 each copy is a line of its own, which a bar would break up.
        total = sum(1 for _path in media_files(root)) if verbosity == 1 else 0
        labels = (
            {"copied": _("Would copy"), "replaced": _("Would replace")}
            if dry_run
            else {"copied": _("Copied"), "replaced": _("Replaced")}
        )
        with tqdm(total=total, unit=" files", file=sys.stderr, disable=not total) as progress:
            for path in media_files(root):
                name = path.relative_to(root).as_posix()
                try:
                    outcome = self.copy(storage, path, name, dry_run)
                except COPY_ERRORS as error:
                    raise CommandError(
                        _(
                            "Could not copy %(name)s: %(reason)s. Fix that and run the command "
                            "again; the files copied so far are kept and skipped."
                        )
                        % {"name": name, "reason": error}
                    ) from None
                counts[outcome] += 1
                progress.update()
                if verbosity >= 2 and outcome in labels:
                    self.stdout.write(f"{labels[outcome]}: {name}")
        self.report(counts, dry_run)

    def copy(self, storage, path, name, dry_run):
        """Copy the file at `path` to `name` in `storage` unless the same size is there; say how."""
        if storage.exists(name):
            if storage.size(name) == path.stat().st_size:
                return "already there"
            outcome = "replaced"
        else:
            outcome = "copied"
        if dry_run:
            return outcome
        if outcome == "replaced":
            # The storage never overwrites (it would save under another name): delete first.
            storage.delete(name)
        with path.open("rb") as file:
            saved = storage.save(name, File(file, name=name))  # streamed, in parts
        if saved != name:
            raise CommandError(
                _(
                    "%(name)s was stored as %(saved)s: something else wrote %(name)s meanwhile. "
                    "Run the command again once it has stopped."
                )
                % {"name": name, "saved": saved}
            )
        return outcome

    def report(self, counts, dry_run):
        if not self.verbosity:
            return
        values = {
            "copied": counts["copied"],
            "replaced": counts["replaced"],
            "there": counts["already there"],
        }
        if dry_run:
            message = ngettext(
                "Dry run: %(copied)d file would be copied and %(replaced)d replaced; %(there)d "
                "already there. Nothing was written.",
                "Dry run: %(copied)d files would be copied and %(replaced)d replaced; %(there)d "
                "already there. Nothing was written.",
                counts["copied"],
            )
        else:
            message = ngettext(
                "Copied %(copied)d file and replaced %(replaced)d; %(there)d already there.",
                "Copied %(copied)d files and replaced %(replaced)d; %(there)d already there.",
                counts["copied"],
            )
        self.stdout.write(self.style.SUCCESS(message % values))


def media_files(root):
    """The files under `root`, in name order, found one folder at a time."""
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()  # os.walk descends into them in this order
        for name in sorted(files):
            yield Path(folder, name)
