"""Replies on a message's admin page: the thread, the reply form, "Replied by phone" and
"retry now" for a reply whose email failed."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ..forms import strip_control_characters
from ..models import Reply
from ..replying import record_phone_reply, retry_reply, send_reply

REPLY_MAX_LENGTH = Reply._meta.get_field("body").max_length
# A refused reply or phone note comes back in its form on the message's page, once, kept in the
# session meanwhile; bounded, so that a huge paste cannot swell the session.
DRAFT_SESSION_KEY = "online_messages_reply_draft"
DRAFT_MAX_LENGTH = 2 * REPLY_MAX_LENGTH


class ReplyTextField(forms.CharField):
    """Staff text for a reply: line breaks become LF and control characters go, before the
    length is checked, so the limit counts what is stored and emailed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", REPLY_MAX_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8, "cols": 80}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return strip_control_characters(super().to_python(value), keep="\n\t").strip()


TOO_LONG = _("A reply may be at most %(limit_value)d characters long; this one has %(show_value)d.")


class ReplyForm(forms.Form):
    prefix = "reply"
    body = ReplyTextField(
        label=_("Your reply"),
        error_messages={"required": _("Write a reply before sending it."), "max_length": TOO_LONG},
    )


class PhoneReplyForm(forms.Form):
    prefix = "phone"
    note = ReplyTextField(
        label=_("What was said on the phone"),
        error_messages={
            "required": _("Write a note of the call before recording it."),
            "max_length": TOO_LONG,
        },
    )


class ReplyAdminMixin:
    """For MessageAdmin."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/reply/",
                view(self.reply_view),
                name="{}_{}_reply".format(*info),
            ),
            path(
                "<path:object_id>/reply/phone/",
                view(self.phone_reply_view),
                name="{}_{}_reply_phone".format(*info),
            ),
            path(
                "<path:object_id>/reply/<int:reply_id>/retry/",
                view(self.retry_reply_view),
                name="{}_{}_reply_retry".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_reply_permission(self, request, message=None):
        """Replying writes a reply and changes the message's status: it takes both rights."""
        may_add = request.user.has_perm(f"{self.opts.app_label}.add_reply")
        return may_add and self.has_change_permission(request, message)

    def has_view_replies_permission(self, request):
        label = self.opts.app_label
        return any(request.user.has_perm(f"{label}.{perm}") for perm in ("view_reply", "add_reply"))

    def render_change_form(self, request, context, *args, **kwargs):
        message = context.get("original")
        if message is not None and self.has_view_replies_permission(request):
            can_reply = self.has_reply_permission(request, message)
            form_class = ReplyForm if message.email else PhoneReplyForm
            form = form_class(initial=self.taken_draft(request, message, form_class))
            context.update(
                replies_shown=True,
                replies_thread=list(message.replies.select_related("sent_by")),
                replies_can_reply=can_reply,
                replies_form=form if can_reply and message.email else None,
                replies_phone_form=form if can_reply and not message.email else None,
            )
        return super().render_change_form(request, context, *args, **kwargs)

    @staticmethod
    def keep_draft(request, message, form):
        """Keep what was typed in the refused `form` for the message's page to show again."""
        (field,) = form.fields
        text = form.data.get(form.add_prefix(field), "")[:DRAFT_MAX_LENGTH]
        request.session[DRAFT_SESSION_KEY] = {
            "message": str(message.pk),
            "form": form.prefix,
            "field": field,
            "text": text,
        }

    @staticmethod
    def taken_draft(request, message, form_class):
        """The initial data of `form_class` on `message`'s page: a draft kept for it, else none.
        A draft is shown once, and only on the page of the message it was written for."""
        draft = request.session.pop(DRAFT_SESSION_KEY, None)
        if draft and draft["message"] == str(message.pk) and draft["form"] == form_class.prefix:
            return {draft["field"]: draft["text"]}
        return {}

    def replying_to(self, request, object_id):
        """The message a reply view acts on, once the user may reply to it."""
        message = self.get_object(request, object_id)
        if message is None:
            raise Http404(gettext("This message does not exist any more."))
        if not self.has_reply_permission(request, message):
            raise PermissionDenied
        return message

    def back_to(self, message):
        return redirect(f"{message.get_admin_url()}#replies")

    def report_errors(self, request, form):
        for errors in form.errors.values():
            for error in errors:
                self.message_user(request, error, messages.ERROR)

    @method_decorator(require_POST)
    def reply_view(self, request, object_id):
        message = self.replying_to(request, object_id)
        if not message.email:
            self.message_user(
                request, gettext("This message has no email address to reply to."), messages.ERROR
            )
            return self.back_to(message)
        form = ReplyForm(request.POST)
        if not form.is_valid():
            self.report_errors(request, form)
            self.keep_draft(request, message, form)
            return self.back_to(message)
        send_reply(message, request.user, form.cleaned_data["body"])
        text = gettext("Your reply to %(email)s is stored and on its way.") % {
            "email": message.email
        }
        self.message_user(request, text, messages.SUCCESS)
        return self.back_to(message)

    @method_decorator(require_POST)
    def phone_reply_view(self, request, object_id):
        message = self.replying_to(request, object_id)
        form = PhoneReplyForm(request.POST)
        if not form.is_valid():
            self.report_errors(request, form)
            self.keep_draft(request, message, form)
            return self.back_to(message)
        record_phone_reply(message, request.user, form.cleaned_data["note"])
        self.message_user(
            request,
            gettext("The phone reply is recorded; the message is replied."),
            messages.SUCCESS,
        )
        return self.back_to(message)

    @method_decorator(require_POST)
    def retry_reply_view(self, request, object_id, reply_id):
        message = self.replying_to(request, object_id)
        reply = get_object_or_404(message.replies, pk=reply_id)
        if retry_reply(reply):
            text = gettext("The reply is queued to be sent again.")
            self.message_user(request, text, messages.SUCCESS)
        else:
            text = gettext("Only a failed or waiting emailed reply can be sent again.")
            self.message_user(request, text, messages.WARNING)
        return self.back_to(message)
