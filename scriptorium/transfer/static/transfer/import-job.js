// The import job page: while the job runs, poll its progress and update the counts and the bar; reload the
// page once it finishes so the table shows every file. Without JavaScript a <noscript> refresh does the same.
(function () {
  "use strict";
  const section = document.getElementById("import-job");
  if (!section || section.dataset.finished === "true") return;
  const url = section.dataset.progressUrl;
  const bar = section.querySelector("progress");

  function update(data) {
    for (const [key, value] of Object.entries(data)) {
      const field = section.querySelector('[data-field="' + key + '"]');
      if (field) field.textContent = typeof value === "number" ? value.toLocaleString() : value;
    }
    bar.value = data.percent;
    bar.textContent = data.percent + "%";
  }

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const data = await response.json();
        update(data);
        if (data.finished) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A dropped connection: try again at the next tick.
    }
    window.setTimeout(poll, 1000);
  }
  window.setTimeout(poll, 500);
})();
