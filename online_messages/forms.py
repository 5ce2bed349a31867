import re
import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from . import spam
from .models import Message

ALREADY_SENT = _(
    "This form has already been sent. Check your message and send it again to send another."
)

PHONE_CHARACTERS = re.compile(r"[0-9 +\-()]+")
PHONE_MIN_DIGITS, PHONE_MAX_DIGITS = 5, 20
# Control characters (Cc), invisible format characters (Cf: bidirectional controls and marks,
# zero-width spaces, the BOM, …) and the Unicode line and paragraph separators. Format
# characters can make text read differently from what it is, or hide text.
REMOVED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
# The zero-width joiner is a format character that emoji sequences need (👩‍💻, 🏳️‍🌈).
ZERO_WIDTH_JOINER = "\u200d"
# Line breaks besides LF: CRLF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
LINE_BREAKS = re.compile("\r\n|[\x85\u2028\u2029]")


def strip_control_characters(value, keep=""):
    """Remove control and invisible format characters, except the zero-width joiner and ``keep``.

    Where ``keep`` has LF, the other line breaks (CRLF, NEL, U+2028, U+2029) become LF first;
    elsewhere they are removed like the rest.
    """
    if "\n" in keep:
        value = LINE_BREAKS.sub("\n", value)
    return "".join(
        char
        for char in value
        if char in keep
        or char == ZERO_WIDTH_JOINER
        or unicodedata.category(char) not in REMOVED_CATEGORIES
    )


class TelInput(forms.TextInput):
    input_type = "tel"


class EmailField(forms.EmailField):
    """An email address without the invisible characters a paste may bring along.

    They go before the address is validated: nobody could see what made it invalid. A NUL
    stays, to be refused as in every other field.
    """

    def to_python(self, value):
        return super().to_python(strip_control_characters(value or "", keep="\x00"))


class MessageForm(forms.ModelForm):
    # Hidden from people; a bot that fills it in is caught (see spam.py).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    served_at = forms.CharField(
        required=False, widget=forms.HiddenInput, initial=spam.make_timestamp
    )

    class Meta:
        model = Message
        # The last two only with the message board on (MESSAGE_BOARD).
        fields = ["name", "email", "phone", "company", "content", "publish_consent", "display_name"]
        labels = {
            "content": _("Message"),
            "publish_consent": _("You may publish my message and your reply on the message board"),
            "display_name": _("Name shown on the board"),
        }
        field_classes = {"email": EmailField}
        help_texts = {
            "email": _("Give an email address or a phone number, so that we can reply."),
            "phone": _("Digits, spaces, +, - and parentheses."),
            "content": _("Up to 5,000 characters."),
            "publish_consent": _(
                "Only your message and the name below are shown, never your email, phone or "
                "company, and only once we approve it."
            ),
            "display_name": _("Leave it empty to be shown as “Visitor”."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": TelInput(attrs={"autocomplete": "tel"}),
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "content": forms.Textarea(attrs={"rows": 8}),
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Why the message is spam ("honeypot", "too fast", "forged form"), or "" so far: the
        # view then asks the blocklist and counts the links (spam.content_reason).
        self.spam_reason = ""
        if not settings.MESSAGE_BOARD:
            del self.fields["publish_consent"], self.fields["display_name"]
        if settings.MESSAGE_CAPTCHA:
            from captcha.fields import CaptchaField

            self.fields["captcha"] = CaptchaField(
                label=_("Type the characters in the picture"),
                error_messages={"invalid": _("The characters do not match. Please try again.")},
            )

    def _clean_text(self, field, keep=""):
        value = strip_control_characters(self.cleaned_data.get(field, ""), keep).strip()
        if not value and self.fields[field].required:
            raise ValidationError(self.fields[field].error_messages["required"], code="required")
        return value

    def clean_name(self):
        return self._clean_text("name")

    def clean_company(self):
        return self._clean_text("company")

    def clean_display_name(self):
        return self._clean_text("display_name")

    def clean_content(self):
        return self._clean_text("content", keep="\n\t")

    def clean_email(self):
        email = self._clean_text("email")
        if email:
            validate_email(email)
        return email

    def clean_phone(self):
        phone = self._clean_text("phone")
        if not phone:
            return phone
        if not PHONE_CHARACTERS.fullmatch(phone):
            raise ValidationError(
                _("Use only digits, spaces, +, - and parentheses."), code="phone_characters"
            )
        digits = sum(char.isdigit() for char in phone)
        if not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
            raise ValidationError(
                _("A phone number has %(min)d to %(max)d digits."),
                code="phone_digits",
                params={"min": PHONE_MIN_DIGITS, "max": PHONE_MAX_DIGITS},
            )
        return phone

    def clean(self):
        cleaned_data = super().clean()
        has_errors = "email" in self.errors or "phone" in self.errors
        if not has_errors and not cleaned_data.get("email") and not cleaned_data.get("phone"):
            error = ValidationError(
                _("Please give an email address or a phone number."),
                code="contact_required",
            )
            self.add_error("email", error)
            self.add_error("phone", error)

        if cleaned_data.get("website"):
            self.spam_reason = spam.HONEYPOT
        verdict, token = spam.check_timestamp(self.data.get(self.add_prefix("served_at")))
        if verdict == spam.STALE:
            self.renew_timestamp()
            raise ValidationError(
                _("This form is out of date. Please check your message and send it again."),
                code="stale",
            )
        # Kept by the stored message, spam too: a served form is good for one message.
        self.instance.form_token = token or None
        if self.already_sent():
            return cleaned_data
        if verdict == spam.FORGED:
            # Also what a person sees after the secret key changed: if the form is sent
            # back with errors, its next submission must not count as spam.
            self.renew_timestamp()
        if verdict in spam.TIMESTAMP_REASONS and not self.spam_reason:
            self.spam_reason = spam.TIMESTAMP_REASONS[verdict]
        return cleaned_data

    def already_sent(self):
        """Whether a message was stored from this served form; if so, say so and serve a new one.

        The view asks again when saving fails on the token: the same form, sent twice at once.
        """
        token = self.instance.form_token
        if not token or not Message.objects.filter(form_token=token).exists():
            return False
        self.renew_timestamp()
        self.add_error(None, ValidationError(ALREADY_SENT, code="already_sent"))
        return True

    def renew_timestamp(self):
        """Serve the re-rendered form with a fresh timestamp instead of the stale one."""
        self.data = self.data.copy()
        self.data[self.add_prefix("served_at")] = spam.make_timestamp()
