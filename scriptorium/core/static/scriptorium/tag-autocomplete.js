/* Tag autocomplete for text inputs marked data-tag-autocomplete="<url of /tags/autocomplete/<type>>".
   With data-tag-autocomplete-multiple, the input holds comma-separated tags and the last one is completed.
   Canonical tags come first; a synonym shows the canonical tag it leads to, and picking it inserts that one.
   Progressive: without this script the inputs are plain text fields. */
(function () {
  "use strict";
  var counter = 0;

  function setup(input) {
    var url = input.getAttribute("data-tag-autocomplete");
    if (!url) { return; }
    var multiple = input.hasAttribute("data-tag-autocomplete-multiple");
    var list = document.createElement("ul");
    var listId = "tag-autocomplete-" + (++counter);
    var items = [];
    var active = -1;
    var timer = null;
    var lastQuery = null;
    list.id = listId;
    list.className = "tag-autocomplete";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var anchor = input.closest(".inline-fields") || input;
    anchor.parentNode.insertBefore(list, anchor.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function current() {
      var value = input.value;
      return multiple ? value.slice(value.lastIndexOf(",") + 1).trim() : value.trim();
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(index) {
      active = index;
      items.forEach(function (item, i) { item.el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0) { input.setAttribute("aria-activedescendant", items[index].el.id); }
    }
    function pick(index) {
      var result = items[index].result;
      var name = result.status === "synonym" ? result.canonical : result.name;
      if (multiple) {
        var cut = input.value.lastIndexOf(",");
        input.value = (cut >= 0 ? input.value.slice(0, cut + 1) + " " : "") + name + ", ";
      } else {
        input.value = name;
      }
      lastQuery = current();
      close();
      input.focus();
    }
    function show(results) {
      list.textContent = "";
      items = results.map(function (result, i) {
        var el = document.createElement("li");
        el.id = listId + "-" + i;
        el.setAttribute("role", "option");
        el.className = "tag-autocomplete__option tag-autocomplete__option--" + result.status;
        el.textContent = result.name;
        if (result.status === "synonym") {
          var to = document.createElement("span");
          to.className = "tag-autocomplete__canonical";
          to.textContent = " → " + result.canonical;
          el.appendChild(to);
        } else if (result.status === "unwrangled") {
          var note = document.createElement("span");
          note.className = "tag-autocomplete__canonical";
          note.textContent = " (not wrangled)";
          el.appendChild(note);
        }
        el.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
        list.appendChild(el);
        return { el: el, result: result };
      });
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else {
        close();
      }
    }
    function lookup() {
      var query = current();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (!query) { close(); return; }
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (query === current()) { show(data.results || []); } })
        .catch(close);
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookup, 120);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next < -1) { next = items.length - 1; }
        if (next >= items.length) { next = -1; }
        highlight(next);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  document.querySelectorAll("input[data-tag-autocomplete]").forEach(setup);
})();
