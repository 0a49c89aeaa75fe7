// Runs on every page, also after in-site navigation (Material's document$ emits each time).

// Every chart arrives drawn as SVG (at build time). The interactive plot, with a tooltip for each
// value, replaces it when the reader first points at, touches or focuses it: the chart library
// (1.2 MB) is fetched then, so no page waits for it before showing its text and charts.
var plotlyRequested = false;
function prepareCharts() {
  document.querySelectorAll(".plotly-chart:not([data-ready])").forEach(function (el) {
    el.dataset.ready = "1";
    ["pointerenter", "touchstart", "focusin", "click"].forEach(function (type) {
      el.addEventListener(type, loadPlotly, { once: true, passive: true });
    });
  });
}

function loadPlotly() {
  if (typeof Plotly !== "undefined") return drawCharts();
  if (plotlyRequested) return;
  plotlyRequested = true;
  var script = document.createElement("script");
  script.id = "plotly-js";
  script.src = siteBase() + "assets/plotly-basic.min.js";
  script.onload = drawCharts;
  document.head.appendChild(script);
}

// Narrower than this, a chart's legend runs across its whole top, where the toolbar would lie over it.
var TOOLBAR_MIN_WIDTH = 600;

function drawCharts() {
  // On touch screens the toolbar would cover the plot; the table beside each chart has the numbers.
  var touch = window.matchMedia("(hover: none)").matches;
  document.querySelectorAll(".plotly-chart:not([data-drawn])").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.dataset.spec).textContent);
    var toolbar = !touch && el.clientWidth >= TOOLBAR_MIN_WIDTH;
    el.textContent = "";
    Plotly.newPlot(el, spec.data, spec.layout, {
      responsive: true, displaylogo: false, showSendToCloud: false, showEditInChartStudio: false,
      displayModeBar: toolbar ? "hover" : false, modeBarButtonsToRemove: ["sendDataToCloud", "lasso2d", "select2d"],
    });
    el.dataset.drawn = "1";
  });
}

// Citations built without a site address carry relative links: show the address the page is read at.
function completeCitationUrls() {
  document.querySelectorAll(".cite-box:not([data-completed]), .cite-value:not([data-completed])").forEach(function (box) {
    box.dataset.completed = "1";
    var relative = relativeAddress(box);
    if (!relative) return;
    var absolute = pageAddress().replace(/&/g, "&amp;").replace(/</g, "&lt;");
    box.querySelectorAll(".cite-text, .bibtex code").forEach(function (el) {
      el.innerHTML = el.innerHTML.split(relative).join(absolute);
    });
  });
}

// The code to embed a chart, when the site was built without an address: the chart's page as read here.
function completeEmbedCode() {
  document.querySelectorAll(".embed-code code[data-relative-src]").forEach(function (code) {
    var relative = code.dataset.relativeSrc;
    code.textContent = code.textContent.replace('src="' + relative + '"', 'src="' + siteBase() + relative + '"');
    code.removeAttribute("data-relative-src");
  });
}

// Every printed sheet ends with the page's address and the dataset's version (site.css: @page), taken
// from the page's .print-footer; without a site address, the address the page was read at.
function addPrintFooter() {
  var footer = document.querySelector(".print-footer");
  if (!footer) return;
  var address = footer.querySelector(".print-address");
  if (!address.textContent) address.textContent = pageAddress();
  document.documentElement.style.setProperty("--print-footer", JSON.stringify(footer.textContent.replace(/\s+/g, " ").trim()));
}

function pageAddress() {
  return location.href.split("#")[0];
}

// The address a citation was built with, when it is relative to the site ("" when it is absolute).
function relativeAddress(box) {
  var address = box.dataset.relativeUrl || "";
  return /^https?:/.test(address) ? "" : address;
}

// A citation names the day it was read: today, written as each style writes dates, in the cite
// boxes and in the BibTeX, RIS and CSL-JSON files downloaded from them (which also get the page's
// address when the site was built without one). Without JavaScript the box shows "[date]".
var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
var MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."];

function today() {
  var d = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  return { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(),
           iso: d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) };
}

function addDateAccessed() {
  var t = today();
  document.querySelectorAll(".accessed[data-style]").forEach(function (el) {
    el.textContent = el.dataset.style === "mla" ? t.day + " " + MLA_MONTHS[t.month] + " " + t.year
                                                : MONTHS[t.month] + " " + t.day + ", " + t.year;
    el.removeAttribute("data-style");
  });
  document.querySelectorAll(".cite-box:not([data-accessed])").forEach(function (box) {
    box.dataset.accessed = "1";
    var address = relativeAddress(box);
    box.querySelectorAll(".bibtex code").forEach(function (code) {
      code.textContent = withDateAccessed("cite.bib", code.textContent, t);
    });
    box.querySelectorAll(".downloads a[download]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        fetch(link.href).then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        }).then(function (text) {
          if (address) text = text.split(address).join(pageAddress());
          var name = link.getAttribute("href");
          save(URL.createObjectURL(new Blob([withDateAccessed(name, text, today())], { type: "text/plain;charset=utf-8" })), name);
        }).catch(function () { save(link.href, link.getAttribute("href")); });
      });
    });
  });
}

function withDateAccessed(name, text, t) {
  if (/\.bib$/.test(name)) return text.replace(/\n\}\s*$/, ",\n    urldate = \"" + t.iso + "\"\n}\n");
  if (/\.ris$/.test(name)) return text.replace(/^ER  -/m, "Y2  - " + t.iso.replace(/-/g, "/") + "\nER  -");
  if (/\.json$/.test(name)) {
    var items = JSON.parse(text);
    items.forEach(function (item) { item.accessed = { "date-parts": [[t.year, t.month + 1, t.day]] }; });
    return JSON.stringify(items, null, 1) + "\n";
  }
  return text;
}

function save(href, name) {
  var a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

// Index pages: filter the rows of their tables by words (Chinese, English, pinyin with or without
// tones) and by facets (each menu matches the row's data-<facet>, values separated by spaces), and
// sort a table by any column (a cell's data-sort-value, else its text; numbers as numbers).
function setUpIndexTools() {
  document.querySelectorAll("form.index-tools:not([data-ready])").forEach(function (form) {
    form.dataset.ready = "1";
    var rows = Array.prototype.slice.call(document.querySelectorAll(form.dataset.for + " tbody tr"));
    var words = form.querySelector(".index-words");
    var menus = form.querySelectorAll("select[data-facet]");
    var shown = form.querySelector(".shown");
    function apply() {
      var q = plain(words.value.trim());
      var count = 0;
      rows.forEach(function (row) {
        var hit = !q || plain(row.dataset.filter).indexOf(q) >= 0;
        menus.forEach(function (menu) {
          var values = (row.dataset[menu.dataset.facet] || "").split(" ");
          if (menu.value && values.indexOf(menu.value) < 0) hit = false;
        });
        row.hidden = !hit;
        count += hit ? 1 : 0;
      });
      shown.textContent = count;
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
  });
  document.querySelectorAll("table.sortable:not([data-ready])").forEach(function (table) {
    table.dataset.ready = "1";
    table.querySelectorAll("thead th").forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = sortValue(a.cells[column]), y = sortValue(b.cells[column]);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "en");
          return ascending ? order : -order;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
}

function sortValue(cell) {
  var value = cell.dataset.sortValue !== undefined ? cell.dataset.sortValue : cell.textContent.trim();
  return value !== "" && !isNaN(value) ? Number(value) : value.toLowerCase();
}

// Lower case, without tone marks, so that "san nong" finds "sān nóng".
function plain(text) {
  return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
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
  prepareCharts();
  addDateAccessed();
  completeCitationUrls();
  completeEmbedCode();
  addPrintFooter();
  setUpIndexTools();
}

if (typeof document$ !== "undefined") {
  document$.subscribe(onPage);
} else {
  document.addEventListener("DOMContentLoaded", onPage);
}
