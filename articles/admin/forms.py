from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import Article


class ArticleAdminForm(forms.ModelForm):
    """The article form, with two choices that are about this save rather than the article.

    No Meta: ArticleAdmin makes the form for Article, with the fields of its fieldsets."""

    keep_publish_date = forms.BooleanField(
        label=_("Keep this publish date"),
        required=False,
        help_text=_(
            "When an article is published for the first time, a publish date already past "
            "becomes now, so that it leads the lists. Tick this to backdate it instead."
        ),
    )
    significant_change = forms.BooleanField(
        label=_("Significant change"),
        required=False,
        help_text=_(
            "Shows “Last updated” with today’s date on the article: readers see that it was "
            "corrected or changed."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            # Not sending it (a script, an older form) keeps the article's language.
            self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    def clean(self):
        cleaned_data = super().clean()
        language = cleaned_data.get("language")
        key = self.instance.translation_key
        if language and key is not None:
            taken = Article.objects.filter(translation_key=key, language=language)
            other = taken.exclude(pk=self.instance.pk).only("id", "title").first()
            if other is not None:
                self.add_error(
                    "language",
                    forms.ValidationError(
                        _(
                            "This story already has a version in %(language)s, “%(title)s”. "
                            "Choose another language, or edit that article instead."
                        ),
                        code="translation_exists",
                        params={
                            "language": dict(settings.LANGUAGES).get(language, language),
                            "title": other.title,
                        },
                    ),
                )
        return cleaned_data
