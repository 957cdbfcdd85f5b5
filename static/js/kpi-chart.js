// Draws a line chart for every canvas.kpi-chart from the JSON named by its data-chart attribute
// ({labels, values, medians?, unit}, written by json_script); the table next to it stays as the accessible fallback.
// data-label names the metric and its unit (legend and axis); a unit of "duration" writes seconds as m:ss.
(function () {
  if (!window.Chart) return;
  function minutesSeconds(value) {
    if (value === null || value === undefined) return "–";
    const whole = Math.round(value);
    const hours = Math.floor(whole / 3600);
    const minutes = Math.floor((whole % 3600) / 60);
    const seconds = String(whole % 60).padStart(2, "0");
    return hours ? hours + ":" + String(minutes).padStart(2, "0") + ":" + seconds : minutes + ":" + seconds;
  }
  document.querySelectorAll("canvas.kpi-chart").forEach(function (canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    const chart = JSON.parse(source.textContent);
    const label = canvas.dataset.label || "";
    const write = chart.unit === "duration" ? minutesSeconds : function (value) { return value.toLocaleString(document.documentElement.lang || undefined); };
    const datasets = [{ label: label, data: chart.values, borderColor: "#0072B2", backgroundColor: "#0072B2", pointStyle: "circle", spanGaps: true }];
    if (chart.medians && chart.medians.some((m) => m !== null)) {
      datasets.push({ label: canvas.dataset.medianLabel || "Median", data: chart.medians, borderColor: "#E69F00", backgroundColor: "#E69F00", borderDash: [6, 4], pointStyle: "triangle", spanGaps: true });
    }
    canvas.chart = new Chart(canvas, {
      type: "line",
      data: { labels: chart.labels, datasets },
      options: {
        animation: false,
        scales: { y: { title: { display: true, text: label }, ticks: { callback: (value) => write(value) } } },
        plugins: { tooltip: { callbacks: { label: (item) => item.dataset.label + ": " + write(item.parsed.y) } } },
      },
    });
  });
})();
