from django.conf import settings
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, ngettext
from django.views.decorators.cache import never_cache
from django.views.generic import CreateView, TemplateView

from . import spam
from .acknowledgements import queue_acknowledgement
from .forms import MessageForm
from .models import Message
from .tasks import queue_notification

SENDER_SESSION_KEY = "online_messages_sender"


def render_typed_form(request, template_name, status, **context):
    """The form again, filled with what the visitor typed, when their POST could not be taken."""
    typed = {name: request.POST.get(name, "") for name in MessageForm.Meta.fields}
    typed["publish_consent"] = bool(typed["publish_consent"])
    context["form"] = MessageForm(initial=typed)
    return render(request, template_name, context, status=status)


# Every rendering carries a fresh signed timestamp and CSRF token: never serve a cached copy.
@method_decorator(never_cache, name="dispatch")
class MessageCreateView(CreateView):
    model = Message
    form_class = MessageForm
    template_name = "online_messages/message_form.html"
    success_url = reverse_lazy("online_messages:thanks")

    def post(self, request, *args, **kwargs):
        # The project's ClientIPMiddleware sets client_ip, by its one proxy setting.
        if not spam.allow_post(request.client_ip):
            return self.rate_limited()
        return super().post(request, *args, **kwargs)

    def rate_limited(self):
        """HTTP 429, with what the visitor typed back in a fresh form; nothing is stored."""
        minutes = self.window_minutes()
        # A plural: made here, where makemessages finds it (it reads no plurals in templates).
        wait = ngettext(
            "You have sent several messages in a short time, so this one has not been sent. "
            "Please try again in %(minutes)s minute.",
            "You have sent several messages in a short time, so this one has not been sent. "
            "Please try again in %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}
        response = render_typed_form(
            self.request,
            "online_messages/rate_limited.html",
            status=429,
            rate_window_minutes=minutes,
            rate_limit_text=wait,
        )
        response["Retry-After"] = str(settings.MESSAGE_RATE_WINDOW)
        return response

    @staticmethod
    def window_minutes():
        return max(1, round(settings.MESSAGE_RATE_WINDOW / 60))

    def csrf_failure_response(self, reason):
        """A form whose security token expired (or whose cookie was lost) is shown again, not lost.

        The project's CSRF_FAILURE_VIEW calls this for a POST to this view.
        """
        return render_typed_form(self.request, "online_messages/csrf_failure.html", status=403)

    def form_valid(self, form):
        message = form.instance
        message.ip_address = self.request.client_ip
        message.user_agent = self.request.headers.get("User-Agent", "")[:300]
        # LocaleMiddleware has set it from the URL prefix (/zh-hans/message/) or the browser.
        message.set_language(get_language())
        # Honeypot and timestamp first, then the blocklist and the number of links.
        message.spam_reason = form.spam_reason or spam.content_reason(
            message, self.request.client_ip
        )
        if message.spam_reason:
            # Stored for the record, nobody is told, and the bot sees the usual thanks.
            message.status = Message.Status.SPAM
        message.expect_notification()
        try:
            with transaction.atomic():
                self.object = form.save()
                # Sent by the task worker once committed: the visitor never waits for mail.
                queue_notification(self.object, self.request)
                queue_acknowledgement(self.object)
        except IntegrityError:
            # The same served form, sent twice at once: the other request stored it.
            if not form.already_sent():
                raise
            return self.form_invalid(form)
        self.request.session[SENDER_SESSION_KEY] = self.object.name
        return redirect(self.get_success_url())


@method_decorator(never_cache, name="dispatch")
class MessageThanksView(TemplateView):
    template_name = "online_messages/thanks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sender_name"] = self.request.session.get(SENDER_SESSION_KEY, "")
        return context
