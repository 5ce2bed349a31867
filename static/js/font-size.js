/* Font-size control for article pages. Loaded in <head> without defer so a remembered size
   applies before the first paint; the choice lives only in this browser's localStorage. */
(function () {
  "use strict";

  var KEY = "newscenter:font-size";
  var SIZES = ["small", "medium", "large"];
  var root = document.documentElement;

  function load() {
    try {
      var saved = window.localStorage.getItem(KEY);
      return SIZES.indexOf(saved) === -1 ? "medium" : saved;
    } catch (error) {
      return "medium"; // Storage may be disabled or blocked.
    }
  }

  function save(size) {
    try {
      window.localStorage.setItem(KEY, size);
    } catch (error) {
      // Nothing to do: the size still applies to this page.
    }
  }

  function apply(size) {
    root.dataset.fontSize = size;
  }

  apply(load());

  document.addEventListener("DOMContentLoaded", function () {
    var groups = document.querySelectorAll("[data-font-size-control]");
    Array.prototype.forEach.call(groups, function (group) {
      var buttons = group.querySelectorAll("button[data-font-size]");

      function sync() {
        Array.prototype.forEach.call(buttons, function (button) {
          var pressed = button.dataset.fontSize === root.dataset.fontSize;
          button.setAttribute("aria-pressed", pressed ? "true" : "false");
        });
      }

      Array.prototype.forEach.call(buttons, function (button) {
        button.addEventListener("click", function () {
          var size = button.dataset.fontSize;
          if (SIZES.indexOf(size) === -1) {
            return;
          }
          apply(size);
          save(size);
          sync();
        });
      });

      sync();
      group.hidden = false;
    });
  });
})();
