/* On a first visit, a dismissible note pointing to this page in the language the browser
   prefers, when that is not the page's. Never a redirect: the page at each address stays the
   same for everyone. The note's text comes with the switcher's links (in the page's language,
   naming the other in its own); a dismissal lives only in this browser's localStorage. */
(function () {
  "use strict";

  var KEY = "newscenter:language-suggestion";

  function dismissed() {
    try {
      return window.localStorage.getItem(KEY) === "dismissed";
    } catch (error) {
      return false; // Storage may be disabled: then the note shows on each page.
    }
  }

  function dismiss() {
    try {
      window.localStorage.setItem(KEY, "dismissed");
    } catch (error) {
      // Nothing to do: the note is gone from this page.
    }
  }

  function primary(tag) {
    return (tag || "").toLowerCase().split("-")[0];
  }

  /* The switcher link of the first language the browser prefers, or null when the page is
     already in it (or the site has none of them). */
  function preferredLink(links) {
    var page = primary(document.documentElement.lang);
    var wanted = navigator.languages || [navigator.language];
    for (var i = 0; i < wanted.length; i++) {
      if (primary(wanted[i]) === page) {
        return null;
      }
      for (var j = 0; j < links.length; j++) {
        if (primary(links[j].hreflang) === primary(wanted[i])) {
          return links[j];
        }
      }
    }
    return null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var link = preferredLink(document.querySelectorAll("a[data-suggestion]"));
    var main = document.getElementById("main");
    var nav = document.querySelector("[data-dismiss]");
    if (!link || !link.dataset.suggestion || !main || !nav || dismissed()) {
      return;
    }
    var note = document.createElement("div");
    note.className = "language-suggestion";
    note.setAttribute("role", "note");
    var text = document.createElement("a");
    text.setAttribute("href", link.getAttribute("href"));
    text.textContent = link.dataset.suggestion;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "language-suggestion__dismiss";
    close.textContent = nav.dataset.dismiss;
    close.addEventListener("click", function () {
      dismiss();
      note.remove();
    });
    note.append(text, close);
    main.parentNode.insertBefore(note, main);
  });
})();
