/* The editor page: sends the copy to POST /v1/render, shows the HTML parts the server
   renders with the batch report's code (highlights in place, messages on hover and focus,
   the list of findings, figures, timeline) and adds what a page for writing needs: open a
   file, one-click fixes, the list grouped by category or severity, re-checks as you type.

   factcheck's offsets are code points; JavaScript strings count UTF-16 units: every
   offset goes through `units()` before it touches the text. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var text = $("text"), statusEl = $("status"), copy = $("copy");
  var state = { checked: null, entry: null, fileName: null, timer: null, seq: 0 };
  var SEVERITIES = ["error", "warning", "info"];

  // code-point offset -> UTF-16 offset, for one text
  function unitsMap(s) {
    var map = [], u = 0;
    for (var i = 0; i < s.length; ) {
      map.push(u);
      var c = s.charCodeAt(i);
      var step = (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) ? 2 : 1;
      i += step; u += step;
    }
    map.push(u);
    return map;
  }

  function say(msg, cls) {
    statusEl.textContent = msg;
    statusEl.className = cls || "";
  }

  function guessFormat(name) {
    var low = (name || "").toLowerCase();
    if (/\.(md|markdown)$/.test(low)) return "markdown";
    if (/\.html?$/.test(low)) return "html";
    if (/\.txt$/.test(low)) return "text";
    return "";
  }

  function request() {
    var body = { text: text.value };
    if ($("format").value) body.format = $("format").value;
    if ($("lang").value) body.lang = $("lang").value;
    if ($("published").value) body.published = $("published").value;
    if (state.fileName) body.path = state.fileName;
    return body;
  }

  function check() {
    clearTimeout(state.timer);
    var sent = text.value, seq = ++state.seq;
    say("Checking…");
    fetch("/v1/render", { method: "POST", headers: { "Content-Type": "application/json" },
                          body: JSON.stringify(request()) })
      .then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, data: data }; },
                             function () { return { ok: false, data: { error: "HTTP " + r.status } }; });
      })
      .then(function (res) {
        if (seq !== state.seq) return;  // a newer check is on its way
        if (!res.ok) { say("Not checked: " + res.data.error, "error"); return; }
        show(res.data, sent);
      })
      .catch(function (e) { if (seq === state.seq) say("Not checked: " + e.message, "error"); });
  }

  function show(data, sent) {
    var entry = data.entry;
    // the server read \r\n as the text was sent; the textarea holds \n only
    state.checked = sent; state.entry = entry; state.source = data.source; state.map = unitsMap(data.source);
    var lang = entry.language || "und";
    text.setAttribute("lang", lang); text.dir = data.dir;
    copy.setAttribute("lang", lang); copy.dir = data.dir;
    copy.innerHTML = data.html.source;
    copy.hidden = false;
    var n = entry.findings.length;
    var counts = SEVERITIES.map(function (s) {
      var k = entry.findings.filter(function (f) { return f.severity === s; }).length;
      return k ? k + " " + s : null;
    }).filter(Boolean);
    say(n ? n + " finding" + (n === 1 ? "" : "s") + ": " + counts.join(", ") : "No findings.");
    var note = $("published-note");
    if (entry.published) {
      note.textContent = $("published").value ? "as given" :
        "read from the article: " + entry.published + " (" + entry.published_source + ")";
    } else {
      note.textContent = "no date found: date checks skipped; set one";
    }
    $("findings").innerHTML = data.html.findings;
    $("figures").innerHTML = data.html.figures;
    $("timeline").innerHTML = data.html.timeline;
    $("grouping").hidden = n === 0;
    addFixButtons();
    group();
  }

  function addFixButtons() {
    state.entry.findings.forEach(function (f, i) {
      var li = document.getElementById("fc-a0-m" + i);
      if (!li) return;
      li.dataset.category = f.category;
      li.dataset.severity = f.severity;
      if (!f.fix) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "fc-apply";
      b.dataset.finding = String(i);
      b.textContent = f.fix.applicability === "safe" ? "Apply fix" : "Apply fix (check it)";
      b.setAttribute("aria-label", "Apply fix: " + f.message);
      li.appendChild(b);
    });
  }

  function group() {
    var holder = $("findings");
    var list = holder.querySelector("ol.fc-findings");
    var items = Array.prototype.slice.call(holder.querySelectorAll("li.fc-item"));
    if (!items.length) return;
    var key = document.querySelector("input[name=group]:checked").value;
    var names = [];
    items.forEach(function (li) { if (names.indexOf(li.dataset[key]) < 0) names.push(li.dataset[key]); });
    if (key === "severity") names.sort(function (a, b) { return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b); });
    else names.sort();
    var out = document.createElement("div");
    names.forEach(function (name) {
      var sec = document.createElement("section");
      sec.className = "fc-group";
      var h = document.createElement("h3");
      var mine = items.filter(function (li) { return li.dataset[key] === name; });
      h.textContent = name + " ";
      var c = document.createElement("span");
      c.className = "fc-count"; c.textContent = "(" + mine.length + ")";
      h.appendChild(c);
      var ol = document.createElement("ol");
      ol.className = "fc-findings";
      mine.forEach(function (li) { ol.appendChild(li); });
      sec.appendChild(h); sec.appendChild(ol);
      out.appendChild(sec);
    });
    holder.innerHTML = "";
    holder.appendChild(out);
    if (list) list.remove();
  }

  function applyFix(i) {
    var f = state.entry.findings[i], map = state.map, t = text.value;
    if (!f || !f.fix) return;
    // edits are code points into the text as checked: only valid if the copy is still that text
    if (t !== state.source) { say("The copy changed since the check: check it again first.", "stale"); return; }
    var edits = f.fix.edits.slice().sort(function (a, b) { return b.start - a.start; });
    edits.forEach(function (e) { t = t.slice(0, map[e.start]) + e.replacement + t.slice(map[e.end]); });
    var caret = map[edits[edits.length - 1].start];
    text.value = t;
    text.setSelectionRange(caret, caret);
    say("Fix applied. Checking again…");
    check();
  }

  $("form").addEventListener("submit", function (ev) { ev.preventDefault(); check(); });
  text.addEventListener("input", function () {
    if (state.checked !== null) say("The copy changed: checking again when you pause…", "stale");
    clearTimeout(state.timer);
    state.timer = setTimeout(check, 1200);
  });
  $("file").addEventListener("change", function () {
    var file = this.files && this.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      text.value = String(reader.result);
      state.fileName = file.name;
      var fmt = guessFormat(file.name);
      if (fmt) $("format").value = fmt;
      check();
    };
    reader.onerror = function () { say("Could not read " + file.name, "error"); };
    reader.readAsText(file, "utf-8");
  });
  text.addEventListener("paste", function () { state.fileName = null; });
  ["format", "lang", "published"].forEach(function (id) {
    $(id).addEventListener("change", function () { if (text.value) check(); });
  });
  document.querySelectorAll("input[name=group]").forEach(function (r) { r.addEventListener("change", group); });
  $("findings").addEventListener("click", function (ev) {
    var b = ev.target.closest("button.fc-apply");
    if (b) applyFix(Number(b.dataset.finding));
  });
  // a highlight: Enter (or a click) takes you to its entry in the list, where its fix is
  copy.addEventListener("keydown", function (ev) {
    var m = ev.target.closest && ev.target.closest("mark.fc-hl");
    if (!m || ev.key !== "Enter") return;
    ev.preventDefault();
    var li = document.getElementById("fc-a0-m" + m.dataset.finding);
    if (!li) return;
    var target = li.querySelector("button.fc-apply") || li.querySelector("a");
    if (target) target.focus();
  });
  copy.addEventListener("click", function (ev) {
    var m = ev.target.closest && ev.target.closest("mark.fc-hl");
    if (!m) return;
    document.querySelectorAll("li.fc-target").forEach(function (x) { x.classList.remove("fc-target"); });
    var li = document.getElementById("fc-a0-m" + m.dataset.finding);
    if (li) { li.classList.add("fc-target"); li.scrollIntoView({ block: "nearest" }); }
  });
  window.factcheckPage = { check: check, applyFix: applyFix, state: state };
})();
