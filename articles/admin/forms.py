from django import forms
from django.utils.translation import gettext_lazy as _


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
