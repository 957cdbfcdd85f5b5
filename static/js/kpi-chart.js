// Draws a line chart of the column marked with data-value cells (and, where present, data-median cells)
// from the table named by the canvas; the table stays as the accessible fallback.
(function () {
  if (!window.Chart) return;
  document.querySelectorAll("canvas.kpi-chart").forEach(function (canvas) {
    const table = document.getElementById(canvas.dataset.table);
    if (!table) return;
    const rows = Array.from(table.tBodies[0].rows);
    const labels = rows.map((r) => r.cells[0].textContent.trim());
    const values = rows.map((r) => { const c = r.querySelector("[data-value]"); return c && c.dataset.value !== "" ? Number(c.dataset.value) : null; });
    const medians = rows.map((r) => { const c = r.querySelector("[data-median]"); return c && c.dataset.median !== "" ? Number(c.dataset.median) : null; });
    const datasets = [{ label: canvas.getAttribute("aria-label") || "", data: values, borderColor: "#0072B2", backgroundColor: "#0072B2", pointStyle: "circle", spanGaps: true }];
    if (medians.some((m) => m !== null)) {
      datasets.push({ label: canvas.dataset.medianLabel || "Median", data: medians, borderColor: "#E69F00", backgroundColor: "#E69F00", borderDash: [6, 4], pointStyle: "triangle", spanGaps: true });
    }
    new Chart(canvas, { type: "line", data: { labels, datasets }, options: { animation: false } });
  });
})();
