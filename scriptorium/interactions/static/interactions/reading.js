/* Reading position: numbers the paragraphs of the chapter text (ids p-1, p-2, …) so "continue reading"
   links can point at one, jumps to the one in the address, and, as the reader leaves or hides the page,
   posts the first paragraph still on screen with navigator.sendBeacon (the CSRF token travels in the form
   data). Without this script the history still records the chapter. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var url = script.dataset.url || "";
  var token = script.dataset.csrf || "";
  var chapterIds = (script.dataset.chapters || "").split(",").filter(Boolean);
  var anchors = script.dataset.anchors === "1";

  function paragraphsOf(text) {
    return Array.prototype.filter.call(text.querySelectorAll("p"), function (p) {
      return p.textContent.trim() !== "";
    });
  }

  function setup() {
    var texts = Array.prototype.slice.call(document.querySelectorAll(".chapter > .userstuff.module"));
    var groups = texts.map(paragraphsOf);
    if (anchors && groups.length === 1) {
      groups[0].forEach(function (p, i) { if (!p.id) { p.id = "p-" + (i + 1); } });
      var match = /^#p-(\d+)$/.exec(window.location.hash);
      if (match) {
        var target = document.getElementById("p-" + match[1]);
        if (target) { target.scrollIntoView(); }
      }
    }
    if (!url || !navigator.sendBeacon) { return; }
    var lastSent = "";

    function current() {
      for (var g = 0; g < groups.length; g++) {
        for (var i = 0; i < groups[g].length; i++) {
          var box = groups[g][i].getBoundingClientRect();
          if (box.bottom > 0 && box.top < window.innerHeight) {
            return { chapter: chapterIds[g], paragraph: i + 1 };
          }
        }
      }
      return null;
    }

    function send() {
      var where = current();
      if (!where || !where.chapter) { return; }
      var key = where.chapter + ":" + where.paragraph;
      if (key === lastSent) { return; }
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      data.append("chapter", where.chapter);
      data.append("paragraph", String(where.paragraph));
      if (navigator.sendBeacon(url, data)) { lastSent = key; }
    }

    window.addEventListener("pagehide", send);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { send(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
