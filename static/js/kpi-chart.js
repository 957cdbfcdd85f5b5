// Draws a line chart for every canvas.kpi-chart from the JSON named by its data-chart attribute
// ({labels, values, medians?}, written by json_script); the table next to it stays as the accessible fallback.
(function () {
  if (!window.Chart) return;
  document.querySelectorAll("canvas.kpi-chart").forEach(function (canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    const chart = JSON.parse(source.textContent);
    const datasets = [{ label: canvas.getAttribute("aria-label") || "", data: chart.values, borderColor: "#0072B2", backgroundColor: "#0072B2", pointStyle: "circle", spanGaps: true }];
    if (chart.medians && chart.medians.some((m) => m !== null)) {
      datasets.push({ label: canvas.dataset.medianLabel || "Median", data: chart.medians, borderColor: "#E69F00", backgroundColor: "#E69F00", borderDash: [6, 4], pointStyle: "triangle", spanGaps: true });
    }
    canvas.chart = new Chart(canvas, { type: "line", data: { labels: chart.labels, datasets }, options: { animation: false } });
  });
})();
