from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Redirect
from ..models.redirect import is_external


class RedirectAdminForm(forms.ModelForm):
    # Set per request by RedirectAdmin.get_form: only a superuser may send visitors away.
    may_redirect_away = False

    class Meta:
        model = Redirect
        fields = ("old_path", "article", "target")

    def clean_target(self):
        target = self.cleaned_data["target"].strip()
        changed = target != (self.instance.target or "")
        if is_external(target) and changed and not self.may_redirect_away:
            raise forms.ValidationError(
                _(
                    "Only a superuser may redirect to another site. Enter a path on this site "
                    "that starts with /, such as /news/."
                ),
                code="external",
            )
        return target


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectAdminForm
    list_display = ("old_path", "destination_link", "created_at")
    list_select_related = ("article",)
    search_fields = ("old_path", "target", "article__title")
    autocomplete_fields = ("article",)
    readonly_fields = ("created_at",)
    fields = ("old_path", "article", "target", "created_at")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)  # a new class for each request
        form.may_redirect_away = request.user.is_superuser
        return form

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "old_path":
            kwargs["help_text"] = gettext_lazy(
                "The address as it was linked, such as /about/companynews-detail-123.htm. A "
                "full URL is reduced to its path; a query string is ignored."
            )
        elif db_field.name == "target":
            kwargs["help_text"] = gettext_lazy(
                "A path on this site, such as /news/, when no article is chosen. Choosing the "
                "article instead follows it through later renames."
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("leads to"))
    def destination_link(self, obj):
        if obj.article_id is None:
            return obj.target
        destination = obj.destination()
        if destination is None:
            return format_html("{} ({})", obj.article, _("not published; the old path is 404"))
        return format_html('<a href="{}">{}</a>', destination, obj.article)
