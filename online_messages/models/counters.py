from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PostCounterQuerySet(models.QuerySet):
    def expired(self, now=None):
        """Counters whose window is over, each by its own length: what they counted no longer
        matters."""
        return self.filter(window_end__lte=now or timezone.now())

    def hit(self, key, limit, window, now=None):
        """Count one POST from the sender `key`; False once it is over `limit` in its window.

        A window lasts `window` (a timedelta) from the sender's first POST in it. The count is
        read and written under a lock on its row (PostgreSQL's SELECT … FOR UPDATE; SQLite's
        IMMEDIATE transactions let one writer in at a time), so that concurrent POSTs cannot
        all read the same count. Starting a window also deletes the counters that are over.
        """
        now = now or timezone.now()
        with transaction.atomic(using=self.db):
            counter, new_window = self.select_for_update().get_or_create(
                key=key, defaults={"window_end": now + window, "count": 1}
            )
            if not new_window:
                if counter.window_end <= now:
                    counter.window_end, counter.count, new_window = now + window, 1, True
                else:
                    counter.count += 1
                counter.save(update_fields=["window_end", "count"])
        if new_window:
            # Outside the transaction above: it holds no lock on another sender's row meanwhile.
            self.expired(now).delete()
        return counter.count <= limit


class PostCounter(models.Model):
    """How many times one sender did something limited in their current window: posted the
    message form (the key is the sender), or was sent an acknowledgement ("ack:…"). Counters of
    different windows share the table: each one records when its own window ends."""

    key = models.CharField(max_length=64, unique=True)
    # The window began `window` before it ends: its end is all that is needed to tell.
    window_end = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField()

    objects = PostCounterQuerySet.as_manager()

    class Meta:
        verbose_name = _("message rate counter")
        verbose_name_plural = _("message rate counters")

    def __str__(self):
        return self.key
