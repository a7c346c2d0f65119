/* insatsval meeting view: recompute the shortlist, the gaps and the heat map as the team changes its choices.
 *
 * The data block holds what Python computed (render/meeting_page.py, brief/meeting_view.py,
 * recommender/score_tables.py). For every choice of levels (c) and domains (d) it gives, per
 * programme p and targeted factor f, the points at weight 1 (unit) and the multiplier E * fit, so
 * the score is only
 *
 *     points[p, f] = w[f] * unit[c][p, f] * multiplier[c, d, p]       score[p] = sum over f of points[p, f]
 *
 * with w the team's weights normalised to sum to 1. This script does that sum, the exclusions
 * that depend on the controls, and the sort with the ranking's tie-breaks (recommender/ranking.py):
 * the no-effect group last; then score (rounded to 9 decimals), stronger tier, more prioritised
 * factors matched, id. Text from the catalogue, the profile or the inventory only ever enters
 * the page through textContent, never as markup.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("meeting-data").textContent);
  var STR = DATA.strings;
  var PROGRAMMES = DATA.programmes;
  var FACTORS = DATA.factors;
  var DOMAIN_CHOICES = (1 << DATA.domains.length) - 1;
  var MIN_WEIGHT = 0.01;
  var MAX_WEIGHT = 1000;
  var timings = { firstRender: null, last: null, history: [] };
  var factorIndex = {};
  FACTORS.forEach(function (f, i) { factorIndex[f.id] = i; });
  var programmeIndex = {};
  PROGRAMMES.forEach(function (p, i) { programmeIndex[p.id] = i; });

  // --- words and numbers, written as insatsval writes them (render/labels.py) -------------------
  function t(key, params) {
    var template = STR[key];
    if (template === undefined) { throw new Error("missing interface string " + key); }
    if (typeof template === "object") { template = params && String(params.count) === "1" ? template.one : template.other; }
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    });
  }

  /* Round half to even, as NumPy's rint and Python's round do. */
  function rint(x) {
    var r = Math.round(x);
    if (r - x === 0.5 && r % 2 !== 0) { r -= 1; }
    return r;
  }

  /* np.round(x, 9): the ranking compares scores after this, so float noise never decides. */
  function round9(x) { return rint(x * 1e9) / 1e9; }

  /* Python's f"{x:.{d}f}": toFixed, except that an exact tie goes to the even neighbour. */
  function fixed(x, digits) {
    var y = x * Math.pow(2, digits + 1);
    if (Number.isInteger(y) && Math.abs(y) % 2 === 1) {
      var twice = Math.abs(y) * Math.pow(5, digits); // 2 * |x| * 10^digits, an odd integer
      var lower = (twice - 1) / 2;
      var n = String(lower % 2 === 0 ? lower : lower + 1);
      while (n.length <= digits) { n = "0" + n; }
      var text = digits ? n.slice(0, n.length - digits) + "." + n.slice(n.length - digits) : n;
      return x < 0 ? "-" + text : text;
    }
    return x.toFixed(digits);
  }

  function num(x, digits) {
    // round9 first: a value Python holds exactly on a rounding tie (14.25) may arrive here a few
    // units in the last place away from it, and must print as Python prints the tie (14.2)
    var parts = fixed(round9(x), digits === undefined ? 1 : digits).split(".");
    parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    var text = parts.join(".");
    if (DATA.lang === "sv") { text = text.replace(/,/g, "\u00a0").replace(".", ","); }
    return text;
  }

  function pct(share) {
    var value = rint(100 * share);
    return DATA.lang === "sv" ? value + "\u00a0%" : value + "%";
  }

  /* A raw weight as typed: 3, 2,5 (sv) or 2.5 (en), at most two decimals. */
  function weightText(weight) {
    var text = String(Math.round(weight * 100) / 100);
    return DATA.lang === "sv" ? text.replace(".", ",") : text;
  }

  function joinLabels(items) { return items.join(", "); }

  // --- the team's choices ---------------------------------------------------------------------
  function initialState() {
    return {
      priorities: DATA.profile.priorities.map(function (p) {
        return { factor: p.factor, weight: p.weight, note: p.note };
      }),
      levels: DATA.profile.levels.slice(),
      domains: DATA.profile.domains.slice(),
      marks: {}, // programme id -> "not_possible" | "running", in the order marked
      top: DATA.topChoices[0]
    };
  }
  var state = initialState();

  /* The row of the choice tables for the wanted ids: bit i is vocabulary item i, minus one. */
  function choiceIndex(wanted, vocabulary) {
    var mask = 0;
    vocabulary.forEach(function (item, i) { if (wanted.indexOf(item.id) >= 0) { mask |= 1 << i; } });
    return mask - 1;
  }

  // --- the ranking ------------------------------------------------------------------------------
  function exclusionReason(pr, c, d, matched, score) {
    var mark = state.marks[pr.id];
    if (!pr.servesAges) { return "ages"; }
    if (!((pr.offersLevel >> c) & 1)) { return "levels"; }
    if (!((pr.offersDomain >> d) & 1)) { return "domains"; }
    if (pr.inPlace || mark === "running") { return "in_place"; }
    if (mark === "not_possible") { return "not_possible"; }
    if ((pr.harmful >> c) & 1) { return "harmful"; }
    if (!matched) { return "no_priority_factor"; }
    if (score <= 1e-9) { return "nothing_left"; }
    return null;
  }

  function byRanking(a, b) {
    return (a.noEffect - b.noEffect) || (b.key - a.key) || (a.tier - b.tier) ||
      (b.matched - a.matched) || (a.idRank - b.idRank);
  }

  function compute(st) {
    var c = choiceIndex(st.levels, DATA.levels);
    var d = choiceIndex(st.domains, DATA.domains);
    var total = 0;
    st.priorities.forEach(function (p) { total += p.weight; });
    var weights = {}; // factor index -> normalised weight
    st.priorities.forEach(function (p) { weights[factorIndex[p.factor]] = p.weight / total; });

    var rows = PROGRAMMES.map(function (pr, index) {
      var unit = pr.unit[pr.unitOf[c]];
      var multiplier = DATA.multipliers[pr.mult[c * DOMAIN_CHOICES + d]];
      var points = [];
      var score = 0;
      pr.factors.forEach(function (f, k) {
        if (weights[f] !== undefined) {
          var value = weights[f] * unit[k] * multiplier;
          points.push({ factor: f, points: value, listed: pr.listed[k] });
          score += value;
        }
      });
      points.sort(function (a, b) {
        return (round9(b.points) - round9(a.points)) || (FACTORS[a.factor].id < FACTORS[b.factor].id ? -1 : 1);
      });
      var tier = pr.tier[c];
      return {
        index: index, id: pr.id, score: score, key: round9(score), tier: tier,
        noEffect: tier === DATA.noEffectTier, matched: points.length, idRank: pr.idRank, points: points,
        reason: exclusionReason(pr, c, d, points.length > 0, score)
      };
    });
    var ranked = rows.filter(function (r) { return r.reason === null; }).sort(byRanking);
    var excluded = {};
    rows.forEach(function (r) { if (r.reason !== null) { excluded[r.reason] = (excluded[r.reason] || 0) + 1; } });
    return {
      c: c, d: d, weights: weights, ranked: ranked, excluded: excluded, considered: PROGRAMMES.length,
      notice: fitNotice(st, rows, ranked, weights), gaps: gapRows(st, c, weights)
    };
  }

  /* recommender/fit.py: a low best score, or a priority no eligible programme with preliminary evidence reaches. */
  function fitNotice(st, rows, ranked, weights) {
    var proposed = ranked.filter(function (r) { return !r.noEffect; });
    var best = 0;
    proposed.forEach(function (r) { best = Math.max(best, r.score); });
    var poorly = [];
    st.priorities.forEach(function (p) {
      var f = factorIndex[p.factor];
      var reached = proposed.some(function (r) {
        return r.tier <= DATA.preliminaryTier && PROGRAMMES[r.index].factors.indexOf(f) >= 0;
      });
      if (reached) { return; }
      var counts = {};
      rows.forEach(function (r) {
        var pr = PROGRAMMES[r.index];
        if (r.reason !== null && pr.strong && pr.factors.indexOf(f) >= 0) { counts[r.reason] = (counts[r.reason] || 0) + 1; }
      });
      var elsewhere = DATA.reasons.filter(function (reason) { return counts[reason]; }).map(function (reason) {
        return { reason: reason, count: counts[reason] };
      });
      poorly.push({ factor: f, elsewhere: elsewhere });
    });
    return { best: best, low: best < DATA.lowScore, poorly: poorly, needed: best < DATA.lowScore || poorly.length > 0 };
  }

  /* gap_analysis/analysis.py: every prioritised factor and band, the most severe first. */
  function gapRows(st, c, weights) {
    if (!DATA.gaps) { return null; }
    var cells = DATA.gaps.cells[c];
    var out = [];
    st.priorities.forEach(function (p, i) {
      var f = factorIndex[p.factor];
      DATA.bands.forEach(function (band, j) {
        var cell = cells[f][j];
        out.push({
          factor: f, band: j, rank: i + 1, coverage: cell[0], status: cell[1], resources: cell[2],
          byLevel: DATA.gaps.byLevel[f][j], severity: weights[f] * (1 - cell[0])
        });
      });
    });
    return out.sort(function (a, b) {
      return (round9(b.severity) - round9(a.severity)) || (a.rank - b.rank) || (a.band - b.band);
    });
  }

  // --- building the page (text only ever as text) ------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (name === "text") { node.textContent = attrs[name]; }
        else if (name === "className") { node.className = attrs[name]; }
        else { node.setAttribute(name, attrs[name]); }
      });
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function link(url, text) {
    var a = el("a", { text: text });
    if (/^https?:\/\//i.test(url)) {
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    return a;
  }

  var STATUS_WORDS = ["gap_status_gap", "gap_status_partial", "gap_status_covered"];
  var STATUS_CLASSES = ["gap", "partial", "covered"];

  function factorLabel(factorId) { return FACTORS[factorIndex[factorId]].label; }

  function renderPriorities() {
    var body = document.querySelector("#priorities tbody");
    clear(body);
    var last = state.priorities.length - 1;
    state.priorities.forEach(function (p, i) {
      var label = factorLabel(p.factor);
      var range = el("input", {
        type: "range", min: "0.5", max: String(Math.max(10, Math.ceil(p.weight))), step: "0.5",
        "aria-label": t("meeting_weight_label", { factor: label }), "data-role": "range", "data-index": String(i)
      });
      range.value = String(p.weight);
      var number = el("input", {
        type: "number", min: String(MIN_WEIGHT), max: String(MAX_WEIGHT), step: "any", inputmode: "decimal",
        "aria-label": t("meeting_weight_number_label", { factor: label }), "data-role": "number", "data-index": String(i)
      });
      number.value = String(p.weight);
      var printed = el("span", { className: "print-only", "data-role": "printed", text: weightText(p.weight) });
      function button(action, text, aria, disabled) {
        var b = el("button", { type: "button", className: "small", "data-action": action, "data-index": String(i),
          "aria-label": aria, text: text });
        b.disabled = disabled;
        return b;
      }
      body.appendChild(el("tr", { "data-factor": p.factor }, [
        el("td", { className: "num", text: String(i + 1) }),
        el("th", { scope: "row", text: label }),
        el("td", null, [range, " ", number, printed]),
        el("td", { className: "num", "data-role": "share" }),
        el("td", { className: "actions no-print" }, [
          button("up", t("meeting_button_up"), t("meeting_up_label", { factor: label }), i === 0), " ",
          button("down", t("meeting_button_down"), t("meeting_down_label", { factor: label }), i === last), " ",
          button("remove", t("meeting_button_remove"), t("meeting_remove_label", { factor: label }), last === 0)
        ])
      ]));
    });
    renderAddOptions();
  }

  function renderAddOptions() {
    var select = document.getElementById("add-factor");
    clear(select);
    var chosen = state.priorities.map(function (p) { return p.factor; });
    [["risk", "meeting_risk_factors"], ["protective", "meeting_protective_factors"]].forEach(function (group) {
      var optgroup = el("optgroup", { label: t(group[1]) });
      FACTORS.forEach(function (f) {
        if (f.kind === group[0] && chosen.indexOf(f.id) < 0) { optgroup.appendChild(el("option", { value: f.id, text: f.label })); }
      });
      if (optgroup.childNodes.length) { select.appendChild(optgroup); }
    });
    var full = state.priorities.length >= DATA.maxPriorities;
    select.disabled = full || !select.options.length;
    document.getElementById("add-button").disabled = select.disabled;
    select.title = full ? t("meeting_add_full", { max: DATA.maxPriorities }) : "";
  }

  function renderShares(result) {
    var rows = document.querySelectorAll("#priorities tbody tr");
    state.priorities.forEach(function (p, i) {
      rows[i].querySelector("[data-role=share]").textContent = pct(result.weights[factorIndex[p.factor]]);
      rows[i].querySelector("[data-role=printed]").textContent = weightText(p.weight);
    });
  }

  function renderSnapshot(result) {
    var items = state.priorities.map(function (p, i) {
      return t("meeting_weight_item", {
        rank: i + 1, factor: factorLabel(p.factor), weight: weightText(p.weight),
        share: pct(result.weights[factorIndex[p.factor]])
      });
    });
    document.getElementById("snapshot-weights").textContent = t("meeting_weights_line", { items: items.join("; ") });
    var labelsOf = function (ids, vocabulary) {
      return joinLabels(vocabulary.filter(function (v) { return ids.indexOf(v.id) >= 0; }).map(function (v) { return v.label; }));
    };
    document.getElementById("snapshot-levels").textContent = t("header_levels", {
      levels: labelsOf(state.levels, DATA.levels), domains: labelsOf(state.domains, DATA.domains)
    });
    var marks = Object.keys(state.marks).map(function (id) { return markText(id); });
    var marksLine = document.getElementById("snapshot-marks");
    marksLine.textContent = marks.length ? t("meeting_marks_line", { items: marks.join("; ") }) : "";
    marksLine.hidden = !marks.length;
    document.getElementById("snapshot-time").textContent = t("meeting_snapshot_time", {
      time: new Date().toLocaleString(DATA.lang === "sv" ? "sv-SE" : "en-GB")
    });
  }

  function markText(id) {
    var name = PROGRAMMES[programmeIndex[id]].name;
    return t(state.marks[id] === "running" ? "meeting_marked_running" : "meeting_marked_not_possible", { programme: name });
  }

  function programmeRow(r, rank) {
    var pr = PROGRAMMES[r.index];
    var details = el("details", null, [el("summary", { text: t("meeting_more") }), el("p", { text: pr.summary })]);
    pr.warnings.forEach(function (w) {
      details.appendChild(el("p", { className: "warning" }, [t("why_warning") + ": " + w.text + " (", link(w.source, t("source_word")), ")"]));
    });
    var sources = el("p", null, [t("why_sources") + ": "]);
    pr.sources.forEach(function (url, i) {
      if (i) { sources.appendChild(document.createTextNode(" ")); }
      sources.appendChild(link(url, url));
    });
    details.appendChild(sources);
    var pointItems = r.points.map(function (p, i) {
      // one factor a line on screen; the "; " keeps them apart when the text is copied or read aloud
      return el("span", { text: FACTORS[p.factor].label + " " + num(p.points) + (i < r.points.length - 1 ? ";" : "") });
    });
    function markButton(kind, text, aria) {
      return el("button", { type: "button", className: "small", "data-mark": kind, "data-id": pr.id,
        "aria-label": t(aria, { programme: pr.name }), text: t(text) });
    }
    return el("tr", { "data-id": pr.id, "data-score": String(r.score), "data-group": r.noEffect ? "no_effect" : "recommended" }, [
      el("td", { className: "num", text: String(rank) }),
      el("td", null, [el("strong", { text: pr.name }), details]),
      el("td", { className: "num score", text: num(r.score) }),
      el("td", { className: "tier", text: DATA.tiers[r.tier] }),
      el("td", { text: pr.levels }),
      el("td", { className: "ages", text: pr.ages }),
      el("td", { className: "pointlist" }, pointItems),
      el("td", { className: "marks no-print" }, [
        markButton("not_possible", "meeting_mark_not_possible", "meeting_mark_not_possible_label"),
        markButton("running", "meeting_mark_running", "meeting_mark_running_label")
      ])
    ]);
  }

  function renderShortlist(result) {
    var shown = state.top === "all" ? result.ranked : result.ranked.slice(0, state.top);
    var main = document.querySelector("#shortlist-table tbody");
    var noEffect = document.querySelector("#no-effect-table tbody");
    clear(main);
    clear(noEffect);
    shown.forEach(function (r, i) { (r.noEffect ? noEffect : main).appendChild(programmeRow(r, i + 1)); });
    document.getElementById("shortlist-table").hidden = !main.childNodes.length;
    document.getElementById("no-effect-group").hidden = !noEffect.childNodes.length;
    document.getElementById("no-recommendations").hidden = shown.length > 0;
    var parts = DATA.reasons.filter(function (reason) { return result.excluded[reason]; }).map(function (reason) {
      return t("excluded_" + reason, { count: result.excluded[reason] });
    });
    document.getElementById("exclusions").textContent = t("exclusions", {
      eligible: result.ranked.length, considered: result.considered, parts: parts.join(", ") || "-"
    });
  }

  function renderNotice(result) {
    var box = document.getElementById("notice");
    clear(box);
    var notice = result.notice;
    box.hidden = !notice.needed;
    if (!notice.needed) { return; }
    box.appendChild(el("strong", { text: t("notice_heading") }));
    var list = el("ul");
    if (notice.low) {
      list.appendChild(el("li", { text: t("notice_low_score", { score: num(notice.best), threshold: num(DATA.lowScore, 0) }) }));
    }
    notice.poorly.forEach(function (item) {
      var text = t("notice_factor", { factor: FACTORS[item.factor].label });
      if (item.elsewhere.length) {
        text += " " + t("notice_elsewhere", { parts: item.elsewhere.map(function (e) {
          return t("excluded_" + e.reason, { count: e.count });
        }).join(", ") });
      }
      list.appendChild(el("li", { text: text }));
    });
    list.appendChild(el("li", { text: t("notice_advice") }));
    box.appendChild(list);
  }

  function renderMarked() {
    var list = document.getElementById("marked");
    clear(list);
    var ids = Object.keys(state.marks);
    if (!ids.length) { list.appendChild(el("li", { text: t("meeting_marked_none") })); }
    ids.forEach(function (id) {
      list.appendChild(el("li", null, [markText(id), " ", el("button", {
        type: "button", className: "small", "data-unmark": id,
        "aria-label": t("meeting_unmark_label", { programme: PROGRAMMES[programmeIndex[id]].name }), text: t("meeting_unmark")
      })]));
    });
  }

  function renderGaps(result) {
    if (!result.gaps) { return; }
    var wanted = DATA.levels.map(function (lv, i) { return { index: i, level: lv }; }).filter(function (x) {
      return state.levels.indexOf(x.level.id) >= 0;
    });
    // the heat map: prioritised factors by the profile's age bands
    var heat = document.getElementById("heatmap");
    var head = heat.querySelector("thead");
    var body = heat.querySelector("tbody");
    clear(head);
    clear(body);
    head.appendChild(el("tr", null, [el("th", { scope: "col", text: t("meeting_heatmap_corner") })].concat(
      DATA.bands.map(function (b) { return el("th", { scope: "col", text: b.label }); }))));
    var cellOf = {};
    result.gaps.forEach(function (g) { cellOf[g.factor + ":" + g.band] = g; });
    state.priorities.forEach(function (p) {
      var f = factorIndex[p.factor];
      body.appendChild(el("tr", null, [el("th", { scope: "row", text: FACTORS[f].label })].concat(
        DATA.bands.map(function (b, j) {
          var g = cellOf[f + ":" + j];
          return el("td", { className: "cell cell-" + STATUS_CLASSES[g.status] }, [
            pct(g.coverage), el("span", { className: "status-word", text: t(STATUS_WORDS[g.status]) })
          ]);
        }))));
    });
    // the gap table, most severe first
    var table = document.getElementById("gap-table");
    var thead = table.querySelector("thead");
    var tbody = table.querySelector("tbody");
    clear(thead);
    clear(tbody);
    var headers = [t("col_factor"), t("col_age_band"), t("col_coverage")].concat(
      wanted.map(function (x) { return x.level.label; }), [t("col_gap_status"), t("col_severity"), t("col_resources")]);
    thead.appendChild(el("tr", null, headers.map(function (h) { return el("th", { scope: "col", text: h }); })));
    result.gaps.forEach(function (g) {
      var names = g.resources.map(function (r) { return DATA.gaps.resources[r]; });
      tbody.appendChild(el("tr", { "data-factor": FACTORS[g.factor].id, "data-band": DATA.bands[g.band].id }, [
        el("td", { text: FACTORS[g.factor].label }),
        el("td", { text: DATA.bands[g.band].label }),
        el("td", { className: "num", text: pct(g.coverage) })
      ].concat(wanted.map(function (x) { return el("td", { className: "num", text: pct(g.byLevel[x.index]) }); }), [
        el("td", { className: "status-" + STATUS_CLASSES[g.status], text: t(STATUS_WORDS[g.status]) }),
        el("td", { className: "num", text: num(100 * g.severity) }),
        el("td", { text: names.join(", ") || "-" })
      ])));
    });
  }

  var statusTimer = null;
  function announce(text) {
    // a short delay so that a screen reader reads the settled state, not every step of a slider
    if (statusTimer) { clearTimeout(statusTimer); }
    statusTimer = setTimeout(function () { document.getElementById("status").textContent = text; }, 250);
  }

  function summary(result) {
    var first = result.ranked[0];
    if (!first) { return t("meeting_status_none"); }
    return t("meeting_status", { count: result.ranked.length, first: PROGRAMMES[first.index].name, score: num(first.score) });
  }

  var lastResult = null;
  function update(message) {
    var started = performance.now();
    var result = compute(state);
    renderShares(result);
    renderSnapshot(result);
    renderShortlist(result);
    renderNotice(result);
    renderMarked();
    renderGaps(result);
    lastResult = result;
    // reading a layout property makes the browser lay the page out now, so the time includes that
    timings.layoutHeight = document.body.offsetHeight;
    timings.last = performance.now() - started;
    timings.history.push(timings.last);
    if (timings.history.length > 1000) { timings.history.shift(); }
    announce(message || summary(result));
    return result;
  }

  // --- the saved profile: YAML that insatsval reads as it is -------------------------------------
  /* A YAML double-quoted scalar: quotes, backslashes and anything not plainly printable escaped. */
  function yamlString(text) {
    var out = "\"";
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var code = text.charCodeAt(i);
      if (ch === "\"" || ch === "\\") { out += "\\" + ch; }
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length &&
               text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
        out += ch + text.charAt(i + 1);
        i += 1;
      } else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff) ||
                 code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) {
        out += "\\u" + ("000" + code.toString(16)).slice(-4);
      } else { out += ch; }
    }
    return out + "\"";
  }

  /* A comment line can hold anything but a line break or a non-printable character. */
  function commentLine(text) {
    return "# " + String(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, " ");
  }

  function yamlNumber(value) { return String(value); } // 0.01-1000: always plain decimal notation

  function savedProfile() {
    var lines = [
      commentLine(t("meeting_yaml_saved", { version: DATA.version, date: new Date().toISOString().slice(0, 10) })),
      commentLine(t("meeting_yaml_source", { file: DATA.profile.file, sha256: DATA.profile.sha256 }))
    ];
    var hasResources = DATA.yaml.some(function (chunk) { return chunk.text && chunk.text.indexOf("resources:") === 0; });
    if (hasResources) { lines.push(commentLine(t("meeting_yaml_resources", { file: DATA.profile.file }))); }
    ["not_possible", "running"].forEach(function (kind) {
      var items = Object.keys(state.marks).filter(function (id) { return state.marks[id] === kind; }).map(function (id) {
        return PROGRAMMES[programmeIndex[id]].name + " (" + id + ")";
      });
      if (items.length) { lines.push(commentLine(t("meeting_yaml_" + kind, { items: items.join(", ") }))); }
    });
    var inOrder = function (ids, vocabulary) {
      return vocabulary.filter(function (v) { return ids.indexOf(v.id) >= 0; }).map(function (v) { return v.id; }).join(", ");
    };
    DATA.yaml.forEach(function (chunk) {
      if (chunk.text !== undefined) { lines.push(chunk.text.replace(/\n$/, "")); }
      else if (chunk.edit === "levels") { lines.push("levels: [" + inOrder(state.levels, DATA.levels) + "]"); }
      else if (chunk.edit === "domains") { lines.push("domains: [" + inOrder(state.domains, DATA.domains) + "]"); }
      else if (chunk.edit === "priorities") {
        lines.push("priorities:");
        state.priorities.forEach(function (p) {
          lines.push("  - factor: " + p.factor);
          lines.push("    weight: " + yamlNumber(p.weight));
          if (p.note !== null && p.note !== undefined) { lines.push("    note: " + yamlString(p.note)); }
        });
      }
    });
    return lines.join("\n") + "\n";
  }

  function savedName() {
    return DATA.profile.file.replace(/\.[^.]*$/, "") + t("meeting_file_suffix") + ".yaml";
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "text/yaml;charset=utf-8" }));
    var a = el("a", { download: name, href: url, hidden: "hidden" });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // --- controls ---------------------------------------------------------------------------------
  function validWeight(value) { return isFinite(value) && value >= MIN_WEIGHT && value <= MAX_WEIGHT; }

  function focusLater(selector) {
    var node = document.querySelector(selector);
    if (node && !node.disabled) { node.focus(); return true; }
    return false;
  }

  document.querySelector("#priorities tbody").addEventListener("input", function (event) {
    var input = event.target;
    var i = Number(input.getAttribute("data-index"));
    var row = input.closest("tr");
    if (input.getAttribute("data-role") === "range") {
      state.priorities[i].weight = Number(input.value);
      row.querySelector("[data-role=number]").value = input.value;
      row.querySelector("[data-role=number]").removeAttribute("aria-invalid");
      update();
    } else if (input.getAttribute("data-role") === "number") {
      var value = input.value === "" ? NaN : Number(input.value);
      if (!validWeight(value)) {
        input.setAttribute("aria-invalid", "true");
        announce(t("meeting_weight_invalid"));
        return;
      }
      input.removeAttribute("aria-invalid");
      state.priorities[i].weight = value;
      var range = row.querySelector("[data-role=range]");
      range.max = String(Math.max(10, Math.ceil(value)));
      range.value = String(value);
      update();
    }
  });

  document.querySelector("#priorities tbody").addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) { return; }
    var i = Number(button.getAttribute("data-index"));
    var action = button.getAttribute("data-action");
    var list = state.priorities;
    var message;
    if (action === "remove") {
      if (list.length <= 1) { announce(t("meeting_need_one_factor")); return; }
      message = t("meeting_removed", { factor: factorLabel(list[i].factor) });
      list.splice(i, 1);
    } else {
      var j = action === "up" ? i - 1 : i + 1;
      if (j < 0 || j >= list.length) { return; }
      var moved = list[i];
      list[i] = list[j];
      list[j] = moved;
      i = j;
    }
    renderPriorities();
    update(message);
    if (action === "remove") { focusLater("#add-factor") || focusLater("#priorities tbody button"); }
    else { focusLater("#priorities tbody tr:nth-child(" + (i + 1) + ") button[data-action=" + action + "]") ||
      focusLater("#priorities tbody tr:nth-child(" + (i + 1) + ") input[type=range]"); }
  });

  document.getElementById("add-button").addEventListener("click", function () {
    var select = document.getElementById("add-factor");
    var factor = select.value;
    if (!factor) { return; }
    if (state.priorities.length >= DATA.maxPriorities) { announce(t("meeting_add_full", { max: DATA.maxPriorities })); return; }
    state.priorities.push({ factor: factor, weight: 1, note: null });
    renderPriorities();
    update(t("meeting_added", { factor: factorLabel(factor), weight: weightText(1) }));
    focusLater("#priorities tbody tr:last-child input[type=range]");
  });

  function checkboxHandler(name, key, vocabulary, emptyMessage) {
    document.getElementById(name === "level" ? "levels" : "domains").addEventListener("change", function (event) {
      var box = event.target;
      var checked = Array.prototype.slice.call(document.querySelectorAll("input[name=" + name + "]:checked"));
      if (!checked.length) { box.checked = true; announce(t(emptyMessage)); return; }
      state[key] = vocabulary.filter(function (v) {
        return checked.some(function (c) { return c.value === v.id; });
      }).map(function (v) { return v.id; });
      update();
    });
  }
  checkboxHandler("level", "levels", DATA.levels, "meeting_need_one_level");
  checkboxHandler("domain", "domains", DATA.domains, "meeting_need_one_domain");

  document.getElementById("top").addEventListener("change", function (event) {
    state.top = event.target.value === "all" ? "all" : Number(event.target.value);
    update();
  });

  document.getElementById("results").addEventListener("click", function (event) {
    var mark = event.target.closest("button[data-mark]");
    var unmark = event.target.closest("button[data-unmark]");
    if (mark) {
      var table = mark.closest("tbody");
      var position = Array.prototype.indexOf.call(table.childNodes, mark.closest("tr"));
      var kind = mark.getAttribute("data-mark");
      state.marks[mark.getAttribute("data-id")] = kind;
      update();
      var rows = table.childNodes;
      var next = rows[Math.min(position, rows.length - 1)];
      if (!next || !next.querySelector) { document.getElementById("marked-heading").focus(); return; }
      next.querySelector("button[data-mark=" + kind + "]").focus();
    } else if (unmark) {
      var items = document.querySelectorAll("#marked button[data-unmark]");
      var at = Array.prototype.indexOf.call(items, unmark);
      delete state.marks[unmark.getAttribute("data-unmark")];
      update();
      var left = document.querySelectorAll("#marked button[data-unmark]");
      if (left.length) { left[Math.min(at, left.length - 1)].focus(); }
      else { document.getElementById("marked-heading").focus(); }
    }
  });

  function syncControls() {
    document.querySelectorAll("input[name=level]").forEach(function (box) { box.checked = state.levels.indexOf(box.value) >= 0; });
    document.querySelectorAll("input[name=domain]").forEach(function (box) { box.checked = state.domains.indexOf(box.value) >= 0; });
    document.getElementById("top").value = String(state.top);
  }

  document.getElementById("save").addEventListener("click", function () {
    var name = savedName();
    download(name, savedProfile());
    announce(t("meeting_saved", { file: name, profile: DATA.profile.file }));
  });
  document.getElementById("print").addEventListener("click", function () { window.print(); });
  document.getElementById("reset").addEventListener("click", function () {
    state = initialState();
    syncControls();
    renderPriorities();
    update(t("meeting_reset_done"));
  });
  window.addEventListener("beforeprint", function () { if (lastResult) { renderSnapshot(lastResult); } });

  // --- start --------------------------------------------------------------------------------------
  syncControls();
  renderPriorities();
  update();
  timings.firstRender = performance.now(); // milliseconds since the page started loading

  /* For tests and the benchmark: the current result as plain data, and the saved profile. */
  window.insatsvalMeeting = {
    timings: timings,
    yamlString: yamlString,
    savedProfile: savedProfile,
    snapshot: function () {
      var r = lastResult;
      return {
        ranked: r.ranked.map(function (x) {
          return {
            id: x.id, score: x.score, group: x.noEffect ? "no_effect" : "recommended", tier: x.tier,
            points: x.points.map(function (p) { return { factor: FACTORS[p.factor].id, points: p.points }; })
          };
        }),
        excluded: r.excluded,
        notice: {
          best: r.notice.best, needed: r.notice.needed,
          poorly: r.notice.poorly.map(function (p) { return { factor: FACTORS[p.factor].id, elsewhere: p.elsewhere }; })
        },
        gaps: r.gaps === null ? null : r.gaps.map(function (g) {
          return { factor: FACTORS[g.factor].id, band: DATA.bands[g.band].id, coverage: g.coverage,
            status: STATUS_CLASSES[g.status], severity: g.severity };
        })
      };
    }
  };
}());
