"""The admin inbox's rules on Message: overdue messages, a range of days, counts per status."""

from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone


class InboxQuerySet(models.QuerySet):
    def waiting(self, days):
        """Unhandled messages received more than `days` days ago: the inbox's overdue ones."""
        return self.unhandled().older_than(days)

    def received_between(self, first_day=None, last_day=None):
        """Messages received from the start of `first_day` to the end of `last_day`, both in
        the current time zone; either may be None for an open end."""
        messages = self
        if first_day is not None:
            start = timezone.make_aware(datetime.combine(first_day, time.min))
            messages = messages.filter(created_at__gte=start)
        if last_day is not None:
            end = timezone.make_aware(datetime.combine(last_day + timedelta(days=1), time.min))
            messages = messages.filter(created_at__lt=end)
        return messages

    def count_by_status(self):
        """{status: number of messages} for every status, in one grouped query."""
        counts = dict.fromkeys(self.model.Status.values, 0)
        rows = self.order_by().values("status").annotate(count=models.Count("pk"))
        counts.update({row["status"]: row["count"] for row in rows})
        return counts
