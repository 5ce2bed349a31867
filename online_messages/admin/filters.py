"""The inbox's filters and counts: per status, by date range, waiting longer than N days."""

from datetime import date

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Message

# The choices of "waiting longer than": days since the message was received.
WAITING_DAYS = (1, 3, 7, 14, 30)
# The status list filter's parameter (the "status" entry of MessageAdmin.list_filter).
STATUS_PARAMETER = "status__exact"
# The range's limits: beyond them a day's bounds, once in UTC, could overflow Python's dates.
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(9998, 12, 31)


def date_input(**kwargs):
    return forms.DateField(
        required=False,
        # Browsers send a date input as YYYY-MM-DD whatever their language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[MinValueValidator(EARLIEST_DAY), MaxValueValidator(LATEST_DAY)],
        **kwargs,
    )


class ReceivedRangeForm(forms.Form):
    received_from = date_input(label=pgettext_lazy("date range", "From"))
    received_to = date_input(
        label=pgettext_lazy("date range", "To"), help_text=_("The whole day is included.")
    )

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("received_from"), cleaned.get("received_to")
        if first and last and first > last:
            raise forms.ValidationError(
                _("The “from” date must not be after the “to” date."), code="reversed"
            )
        return cleaned


class ReceivedRangeFilter(admin.ListFilter):
    """Messages received from one day to another, both inclusive, in the site's time zone.

    Two date inputs in a GET form of the sidebar: no script, so the admin's strict CSP holds.
    A bad date leaves the list unfiltered and says why.
    """

    title = _("received date")
    template = "admin/online_messages/message/received_filter.html"
    parameters = tuple(ReceivedRangeForm.base_fields)

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        for name in self.parameters:
            if name in params:
                self.used_parameters[name] = params.pop(name)[-1]
        self.form = ReceivedRangeForm(self.used_parameters or None)

    def inbox_errors(self):
        """Why the filter was not applied, if it was not."""
        if not self.form.is_bound or self.form.is_valid():
            return []
        errors = [error for field in self.form.errors.values() for error in field]
        text = gettext("Messages were not filtered by received date: %(errors)s")
        return [text % {"errors": " ".join(errors)}]

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def queryset(self, request, queryset):
        if not self.form.is_bound or not self.form.is_valid():
            return queryset
        data = self.form.cleaned_data
        return queryset.received_between(data["received_from"], data["received_to"])

    def choices(self, changelist):
        """One "choice": what the form needs to keep the other filters, the search and the
        ordering, and the link that drops the range."""
        kept = [
            (name, value)
            for name, values in self.request.GET.lists()
            if name not in (*self.parameters, PAGE_VAR, ERROR_FLAG)
            for value in values
        ]
        yield {
            "selected": not any(self.used_parameters.values()),
            "query_string": changelist.get_query_string(remove=self.parameters),
            "display": _("Any date"),
            "kept": kept,
        }


class WaitingFilter(admin.SimpleListFilter):
    """New or read messages, not replied to, received more than N days ago."""

    title = _("waiting time")
    parameter_name = "waiting"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        value = self.value()
        self.unknown = value is not None and value not in {str(days) for days in WAITING_DAYS}
        if self.unknown:
            del self.used_parameters[self.parameter_name]

    def inbox_errors(self):
        return [gettext("Choose a waiting time from the list.")] if self.unknown else []

    def lookups(self, request, model_admin):
        return [
            (
                str(days),
                ngettext("more than %(count)d day", "more than %(count)d days", days)
                % {"count": days},
            )
            for days in WAITING_DAYS
        ]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.waiting(int(self.value()))


class InboxFiltersMixin:
    """For MessageAdmin: the filters above (its list_filter names them) and, over the list,
    how many messages are in each status, each a link to that status.

    Django's facets (show_facets) stay as they are by default: offered as a link. Shown always,
    they would cost one aggregate query per filter on every page of the inbox; the status
    counts, the ones handlers need each time, come from one grouped query.
    """

    inbox_filters = (ReceivedRangeFilter, WaitingFilter)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # Only for the list page itself: not for an action's answer or a redirect.
        if isinstance(response, TemplateResponse) and "cl" in (response.context_data or {}):
            response.context_data["inbox_status_counts"] = self.inbox_status_counts(request)
            # Told here, once: the filters are built anew for each facet count.
            for spec in response.context_data["cl"].filter_specs:
                for error in getattr(spec, "inbox_errors", list)():
                    messages.error(request, error)
        return response

    def inbox_status_counts(self, request):
        """Each status with its number of messages and the link to its filter."""
        counts = self.get_queryset(request).count_by_status()
        changelist_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )
        current = request.GET.get(STATUS_PARAMETER)
        return [
            {
                "status": status,
                "label": label,
                "count": counts[status],
                "url": f"{changelist_url}?{urlencode({STATUS_PARAMETER: status})}",
                "current": status == current,
                "unread": status == Message.Status.NEW,
            }
            for status, label in Message.Status.choices
        ]
