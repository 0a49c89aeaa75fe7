// Draw every chart on the page from its JSON spec. Subscribing to Material's document$
// also redraws after in-site navigation, where inline scripts would not run again.
function drawCharts() {
  document.querySelectorAll(".plotly-chart").forEach(function (el) {
    if (el.dataset.drawn) return;
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    Plotly.newPlot(el, spec.data, spec.layout, { responsive: true, displaylogo: false });
    el.dataset.drawn = "1";
  });
  // Citations name the address the page is actually served from.
  document.querySelectorAll(".page-url").forEach(function (el) {
    el.textContent = location.href.split("#")[0];
  });
}
if (typeof document$ !== "undefined") {
  document$.subscribe(drawCharts);
} else {
  document.addEventListener("DOMContentLoaded", drawCharts);
}
