/* Counts one reading of a published article per browser session: a small POST to the address
   in data-read-url (only the public article page has it; previews do not). Works the same when
   the page came from the page cache: the count is made by that uncached address. */
(function () {
  "use strict";

  var article = document.querySelector("[data-read-url]");
  if (!article) {
    return;
  }
  var url = article.getAttribute("data-read-url");
  var key = "newscenter:read:" + url;

  try {
    if (window.sessionStorage.getItem(key)) {
      return;
    }
    window.sessionStorage.setItem(key, "1");
  } catch (error) {
    // Storage disabled or blocked: count this page; the server limits what one address adds.
  }

  var sent = false;
  if (navigator.sendBeacon) {
    try {
      sent = navigator.sendBeacon(url);
    } catch (error) {
      sent = false;
    }
  }
  if (!sent && window.fetch) {
    window
      .fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" })
      .catch(function () {
        // A lost count is not worth bothering the reader about.
      });
  }
})();
