/* Draw each dashboard chart from the figures the page embeds (json_script; each label comes as
   its lines, cut between Thai words by the server). Every status has
   its own fill pattern as well as its colour, and the legend names it, so the chart reads
   without colour; the table under each chart holds the same figures. */
(function () {
  "use strict";
  // status: [pattern, colour] (colours contrast at least 3:1 with white)
  var LOOK = {
    on_plan: ["dot", "#2e7d32"],
    behind_plan: ["diagonal", "#c62828"],
    ahead_of_plan: ["line-vertical", "#1565c0"],
    completed: ["cross", "#6a1b9a"],
    not_started: ["dash", "#616161"],
    // the indicators' city view (tidtam/indicators)
    met: ["dot", "#2e7d32"],
    not_met: ["diagonal", "#c62828"],
    no_result: ["dash", "#616161"]
  };

  function dataset(series) {
    var look = LOOK[series.key];
    return {
      label: series.label,
      data: series.counts,
      backgroundColor: pattern.draw(look[0], look[1], "rgba(255, 255, 255, 0.85)", 12),
      borderColor: look[1],
      borderWidth: 1
    };
  }

  function draw(canvas) {
    var figures = JSON.parse(document.getElementById(canvas.dataset.figures).textContent);
    return new Chart(canvas, {
      type: "bar",
      data: { labels: figures.labels, datasets: figures.series.map(dataset) },
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
  }

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1f2937";
  document.querySelectorAll("canvas[data-figures]").forEach(draw);

  // a table wider than the page says so under it (and its edge shows a shadow, tidtam.css)
  function markScrollable() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      wrap.classList.toggle("is-scrollable", wrap.scrollWidth > wrap.clientWidth + 1);
    });
  }
  markScrollable();
  window.addEventListener("resize", markScrollable);
})();
