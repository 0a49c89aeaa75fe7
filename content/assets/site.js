// Runs on every page, also after in-site navigation (Material's document$ emits each time).

// Draw every chart from its JSON spec; inline scripts would not run again after navigation.
// The chart library (1.2 MB) is fetched only on pages with a chart, and only when a chart comes near
// the screen, so the page's text and first paint never wait for it.
var plotlyRequested = false;
function drawCharts() {
  var charts = document.querySelectorAll(".plotly-chart:not([data-drawn])");
  if (!charts.length) return;
  if (typeof Plotly === "undefined") {
    if (!("IntersectionObserver" in window)) return loadPlotly();
    var watch = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      watch.disconnect();
      loadPlotly();
    }, { rootMargin: "600px 0px" });
    charts.forEach(function (el) { watch.observe(el); });
    return;
  }
  // On touch screens the toolbar would cover the plot; the table beside each chart has the numbers.
  var touch = window.matchMedia("(hover: none)").matches;
  charts.forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    Plotly.newPlot(el, spec.data, spec.layout, {
      responsive: true, displaylogo: false, showSendToCloud: false, showEditInChartStudio: false,
      displayModeBar: touch ? false : "hover", modeBarButtonsToRemove: ["sendDataToCloud", "lasso2d", "select2d"],
    });
    el.dataset.drawn = "1";
  });
}

function loadPlotly() {
  if (plotlyRequested) return;
  plotlyRequested = true;
  var script = document.createElement("script");
  script.id = "plotly-js";
  script.src = siteBase() + "assets/plotly-basic.min.js";
  script.onload = drawCharts;
  document.head.appendChild(script);
}

// Citations built without a site address carry relative links: show the address the page is read at.
function completeCitationUrls() {
  document.querySelectorAll(".cite-box[data-relative-url]").forEach(function (box) {
    var relative = box.dataset.relativeUrl;
    if (/^https?:/.test(relative)) return;
    var absolute = location.href.split("#")[0];
    box.querySelectorAll(".cite-text, .bibtex code").forEach(function (el) {
      el.innerHTML = el.innerHTML.split(relative).join(absolute.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
    });
    box.removeAttribute("data-relative-url");
  });
}

// The glossary index filter: matches term, pinyin (with or without tones) and English.
function setUpGlossaryFilter() {
  var input = document.getElementById("glossary-filter");
  if (!input || input.dataset.ready) return;
  input.dataset.ready = "1";
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase();
    var shown = 0;
    document.querySelectorAll("table.glossary-index tbody tr").forEach(function (row) {
      var hit = !q || row.dataset.filter.toLowerCase().indexOf(q) >= 0;
      row.hidden = !hit;
      shown += hit ? 1 : 0;
    });
    document.getElementById("glossary-count").textContent = shown;
  });
}

// The site's address, from Material's page configuration: pages live at different depths.
function siteBase() {
  var config = JSON.parse(document.getElementById("__config").textContent);
  return new URL(config.base.replace(/\/?$/, "/"), location.href).href;
}

// A search box in the header of every page; it opens the search page with the query.
function addHeaderSearch() {
  var header = document.querySelector(".md-header__inner");
  if (!header || header.querySelector(".site-search")) return;
  var form = document.createElement("form");
  form.className = "site-search";
  form.setAttribute("role", "search");
  form.action = siteBase() + "search/";
  var input = document.createElement("input");
  input.type = "search";
  input.name = "q";
  input.placeholder = "搜索 Search";
  input.setAttribute("aria-label", "搜索 Search");
  form.appendChild(input);
  header.appendChild(form);
}

// The search page: its script (assets/search.js) is fetched only there; it reads the index in
// search-index/ a few small files per query.
function setUpSearch() {
  var box = document.getElementById("site-search");
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";
  var start = function () { window.siteSearch.setUp(box, siteBase()); };
  if (window.siteSearch) return start();
  var script = document.createElement("script");
  script.src = siteBase() + "assets/search.js";
  script.onload = start;
  document.head.appendChild(script);
}

function onPage() {
  addHeaderSearch();
  setUpSearch();
  drawCharts();
  completeCitationUrls();
  setUpGlossaryFilter();
}

if (typeof document$ !== "undefined") {
  document$.subscribe(onPage);
} else {
  document.addEventListener("DOMContentLoaded", onPage);
}
