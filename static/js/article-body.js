/* A table wider than the article scrolls inside its own box (see site.css); give such a
   table a tab stop so keyboard users can scroll it too. */
(function () {
  "use strict";

  function markScrollableTables() {
    var tables = document.querySelectorAll("[data-article-body] table");
    Array.prototype.forEach.call(tables, function (table) {
      if (table.scrollWidth > table.clientWidth) {
        table.setAttribute("tabindex", "0");
      } else {
        table.removeAttribute("tabindex");
      }
    });
  }

  markScrollableTables();
  window.addEventListener("resize", markScrollableTables);
  // A new font size changes table widths too.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-font-size-control]")) {
      markScrollableTables();
    }
  });
})();
