/* mtqa HTML report: filters by category and severity, and the finding pop-up.
   Reads the findings from the JSON block #mtqa-data; article text is only ever set as text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("mtqa-data").textContent);
  var issues = data.issues;
  var hidden = { cat: {}, sev: {} };
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.f"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("li[data-i]"));
  var segs = Array.prototype.slice.call(document.querySelectorAll(".bar span[data-cat]"));
  var pop = document.getElementById("pop");
  var shown = document.getElementById("shown");
  var rank = { error: 3, warning: 2, info: 1 };

  marks.forEach(function (m) {
    m._ids = m.getAttribute("data-ids").split(" ").map(Number);
    m._lead = m._ids[0];  // as rendered: the most severe finding leads
  });
  rows.forEach(function (r) {
    r._i = Number(r.getAttribute("data-i"));
    r._on = true;
  });

  function visible(k) {
    var i = issues[k];
    return !hidden.cat[i.category] && !hidden.sev[i.severity];
  }

  // only touch the DOM where a highlight changes: large corpora have tens of thousands of them
  function apply() {
    marks.forEach(function (m) {
      var lead = -1;
      for (var j = 0; j < m._ids.length; j++) {
        var k = m._ids[j];
        if (visible(k) && (lead < 0 || rank[issues[k].severity] > rank[issues[lead].severity])) lead = k;
      }
      if (lead === m._lead) return;
      m._lead = lead;
      if (lead >= 0) {
        m.classList.remove("off");
        m.setAttribute("data-cat", issues[lead].category);
        m.setAttribute("data-sev", issues[lead].severity);
        m.setAttribute("tabindex", "0");
      } else {
        m.classList.add("off");
        m.removeAttribute("data-cat");
        m.removeAttribute("data-sev");
        m.removeAttribute("tabindex");
      }
    });
    var n = 0;
    rows.forEach(function (r) {
      var on = visible(r._i);
      if (on !== r._on) {
        r._on = on;
        r.classList.toggle("off", !on);
      }
      if (on) n += 1;
    });
    segs.forEach(function (s) {
      s.classList.toggle("off", !!hidden.cat[s.getAttribute("data-cat")]);
    });
    if (shown) shown.textContent = n + " of " + issues.length + " findings shown";
    closePop();
  }

  document.querySelectorAll(".chip[data-filter]").forEach(function (chip) {
    chip.addEventListener("click", function () {
      var kind = chip.getAttribute("data-filter");
      var value = chip.getAttribute("data-value");
      var on = chip.getAttribute("aria-pressed") !== "true";
      chip.setAttribute("aria-pressed", on ? "true" : "false");
      if (on) delete hidden[kind][value]; else hidden[kind][value] = true;
      apply();
    });
  });
  var reset = document.getElementById("reset");
  if (reset) {
    reset.addEventListener("click", function () {
      hidden = { cat: {}, sev: {} };
      document.querySelectorAll(".chip[data-filter]").forEach(function (c) { c.setAttribute("aria-pressed", "true"); });
      apply();
    });
  }

  // the corpus table sorts on a click on its headers: numbers from data-v or the cell text
  var overview = document.querySelector("#overview table");
  if (overview) {
    var body = overview.tBodies[0];
    overview.querySelectorAll("th[data-sort]").forEach(function (th) {
      function sortBy() {
        var col = th.cellIndex;
        var dir = th.getAttribute("aria-sort") === "descending" ? 1 : -1;
        if (col === 0) dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
        overview.querySelectorAll("th[data-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
        var value = function (row) {
          var cell = row.cells[col];
          var v = cell.getAttribute("data-v");
          return Number(v !== null ? v : cell.textContent);
        };
        Array.prototype.slice.call(body.rows)
          .sort(function (a, b) { return dir * (value(a) - value(b)); })
          .forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sortBy);
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter") sortBy(); });
    });
  }

  var clean = document.getElementById("clean");
  if (clean) {
    clean.addEventListener("click", function () {
      var show = clean.getAttribute("aria-pressed") !== "true";
      clean.setAttribute("aria-pressed", show ? "true" : "false");
      document.body.classList.toggle("hide-clean", !show);
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function closePop() {
    if (pop) pop.hidden = true;
  }

  function openPop(mark) {
    var ids = mark._ids.filter(visible);
    if (!ids.length || !pop) return;
    pop.textContent = "";
    var close = el("button", "close", "\u00d7");
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", closePop);
    pop.appendChild(close);
    ids.forEach(function (k) {
      var i = issues[k];
      var item = el("div", "item");
      var head = el("div", "head");
      head.appendChild(el("code", null, i.rule));
      head.appendChild(el("strong", null, i.name));
      head.appendChild(el("span", "sev " + i.severity, i.severity));
      var cat = el("span", "cat", i.category);
      cat.setAttribute("data-cat", i.category);
      head.appendChild(cat);
      item.appendChild(head);
      item.appendChild(el("div", "msg", i.message));
      if (i.suggestions.length) item.appendChild(el("div", "sugg", "\u2192 " + i.suggestions.join(" | ")));
      item.appendChild(el("div", "where", "line " + i.line + ", column " + i.column + " \u00b7 \u00ab" + i.text + "\u00bb"));
      pop.appendChild(item);
    });
    var r = mark.getBoundingClientRect();
    pop.hidden = false;
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target;
    var mark = t.closest ? t.closest("mark.f") : null;
    if (mark && !mark.classList.contains("off")) {
      openPop(mark);
      ev.stopPropagation();
      return;
    }
    var row = t.closest ? t.closest("li[data-i]") : null;
    if (row) {
      var target = document.getElementById("f" + row.getAttribute("data-i"));
      if (target) {
        target.scrollIntoView({ block: "center" });
        target.classList.remove("flash");
        void target.offsetWidth;
        target.classList.add("flash");
        openPop(target);
      }
      return;
    }
    if (pop && !pop.contains(t)) closePop();
  });
  // n / p step through the findings shown, in document order
  var current = -1;
  function step(delta) {
    for (var k = current + delta, tries = 0; tries < issues.length; k += delta, tries++) {
      k = (k + issues.length) % issues.length;
      var target = document.getElementById("f" + k);
      if (visible(k) && target) {
        current = k;
        var mark = target.tagName === "MARK" ? target : target.parentNode;
        mark.scrollIntoView({ block: "center" });
        mark.focus({ preventScroll: true });
        openPop(mark);
        return;
      }
    }
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.key === "n") step(1);
    if (ev.key === "p") step(-1);
    if (ev.key === "Escape") closePop();
    if (ev.key === "Enter" && ev.target.matches && ev.target.matches("mark.f, li[data-i]")) ev.target.click();
  });
  apply();
})();
