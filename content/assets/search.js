// The site's search (index built by govreports/publish/search_index.py). A query fetches only the buckets
// of its keys and the text chunks of the best candidates, from every shard, so it reads a few small
// files however large the site. siteSearch.search(query) is the whole engine; the rest draws results.
(function () {
  "use strict";
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var LATIN = /[a-z0-9]/;
  var BLOCK = 65536; // an entry is page * 65536 + block, as in search_index.py
  var KINDS = {
    indicator: "指标 Indicator", term: "术语 Glossary term", report: "报告 Report", unit: "单位 Unit", page: "页面 Page",
  };
  // The report itself before the pages that quote it (terms, indicators, the units a task names).
  var KIND_PRIOR = { r: 3, t: 2, i: 1 };
  var normCache = {};

  // As search_index.norm_char: NFKC, lower case, no accents (pinyin with or without tones).
  function normChar(c) {
    var n = normCache[c];
    if (n === undefined) {
      n = normCache[c] = c.normalize("NFKC").toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
    }
    return n;
  }

  function normalize(text) {
    var out = "";
    for (var c of text) out += normChar(c);
    return out;
  }

  // The normalised text, with where each of its characters came from in the original.
  function normalizeMapped(text) {
    var norm = "", from = [], to = [], i = 0;
    for (var c of text) {
      var n = normChar(c);
      for (var k = 0; k < n.length; k++) { from.push(i); to.push(i + c.length); }
      norm += n;
      i += c.length;
    }
    return { norm: norm, from: from, to: to };
  }

  function fnv1a(key) {
    var h = 0x811c9dc5;
    for (var c of key) h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0;
    return h;
  }

  // The character keys of a term: every other adjacent pair and the last (they cover every character;
  // the text decides the rest, so fewer files are fetched), or the character itself for one Chinese character.
  function grams(term) {
    var cs = Array.from(term), keys = [];
    if (cs.length === 1) return CJK.test(cs[0]) ? [cs[0]] : [];
    for (var i = 0; i + 1 < cs.length; i += 2) keys.push(cs[i] + cs[i + 1]);
    if (cs.length % 2) keys.push(cs[cs.length - 2] + cs[cs.length - 1]);
    // A long phrase needs no more than eight of them, spread along it, to be rare.
    if (keys.length <= 8) return keys;
    var picked = [];
    for (var j = 0; j < 8; j++) picked.push(keys[Math.floor(j * (keys.length - 1) / 7)]);
    return picked;
  }

  function parse(query) {
    var terms = normalize(query).split(/\s+/).filter(Boolean);
    return { terms: terms, name: "=" + terms.join("") };
  }

  var base = null, manifest = null, files = {};
  function fetchJson(path) {
    if (!files[path]) {
      files[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return files[path];
  }

  function ready(root) {
    base = root + "search-index/";
    manifest = manifest || fetchJson("shards.json");
    return manifest;
  }

  // A key's entries; for a common key only how many there are ({n, f}) unless `all`.
  function posting(shard, info, key, all) {
    return fetchJson(shard + "/b/" + (fnv1a(key) % info.buckets) + ".json").then(function (bucket) {
      var got = bucket[key] || [];
      if (!Array.isArray(got)) return all ? fetchJson(shard + "/" + got.f).then(decode) : got;
      return decode(got);
    });
  }

  function decode(gaps) {
    var out = [], e = 0;
    for (var i = 0; i < gaps.length; i++) { e += gaps[i]; out.push(e); }
    return out;
  }

  // The keys of a term: an English word or a number by its beginning, anything else by its characters.
  function termKeys(term) {
    return /^[a-z0-9]+$/.test(term) ? (term.length > 1 ? ["a:" + term.slice(0, 12)] : []) : grams(term);
  }

  // Which blocks may hold each term (null: not narrowed by its keys; the text decides). Rare keys are
  // intersected; a common key's list is read only when no term of the query has a rare one, and then
  // only the shortest such list.
  function termBlocks(shard, info, terms) {
    return Promise.all(terms.map(function (t) {
      return Promise.all(termKeys(t).map(function (k) { return posting(shard, info, k); }));
    })).then(function (perTerm) {
      var sets = perTerm.map(function (lists) {
        var rare = lists.filter(Array.isArray);
        return rare.length ? intersect(rare) : null;
      });
      if (sets.some(Boolean)) return sets;
      var least = null, at = -1;
      perTerm.forEach(function (lists, i) {
        lists.forEach(function (l) { if (!least || l.n < least.n) { least = l; at = i; } });
      });
      if (!least) return sets;
      return fetchJson(shard + "/" + least.f).then(function (gaps) {
        sets[at] = new Set(decode(gaps));
        return sets;
      });
    });
  }

  function intersect(lists) {
    if (!lists.length) return null;
    var set = new Set(lists[0]);
    for (var i = 1; i < lists.length; i++) {
      var next = new Set();
      for (var e of lists[i]) if (set.has(e)) next.add(e);
      set = next;
    }
    return set;
  }

  function chunkOf(info, entry) {
    var lo = 0, hi = info.chunks.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (info.chunks[mid] <= entry) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Where each term occurs in a normalised text: an English word at the start of a word ("tax" not in
  // "syntax"), a number not inside a longer one ("2024" not in "12024"), anything with Chinese anywhere.
  function find(norm, term) {
    var hits = [], at = norm.indexOf(term);
    var before = /^[a-z]/.test(term) ? LATIN : /^[0-9][\x00-\x7f]*$/.test(term) ? /[0-9]/ : null;
    while (at >= 0) {
      if (!before || at === 0 || !before.test(norm[at - 1])) hits.push([at, at + term.length]);
      at = norm.indexOf(term, at + 1);
    }
    return hits;
  }

  // One shard: candidate pages from the postings, ranked before any text is read.
  function candidates(shard, info, q) {
    // Whole words rank a block higher; a common word tells nothing, and its list is not read.
    var words = q.terms.map(function (t) { return CJK.test(t) ? posting(shard, info, "w:" + t) : Promise.resolve([]); });
    return Promise.all([termBlocks(shard, info, q.terms), Promise.all(words), posting(shard, info, q.name, true)]).then(function (got) {
      var sets = got[0].filter(function (s) { return s !== null; });
      var wordHits = new Set([].concat.apply([], got[1].filter(Array.isArray)));
      var named = new Set(got[2].map(function (e) { return Math.floor(e / BLOCK); }));
      var pages = new Map();
      function page(pid) {
        var p = pages.get(pid);
        if (!p) pages.set(pid, p = { shard: shard, info: info, pid: pid, terms: new Set(), blocks: new Map() });
        return p;
      }
      named.forEach(page); // a page named by the query comes whatever its text
      sets.forEach(function (set, ti) {
        set.forEach(function (e) {
          var p = page(Math.floor(e / BLOCK));
          p.terms.add(ti);
          p.blocks.set(e, (p.blocks.get(e) || 0) + 1);
        });
      });
      var out = [];
      pages.forEach(function (p) {
        p.named = named.has(p.pid);
        if (!p.named && (!sets.length || p.terms.size < sets.length)) return;
        var whole = 0, names = 0;
        p.blocks.forEach(function (n, e) {
          if (n < sets.length) return;
          whole += 1;
          if (e % BLOCK === 0) names = 1;
        });
        p.wordHits = wordHits;
        p.prior = (p.named ? 1000 : 0) + names * 100 + 10 * Math.log2(1 + whole) + (KIND_PRIOR[info.kinds[p.pid]] || 0);
        out.push(p);
      });
      return out;
    });
  }

  // Read the text of a candidate page's best blocks and its names, and score it on what it says.
  function verify(p, q) {
    var entries = Array.from(p.blocks.keys()).sort(function (a, b) {
      return (p.blocks.get(b) - p.blocks.get(a)) || ((p.wordHits.has(b) ? 0 : 1) - (p.wordHits.has(a) ? 0 : 1)) || a - b;
    }).slice(0, 8);
    var first = p.pid * BLOCK;
    var chunks = new Set([first].concat(entries).map(function (e) { return chunkOf(p.info, e); }));
    return Promise.all(Array.from(chunks).map(function (c) { return fetchJson(p.shard + "/t/" + c + ".json"); })).then(function (got) {
      var meta = null, texts = new Map();
      got.forEach(function (chunk) {
        meta = meta || chunk.pages[p.pid];
        chunk.blocks.forEach(function (b) { if (b[0] === first || p.blocks.has(b[0])) texts.set(b[0], b); });
      });
      if (!meta) return null;
      var seen = new Set(), blocks = [];
      entries.concat(p.blocks.has(first) ? [] : [first]).forEach(function (e) {
        var b = texts.get(e);
        if (!b) return;
        var m = normalizeMapped(b[2]), hits = q.terms.map(function (t) { return find(m.norm, t); });
        hits.forEach(function (h, i) { if (h.length) seen.add(i); });
        var all = hits.every(function (h) { return h.length; });
        if (all || e !== first) blocks.push({ entry: e, anchor: b[1], text: b[2], map: m, hits: hits, all: all, names: e === first });
      });
      if (seen.size < q.terms.length && !p.named) return null; // the characters are there, the words are not
      var title = normalize(meta.title), body = blocks.filter(function (b) { return !b.names && b.all; });
      var score = p.prior;
      if (p.named && q.name === "=" + title.replace(/\s+/g, "")) score += 100; // the title itself, not another name
      var joined = q.terms.join(" ");
      if (title.indexOf(joined) >= 0) score += 50 * joined.length / title.length;
      q.terms.forEach(function (t) { if (/^\d{4}$/.test(t) && meta.year.indexOf(+t) >= 0) score += 30; });
      score += 3 * Math.min(5, body.filter(function (b) { return p.wordHits.has(b.entry); }).length);
      body.sort(function (a, b) { return (p.wordHits.has(b.entry) - p.wordHits.has(a.entry)) || a.entry - b.entry; });
      // A page found by its name opens at its top; any other at the paragraph that holds the words.
      var named = p.named || blocks.some(function (b) { return b.names && b.all; });
      var best = named ? null : body[0];
      if (named) body = body.filter(function (b) { return b.anchor; }); // the top of the page repeats its name
      return {
        url: meta.url, title: meta.title, kind: meta.kind, district: meta.district, year: meta.year,
        names: meta.names, score: score, anchor: best && best.anchor ? best.anchor : "",
        excerpts: body.slice(0, 3).map(function (b) { return { anchor: b.anchor, html: excerpt(b), text: b.text }; }),
      };
    });
  }

  // search(query, root) → the best results first: {url, title, kind, district, year, anchor, excerpts, score}.
  // Only the `first` best candidates (by what the keys tell) have their text read and are ranked; the
  // returned list's more() reads and ranks the rest, to be shown after them.
  function search(query, root, first) {
    var q = parse(query);
    if (!q.terms.length) {
      return Promise.resolve(Object.assign([], { more: function () { return Promise.resolve([]); }, remaining: function () { return 0; } }));
    }
    return ready(root).then(function (index) {
      return Promise.all(index.shards.map(function (s) { return candidates(s, index.manifests[s], q); }));
    }).then(function (lists) {
      var all = [].concat.apply([], lists).sort(function (a, b) { return b.prior - a.prior; });
      var n = first || 24;
      return ranked(all.slice(0, n), q).then(function (results) {
        // The next `count` candidates, read and ranked, to be shown after those already shown.
        results.more = function (count) {
          var next = all.slice(n, n + count);
          n += next.length;
          return ranked(next, q);
        };
        results.remaining = function () { return all.length - n; };
        return results;
      });
    });
  }

  function ranked(pages, q) {
    return Promise.all(pages.map(function (p) { return verify(p, q); })).then(function (results) {
      return results.filter(Boolean).sort(function (a, b) { return b.score - a.score || (a.title < b.title ? -1 : 1); });
    });
  }

  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // The sentence holding the first hit, with every hit in it marked.
  function excerpt(b) {
    var first = null;
    b.hits.forEach(function (h) { if (h.length && (!first || h[0][0] < first[0])) first = h[0]; });
    var text = b.text, start = b.map.from[first[0]], end = b.map.to[first[1] - 1];
    var from = start, to = end;
    while (from > 0 && !/[。！？；!?;]/.test(text[from - 1])) from--;
    while (to < text.length && !/[。！？；!?;]/.test(text[to - 1] || "")) to++;
    if (start - from > 60) from = start - 60;
    if (to - end > 100) to = end + 100;
    var marks = [];
    b.hits.forEach(function (h) {
      h.forEach(function (r) {
        var s = b.map.from[r[0]], e = b.map.to[r[1] - 1];
        if (s >= from && e <= to) marks.push([s, e]);
      });
    });
    marks.sort(function (x, y) { return x[0] - y[0]; });
    var out = from > 0 ? "…" : "", at = from;
    marks.forEach(function (m) {
      if (m[0] < at) return;
      out += escapeHtml(text.slice(at, m[0])) + "<mark>" + escapeHtml(text.slice(m[0], m[1])) + "</mark>";
      at = m[1];
    });
    return out + escapeHtml(text.slice(at, to)) + (to < text.length ? "…" : "");
  }

  // ---- The search page ----
  var SHOWN = 20, MORE = 40;

  function setUp(box, root) {
    box.innerHTML =
      '<form class="search-form" role="search" onsubmit="return false">' +
      '<label for="search-query">搜索 Search</label>' +
      '<input id="search-query" type="search" autocomplete="off" placeholder="三农, 1+11+N, GDP, fiscal revenue …">' +
      "</form>" +
      '<div class="search-filters" hidden>' +
      '<fieldset><legend>类型 Kind</legend><span class="search-kinds"></span></fieldset>' +
      '<label>区 District <select class="search-district"><option value="">全部 All</option></select></label>' +
      '<label>年份 Year <select class="search-year"><option value="">全部 All</option></select></label>' +
      "</div>" +
      '<p class="search-status" role="status" aria-live="polite"></p>' +
      '<ol class="search-results"></ol>' +
      '<button type="button" class="search-more md-button" hidden>更多 More results</button>';
    var input = box.querySelector("#search-query"), status = box.querySelector(".search-status");
    var list = box.querySelector(".search-results"), more = box.querySelector(".search-more");
    var filters = box.querySelector(".search-filters"), kindsBox = box.querySelector(".search-kinds");
    var district = box.querySelector(".search-district"), year = box.querySelector(".search-year");
    var results = [], shown = SHOWN, turn = 0, timer = null;
    var pending = { remaining: function () { return 0; } };

    function options(select, values) {
      var keep = select.value;
      select.length = 1;
      values.forEach(function (v) { select.add(new Option(v, v)); });
      select.value = values.indexOf(keep) >= 0 ? keep : "";
    }

    function kept() {
      var kinds = Array.from(kindsBox.querySelectorAll("input:checked")).map(function (c) { return c.value; });
      return results.filter(function (r) {
        return (!kinds.length || kinds.indexOf(r.kind) >= 0) &&
          (!district.value || r.district.indexOf(district.value) >= 0) &&
          (!year.value || r.year.indexOf(+year.value) >= 0);
      });
    }

    function draw() {
      var list_ = kept();
      status.textContent = results.length ? list_.length + " 个结果 results" + (list_.length < results.length ? " (filtered from " + results.length + ")" : "") : (input.value.trim() ? "没有结果 No results" : "");
      list.innerHTML = list_.slice(0, shown).map(function (r) {
        var href = root + r.url + (r.anchor ? "#" + r.anchor : "");
        var where = [r.district.join(" "), r.year.length > 3 ? r.year[0] + "–" + r.year[r.year.length - 1] : r.year.join(" ")].filter(Boolean).join(" · ");
        var subs = r.excerpts.map(function (x) {
          var paragraph = /^(p|fn)\d+$/.test(x.anchor);
          var label = paragraph ? "¶" + x.anchor.replace(/^p/, "") : "§";
          var where = paragraph ? "段 paragraph " + x.anchor : "节 section";
          return '<li><a class="search-result__sub" href="' + escapeHtml(root + r.url + (x.anchor ? "#" + x.anchor : "")) +
            '" title="' + escapeHtml(where + " · " + r.title) + '">' + escapeHtml(label) + "</a> " + x.html + "</li>";
        }).join("");
        return '<li class="search-result" data-kind="' + r.kind + '">' +
          '<span class="search-kind search-kind--' + r.kind + '">' + KINDS[r.kind] + "</span> " +
          '<a class="search-result__link" href="' + escapeHtml(href) + '">' + escapeHtml(r.title) + "</a>" +
          (r.names.length ? ' <span class="search-names">' + escapeHtml(r.names.slice(0, 2).join(" · ")) + "</span>" : "") +
          (where ? '<div class="search-where">' + escapeHtml(where) + "</div>" : "") +
          (subs ? '<ul class="search-excerpts">' + subs + "</ul>" : "") + "</li>";
      }).join("");
      more.hidden = list_.length <= shown && !pending.remaining();
    }

    function run() {
      var query = input.value, mine = ++turn;
      var url = new URL(location.href);
      if (query.trim()) url.searchParams.set("q", query); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
      search(query, root).then(function (found) {
        if (mine !== turn) return; // a newer query is on its way
        pending = found;
        show(found);
        readMore(mine);
      }, function (error) {
        if (mine === turn) status.textContent = "搜索出错 Search failed: " + error.message;
      });
    }

    // The next candidates, read while the reader looks at the first results.
    function readMore(mine) {
      if (!pending.remaining()) return Promise.resolve();
      return pending.more(MORE).then(function (rest) {
        if (mine === turn && rest.length) show(results.concat(rest));
      });
    }

    function show(found) {
      var first = !results.length || results[0] !== found[0];
      results = found;
      if (first) shown = SHOWN;
      var kinds = [], districts = [], years = [];
      found.forEach(function (r) {
        if (kinds.indexOf(r.kind) < 0) kinds.push(r.kind);
        r.district.forEach(function (d) { if (districts.indexOf(d) < 0) districts.push(d); });
        r.year.forEach(function (y) { if (years.indexOf(y) < 0) years.push(y); });
      });
      var checked = Array.from(kindsBox.querySelectorAll("input:checked")).map(function (c) { return c.value; });
      kindsBox.innerHTML = Object.keys(KINDS).filter(function (k) { return kinds.indexOf(k) >= 0; }).map(function (k) {
        return '<label><input type="checkbox" value="' + k + '"' + (checked.indexOf(k) >= 0 ? " checked" : "") + "> " + KINDS[k] + "</label>";
      }).join(" ");
      options(district, districts.sort());
      options(year, years.sort().map(String));
      filters.hidden = !found.length;
      draw();
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 80);
    });
    [kindsBox, district, year].forEach(function (el) { el.addEventListener("change", function () { shown = SHOWN; draw(); }); });
    more.addEventListener("click", function () {
      shown += SHOWN;
      draw();
      if (kept().length < shown + SHOWN) readMore(turn);
    });
    ready(root); // the list of shards, before the first query
    var query = new URLSearchParams(location.search).get("q");
    if (query) { input.value = query; run(); }
    input.focus();
  }

  window.siteSearch = { search: search, setUp: setUp, normalize: normalize };
})();
