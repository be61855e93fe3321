/* Wrangling tables: a "select all" checkbox in the header of tables marked data-select-all="<checkbox name>".
   Progressive: without this script each tag is selected on its own. */
(function () {
  "use strict";
  document.querySelectorAll("table[data-select-all]").forEach(function (table) {
    var name = table.getAttribute("data-select-all");
    var boxes = Array.prototype.slice.call(table.querySelectorAll('tbody input[type=checkbox][name="' + name + '"]'));
    var cell = table.querySelector("thead .col-select");
    if (!cell || !boxes.length) { return; }
    var all = document.createElement("input");
    all.type = "checkbox";
    all.setAttribute("aria-label", "Select every tag on this page");
    cell.textContent = "";
    cell.appendChild(all);
    function sync() {
      var checked = boxes.filter(function (box) { return box.checked; }).length;
      all.checked = checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    }
    all.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = all.checked; });
    });
    boxes.forEach(function (box) { box.addEventListener("change", sync); });
    sync();
  });
})();
