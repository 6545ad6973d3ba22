/* The city view's chart: indicators met, not met and without a result, per agency, from the
   figures the page embeds (json_script); the table under it holds the same figures. Each
   series has its own colour and the legend names it. */
(function () {
  "use strict";
  var COLOURS = { met: "#2e7d32", not_met: "#c62828", no_result: "#616161" };
  document.querySelectorAll("canvas[data-figures]").forEach(function (canvas) {
    var figures = JSON.parse(document.getElementById(canvas.dataset.figures).textContent);
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: figures.labels,
        datasets: figures.series.map(function (series) {
          return { label: series.label, data: series.counts, backgroundColor: COLOURS[series.key] };
        })
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: true, beginAtZero: true, title: { display: true, text: figures.axis },
               ticks: { precision: 0 } },
          y: { stacked: true, ticks: { autoSkip: false } }
        },
        plugins: { legend: { position: "top", labels: { boxWidth: 24 } } }
      }
    });
  });
})();
