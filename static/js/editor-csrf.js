/* CKEditor uploads images by XMLHttpRequest: the image dialog's Upload tab, and pasted or
   dropped images. Django wants the CSRF token with each upload, and the CSRF cookie is
   HttpOnly, so the token comes from the admin form and CKEditor sends it as a header.
   Loaded with defer: it runs after ckeditor.js, before the editors are created. */
(function () {
  "use strict";

  var input = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (window.CKEDITOR && input) {
    window.CKEDITOR.config.fileTools_requestHeaders = { "X-CSRFToken": input.value };
  }
})();
