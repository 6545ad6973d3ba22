/* Draw the S-curve from the figures the project page embeds (json_script): planned lines are
   dashed, actual lines solid, progress with round points and disbursement with square ones,
   and the legend names each, so that the chart reads without colour; the table under it
   holds the same figures. */
(function () {
  "use strict";
  function line(label, data, colour, dashed, point, axis) {
    return {
      label: label, data: data, borderColor: colour, backgroundColor: colour,
      borderDash: dashed ? [6, 4] : [], pointStyle: point, pointRadius: 4,
      spanGaps: false, yAxisID: axis, tension: 0
    };
  }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1f2937";
  document.querySelectorAll("canvas[data-s-curve]").forEach(function (canvas) {
    var node = document.getElementById(canvas.dataset.sCurve);
    var f = JSON.parse(node.textContent);
    var text = JSON.parse(canvas.dataset.labels);
    new Chart(canvas, {
      type: "line",
      data: {
        labels: f.labels,
        datasets: [
          line(text.plannedProgress, f.progress.planned, "#1565c0", true, "circle", "progress"),
          line(text.actualProgress, f.progress.actual, "#1565c0", false, "circle", "progress"),
          line(text.plannedSpent, f.spent.planned, "#6a1b9a", true, "rect", "spent"),
          line(text.actualSpent, f.spent.actual, "#6a1b9a", false, "rect", "spent")
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          progress: { position: "left", min: 0, max: 100, title: { display: true, text: "%" } },
          spent: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
                   title: { display: true, text: text.baht } }
        },
        plugins: { legend: { position: "top", labels: { usePointStyle: true } } }
      }
    });
  });
}());
