"""CKEditor's image upload, through the same checks and cleaning as cover images."""

import json
import re

from ckeditor_uploader.backends import get_backend
from ckeditor_uploader.utils import get_media_url, storage
from ckeditor_uploader.views import ImageUploadView
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .images import validate_image, without_metadata


class EditorImageUploadView(ImageUploadView):
    def post(self, request, **kwargs):
        upload = request.FILES.get("upload")
        if upload is None:
            return self.error(request, _("Choose an image to upload."))
        try:
            validate_image(upload)
        except ValidationError as error:
            return self.error(request, " ".join(error.messages))
        cleaned = without_metadata(upload)
        path = f"{settings.CKEDITOR_UPLOAD_PATH}{timezone.now():%Y/%m/%d}/{cleaned.name}"
        # The backend also writes the thumbnail that the editor's file browser shows.
        saved_path = get_backend()(storage, cleaned).save_as(path)
        url = get_media_url(saved_path)
        if self.callback_number(request):
            return self.callback(request, url, "")
        return JsonResponse({"uploaded": 1, "fileName": cleaned.name, "url": url})

    @staticmethod
    def callback_number(request):
        """The editor's callback number, which goes into a script: ASCII digits only."""
        number = request.GET.get("CKEditorFuncNum", "")
        return number if re.fullmatch(r"[0-9]{1,10}", number) else ""

    def callback(self, request, url, message):
        """The file browser's upload tab expects a script that hands the result to the editor."""
        number = self.callback_number(request)
        return HttpResponse(
            "<script>window.parent.CKEDITOR.tools.callFunction("
            f"{number}, {json.dumps(url)}, {json.dumps(message)});</script>"
        )

    def error(self, request, message):
        if self.callback_number(request):
            return self.callback(request, "", message)
        return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)
