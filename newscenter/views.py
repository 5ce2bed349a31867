"""Site-wide views."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


@staff_member_required
def admin_view_on_site(request, content_type_id, object_id):
    """The admin's "View on site" redirect, for staff who may view that kind of object.

    The admin's own only asks for staff status, so it would tell anyone on the staff the
    address (and so the slug) of any object, such as a draft article.
    """
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not any(
        request.user.has_perm(
            f"{content_type.app_label}.{get_permission_codename(action, model._meta)}"
        )
        for action in ("view", "change")
    ):
        raise PermissionDenied
    return shortcut(request, content_type_id, object_id)
