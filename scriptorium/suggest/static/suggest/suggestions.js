// Suggestion chips, enhanced: accept or reject without leaving the page, and fill the form field.
// Without this script the chip buttons are plain form submits and everything still works.
(function () {
  "use strict";
  var board = document.querySelector("[data-suggestions]");
  if (!board || !window.fetch) return;

  function fill(field, name) {
    var form = document.querySelector("form.work-form");
    if (!form) return;
    var boxes = form.querySelectorAll('input[type=checkbox][name="' + field + '"]');
    if (boxes.length) {
      boxes.forEach(function (box) {
        if (box.value === name) box.checked = true;
        if (field === "warnings" && box.value !== name &&
            (name === "No Archive Warnings Apply" || box.value === "No Archive Warnings Apply" ||
             box.value === "Creator Chose Not To Use Archive Warnings")) box.checked = false;
      });
      return;
    }
    var input = form.querySelector('[name="' + field + '"]');
    if (!input) return;
    if (input.tagName === "SELECT") { input.value = name; return; }
    var current = input.value.split(",").map(function (t) { return t.trim(); }).filter(Boolean);
    var have = current.some(function (t) { return t.toLowerCase() === name.toLowerCase(); });
    if (!have) current.push(name);
    input.value = current.join(", ");
  }

  var status = document.createElement("p");
  status.className = "suggestions__status";
  status.setAttribute("role", "status");
  board.insertBefore(status, board.querySelector(".suggestions__group"));

  board.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("chip__form")) return;
    event.preventDefault();
    var button = event.submitter;
    var data = new FormData(form);
    if (button && button.name) data.set(button.name, button.value);
    var chip = form.closest("[data-chip]");
    fetch(form.action, { method: "POST", body: data, headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        status.textContent = answer.ok ? answer.message : answer.error;
        if (!answer.ok) return;
        chip.classList.add("chip--decided", answer.decision === "accept" ? "chip--accepted" : "chip--rejected");
        if (answer.decision === "accept") fill(answer.field, answer.name);
      })
      .catch(function () {
        if (button) {
          var hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = button.name; hidden.value = button.value;
          form.appendChild(hidden);
        }
        form.submit();
      });
  });
})();
