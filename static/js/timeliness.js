// Draws the timeliness chart from the table of figures below it (the table is the fallback).
(function () {
  const table = document.getElementById("timeliness-table");
  const canvas = document.getElementById("timeliness-chart");
  if (!table || !canvas || !window.Chart) return;
  const labels = Array.from(table.tHead.rows[0].cells).slice(1).map((c) => c.textContent.trim());
  const palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]; // Okabe–Ito, colour-blind safe
  const dashes = [[], [6, 3], [2, 2], [8, 2, 2, 2]];
  const datasets = Array.from(table.tBodies[0].rows).map((row, i) => ({
    label: row.cells[0].textContent.trim(),
    data: Array.from(row.cells).slice(1).map((c) => {
      const match = c.textContent.match(/(\d+)\s*%/);
      return match ? Number(match[1]) : null;
    }),
    borderColor: palette[i % palette.length],
    backgroundColor: palette[i % palette.length],
    borderDash: dashes[i % dashes.length],
    pointStyle: ["circle", "rect", "triangle", "rectRot"][i % 4],
    pointRadius: 5,
    spanGaps: true,
  }));
  new Chart(canvas, {
    type: "line",
    data: { labels, datasets },
    options: { scales: { y: { min: 0, max: 100, ticks: { callback: (v) => v + " %" } } } },
  });
})();
