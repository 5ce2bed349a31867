"""The blocklist's admin, and blocking a spam message's sender from the inbox."""

import ipaddress

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import spam
from ..blocklist import (
    EMAIL_ADDRESS,
    EMAIL_DOMAIN,
    IP_RANGE,
    client_address,
    normalise_domain,
)
from ..models import BlocklistEntry, Message

ADD_PERMISSION = "online_messages.add_blocklistentry"
# The senders of at most this many messages are offered at once.
MAX_IDS = 100
# Domains that many people share: blocking one would block them all, so it is offered unchecked.
WEBMAIL = frozenset(
    {
        "gmail.com",
        "outlook.com",
        "hotmail.com",
        "yahoo.com",
        "qq.com",
        "163.com",
        "126.com",
        "icloud.com",
    }
)


def sender_entries(email, ip):
    """Entries that would block this sender, as (kind, value, offered checked)."""
    entries = []
    if email and "@" in email:
        entries.append((EMAIL_ADDRESS, email.strip().lower(), True))
        try:
            domain = normalise_domain(email.rsplit("@", 1)[1])
        except ValidationError:
            domain = None
        if domain:
            entries.append((EMAIL_DOMAIN, domain, domain not in WEBMAIL))
    address = client_address(ip)
    if address is not None:
        # An IPv6 host is usually given a whole /64 (as the rate limit counts). Addresses are
        # often shared or change hands: offered unchecked.
        prefix = 32 if address.version == 4 else 64
        network = ipaddress.ip_network((address, prefix), strict=False)
        entries.append((IP_RANGE, str(network), False))
    return entries


def selected_ids(value):
    """The message ids of "?ids=1,2,3": numbers only, each once, at most MAX_IDS."""
    ids = []
    for part in (value or "").split(","):
        part = part.strip()
        if part.isascii() and part.isdigit() and len(part) < 19 and int(part) not in ids:
            ids.append(int(part))
            if len(ids) == MAX_IDS:
                break
    return ids


def proposals_for(messages_):
    """What would block these messages' senders, once each, leaving out what is listed."""
    proposals = {}
    for message in messages_:
        for kind, value, checked in sender_entries(message.email, message.ip_address):
            proposal = proposals.setdefault(
                (kind, value),
                {
                    "key": f"{kind}:{value}",
                    "kind": kind,
                    "kind_label": BlocklistEntry.Kind(kind).label,
                    "value": value,
                    "checked": checked,
                    "messages": [],
                },
            )
            proposal["messages"].append(message)
    listed = BlocklistEntry.objects.listed(proposals)
    return [proposal for pair, proposal in proposals.items() if pair not in listed]


class BlockSenderAdminMixin:
    """For MessageAdmin: marking spam offers to block the senders; the spam reason is shown."""

    # Bulk actions that MessageAdmin offers besides its own.
    blocklist_actions = ["mark_spam"]

    def may_block(self, request):
        return self.has_view_permission(request) and request.user.has_perm(ADD_PERMISSION)

    def block_senders_url(self, ids):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_block_senders")
        return f"{url}?{urlencode({'ids': ','.join(str(pk) for pk in ids)})}"

    @admin.action(description=_("Mark selected messages as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True)[:MAX_IDS])
        count = queryset.mark(Message.Status.SPAM, request.user)
        text = ngettext(
            "%(count)d message marked as spam.", "%(count)d messages marked as spam.", count
        ) % {"count": count}
        if ids and self.may_block(request):
            link = ngettext(
                "Add its sender to the blocklist…", "Add their senders to the blocklist…", count
            )
            text = format_html('{} <a href="{}">{}</a>', text, self.block_senders_url(ids), link)
        self.message_user(request, text, messages.SUCCESS)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view(self.block_senders_view)
        urls = [path("block-senders/", view, name="{}_{}_block_senders".format(*info))]
        return [*urls, *super().get_urls()]

    def block_senders_view(self, request):
        """Offer each message's email address, email domain and IP range; add the chosen."""
        if not self.may_block(request):
            raise PermissionDenied
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        ids = selected_ids(request.GET.get("ids"))
        chosen_messages = list(self.get_queryset(request).filter(pk__in=ids))
        proposals = proposals_for(chosen_messages)
        if request.method == "POST":
            keys = set(request.POST.getlist("entry"))
            self.add_entries(request, [p for p in proposals if p["key"] in keys])
            next_url = request.POST.get("next", "")
            safe = url_has_allowed_host_and_scheme(
                next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
            return redirect(next_url if safe else changelist)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Add senders to the blocklist"),
            "blocklist_messages": chosen_messages,
            "blocklist_proposals": proposals,
            "blocklist_action": self.block_senders_url(ids),
            "blocklist_next": changelist,
        }
        return TemplateResponse(
            request, "admin/online_messages/blocklistentry/block_senders.html", context
        )

    def add_entries(self, request, chosen):
        if not chosen:
            text = gettext("Nothing was added: no entry was chosen.")
            self.message_user(request, text, messages.WARNING)
            return
        if len(chosen) > BlocklistEntry.objects.room():
            self.message_user(
                request,
                gettext(
                    "Nothing was added: the blocklist holds at most %(max)d entries. Delete "
                    "entries that are no longer needed first."
                )
                % {"max": settings.MESSAGE_BLOCKLIST_MAX_ENTRIES},
                messages.ERROR,
            )
            return
        added = 0
        for proposal in chosen:
            entry = BlocklistEntry(
                kind=proposal["kind"],
                value=proposal["value"],
                note=gettext("Sender of spam message %(number)s")
                % {"number": proposal["messages"][0].pk},
                created_by=request.user,
            )
            try:
                entry.full_clean()
                with transaction.atomic():
                    entry.save()
            except (ValidationError, IntegrityError):
                continue  # added meanwhile, by someone else
            added += 1
        text = ngettext(
            "%(count)d entry added to the blocklist.",
            "%(count)d entries added to the blocklist.",
            added,
        )
        self.message_user(request, text % {"count": added}, messages.SUCCESS)

    @admin.display(description=_("spam reason"))
    def spam_reason_column(self, message):
        # A plain string: the admin escapes it.
        if message.status != Message.Status.SPAM:
            return ""
        return spam.describe(message.spam_reason)

    @admin.display(description=_("spam reason"))
    def spam_reason_text(self, message):
        return spam.describe(message.spam_reason)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "spam_reason_text")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.spam_reason:
            return fieldsets
        changed = []
        for name, options in fieldsets:
            fields = list(options.get("fields", ()))
            if "status" in fields and "spam_reason_text" not in fields:
                fields.insert(fields.index("status") + 1, "spam_reason_text")
                options = {**options, "fields": fields}
            changed.append((name, options))
        return changed

    def render_change_form(self, request, context, *args, **kwargs):
        message = kwargs.get("obj") or context.get("original")
        is_spam = message is not None and message.status == Message.Status.SPAM
        if is_spam and self.may_block(request):
            context["blocklist_proposals"] = proposals_for([message])
            context["blocklist_action"] = self.block_senders_url([message.pk])
            context["blocklist_next"] = message.get_admin_url()
        return super().render_change_form(request, context, *args, **kwargs)


@admin.register(BlocklistEntry)
class BlocklistEntryAdmin(admin.ModelAdmin):
    list_display = ("value", "kind", "note", "created_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("value", "note")
    fields = ("kind", "value", "note", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")
    list_select_related = ("created_by",)

    def get_form(self, request, obj=None, **kwargs):
        help_texts = {
            "value": _(
                "A word or phrase (matched as whole words, in any case); a domain such as "
                "example.top (its subdomains too); an email address; or an IP address or range "
                "such as 203.0.113.0/24 or 2001:db8::/48."
            )
        }
        return super().get_form(request, obj, help_texts=help_texts, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
