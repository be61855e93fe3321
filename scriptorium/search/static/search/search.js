/* The filter panel folds away on narrow screens, so results come first; it stays open when the search has a
   problem to fix. Without this script the panel is simply open everywhere. */
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  document.querySelectorAll("details[data-collapse-narrow]").forEach(function (panel) {
    if (narrow.matches && !panel.querySelector(".errorlist")) {
      panel.open = false;
    }
  });
})();
