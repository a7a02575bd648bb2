// The kg timeline page: one pair of actors at a time (the picker), a date range
// (the brush strip or the date fields), bars of events counted per day, week
// or month by CAMEO quad class. Data comes from #kg-data; every string from it
// reaches the page through textContent, never innerHTML.
(function () {
  "use strict";
  var dom = window.kgDom, byId = dom.byId, el = dom.el, svg = dom.svg, clear = dom.clear, plural = dom.plural;
  var data = dom.data();
  var WIDTH = 1100, HEIGHT = 340, LEFT = 46, RIGHT = 12, TOP = 14, BOTTOM = 26, BRUSH = 46;
  var DAY = 86400000;
  function time(day) { return Date.parse(day + "T00:00:00Z"); }
  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  var quads = {};
  data.quads.forEach(function (q) { quads[q.number] = q; });
  var state = { dyad: 0, from: "", to: "" };

  // -- controls ---------------------------------------------------------------------
  var picker = byId("tl-dyad");
  data.dyads.forEach(function (d, i) {
    var option = el("option", d.name + " (" + plural(d.events.length, "event") + ")");
    option.value = String(i);
    picker.appendChild(option);
  });
  var legend = byId("tl-legend");
  data.quads.forEach(function (q) {
    var swatch = el("span", null, "swatch"); swatch.style.background = q.color;
    legend.appendChild(swatch); legend.appendChild(document.createTextNode(q.name));
  });

  function dyad() { return data.dyads[state.dyad]; }
  function span() {
    var d = dyad();
    if (byId("tl-all").checked) { return [d.events[0].day, d.events[d.events.length - 1].day]; }
    return [d.first, d.last];
  }
  function shown() {
    var whole = span();
    return [state.from || whole[0], state.to || whole[1]];
  }

  // -- buckets: days, weeks or months, whichever draws the range in at most 120 bars ---
  function size(first, last) {
    var days = (time(last) - time(first)) / DAY + 1;
    return days <= 120 ? "day" : days / 7 <= 120 ? "week" : "month";
  }
  function start(day, unit) {
    if (unit === "day") { return day; }
    var t = new Date(time(day));
    if (unit === "week") { return iso(t.getTime() - ((t.getUTCDay() + 6) % 7) * DAY); }
    return day.slice(0, 7) + "-01";
  }
  function end(first, unit) {
    if (unit === "day") { return first; }
    if (unit === "week") { return iso(time(first) + 6 * DAY); }
    var t = new Date(time(first));
    return iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) - DAY);
  }
  function buckets(events, range, unit) {
    var by = {};
    events.forEach(function (ev) {
      if (ev.day < range[0] || ev.day > range[1] || !quads[ev.quad]) { return; }
      var key = start(ev.day, unit);
      if (!by[key]) { by[key] = { start: key, end: end(key, unit), counts: [0, 0, 0, 0], events: [] }; }
      by[key].counts[ev.quad - 1] += 1;
      by[key].events.push(ev);
    });
    return Object.keys(by).sort().map(function (k) { return by[k]; });
  }

  // -- the chart ---------------------------------------------------------------------
  var tooltip = el("div", null, "tooltip"); tooltip.hidden = true; document.body.appendChild(tooltip);
  function draw() {
    var d = dyad(), range = shown(), unit = size(range[0], range[1]);
    var lo = time(range[0]), hi = time(end(start(range[1], unit), unit)) + DAY;
    var bars = buckets(d.events, range, unit);
    var up = 1, down = 1;
    bars.forEach(function (b) { up = Math.max(up, b.counts[0] + b.counts[1]); down = Math.max(down, b.counts[2] + b.counts[3]); });
    var reach = Math.max(up, down);
    var inner = WIDTH - LEFT - RIGHT, half = (HEIGHT - TOP - BOTTOM) / 2, axis = TOP + half;
    function x(ms) { return LEFT + inner * (ms - lo) / (hi - lo); }
    function h(n) { return half * n / reach; }
    var chart = byId("tl-chart");
    clear(chart);
    var root = svg("svg", { viewBox: "0 0 " + WIDTH + " " + HEIGHT, "data-dyad": d.name, "data-bars": String(bars.length),
                            "data-unit": unit, "font-family": "sans-serif" }, chart);
    // ticks: months or years
    var spanDays = (hi - lo) / DAY;
    var t = new Date(lo); t = Date.UTC(t.getUTCFullYear(), spanDays > 1100 ? 0 : t.getUTCMonth(), 1);
    var step = spanDays > 1100 ? 12 : spanDays > 400 ? 3 : 1;
    while (t <= hi) {
      if (t >= lo && x(t) < WIDTH - RIGHT - 50) {
        var tx = x(t);
        svg("line", { x1: tx, x2: tx, y1: TOP, y2: HEIGHT - BOTTOM, stroke: "#eee" }, root);
        var label = svg("text", { x: tx + 2, y: HEIGHT - BOTTOM + 14, "class": "tick" }, root);
        label.textContent = spanDays > 1100 ? iso(t).slice(0, 4) : iso(t).slice(0, 7);
      }
      var next = new Date(t); t = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + step, 1);
    }
    svg("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: axis, y2: axis, stroke: "#333" }, root);
    [[reach, axis - half], [0, axis], [reach, axis + half]].forEach(function (item) {
      var text = svg("text", { x: LEFT - 6, y: item[1] + 4, "text-anchor": "end", "class": "axis" }, root);
      text.textContent = String(item[0]);
    });
    var above = svg("text", { x: LEFT + 4, y: TOP + 10, "class": "axis" }, root); above.textContent = "cooperation";
    var below = svg("text", { x: LEFT + 4, y: HEIGHT - BOTTOM - 4, "class": "axis" }, root); below.textContent = "conflict";
    bars.forEach(function (b) {
      var left = x(time(b.start)), right = x(time(b.end) + DAY);
      var width = Math.max(3, (right - left) * 0.85);
      var yUp = axis, yDown = axis;
      [0, 1, 2, 3].forEach(function (i) {
        var n = b.counts[i];
        if (!n) { return; }
        var height = h(n);
        var y = i < 2 ? (yUp -= height) : yDown;
        if (i >= 2) { yDown += height; }
        var rect = svg("rect", { x: left + ((right - left) - width) / 2, y: y, width: width, height: height,
                                 fill: quads[i + 1].color, "class": "bar " + (i < 2 ? "cooperation" : "conflict") }, root);
        rect.addEventListener("mousemove", function (event) { hover(event, b, i + 1); });
        rect.addEventListener("mouseleave", function () { tooltip.hidden = true; });
        rect.addEventListener("click", function () { list(b); });
      });
    });
    var total = d.events.filter(function (ev) { return ev.day >= range[0] && ev.day <= range[1]; }).length;
    var outside = byId("tl-all").checked ? 0 : d.outside;
    byId("tl-status").textContent = d.name + ": " + plural(total, "event") + " from " + range[0] + " to " + range[1] +
      ", one bar per " + unit + "." + (outside ? " " + plural(outside, "event") + " with outlying dates are left out (tick \u201cinclude outlying dates\u201d)." : "");
    byId("tl-from").value = range[0]; byId("tl-to").value = range[1];
    drawBrush(range);
    document.body.setAttribute("data-ready", "true");
    window.kgReady = true;
  }
  function hover(event, bucket, quad) {
    clear(tooltip);
    var events = bucket.events.filter(function (ev) { return ev.quad === quad; });
    tooltip.appendChild(el("strong", (bucket.start === bucket.end ? bucket.start : bucket.start + " to " + bucket.end) + ": " +
      plural(events.length, quads[quad].name + " event")));
    events.slice(0, 6).forEach(function (ev) {
      tooltip.appendChild(el("div", ev.date + " " + ev.agent + " \u2192 " + ev.target + ": " + ev.type + (ev.cameo ? " (CAMEO " + ev.cameo + ")" : "")));
    });
    if (events.length > 6) { tooltip.appendChild(el("div", "and " + (events.length - 6) + " more; click to list them")); }
    tooltip.style.left = Math.min(event.clientX + 12, window.innerWidth - 440) + "px";
    tooltip.style.top = (event.clientY + 12) + "px";
    tooltip.hidden = false;
  }
  function list(bucket) {
    var box = byId("tl-events");
    clear(box);
    box.appendChild(el("h2", (bucket.start === bucket.end ? bucket.start : bucket.start + " to " + bucket.end) + ": " + plural(bucket.events.length, "event")));
    bucket.events.forEach(function (ev) {
      var item = el("div", null, "event");
      var meta = [ev.date, ev.agent + " \u2192 " + ev.target, ev.type, quads[ev.quad] ? quads[ev.quad].name : ""];
      if (ev.cameo) { meta.push("CAMEO " + ev.cameo); }
      if (ev.claimed) { meta.push("claimed"); }
      if (ev.negated) { meta.push("negated"); }
      item.appendChild(el("div", meta.join(" \u00b7 "), "meta"));
      item.appendChild(el("blockquote", ev.evidence || "(no evidence sentence)"));
      if (ev.title || ev.url) { item.appendChild(dom.source(ev.title, ev.url)); }
      box.appendChild(item);
    });
  }

  // -- the brush: every event of the dyad as a tick, a window to drag ------------------
  function drawBrush(range) {
    var d = dyad(), whole = span();
    var lo = time(whole[0]), hi = time(whole[1]) + DAY;
    if (hi - lo < 60 * DAY) { lo -= 30 * DAY; hi += 30 * DAY; }
    var inner = WIDTH - LEFT - RIGHT;
    function x(ms) { return LEFT + inner * (ms - lo) / (hi - lo); }
    var box = byId("tl-brush");
    clear(box);
    var root = svg("svg", { viewBox: "0 0 " + WIDTH + " " + BRUSH }, box);
    svg("rect", { x: LEFT, y: 2, width: inner, height: BRUSH - 16, fill: "#f6f6f6" }, root);
    d.events.forEach(function (ev) {
      var t = time(ev.day);
      if (t < lo || t > hi) { return; }
      var color = quads[ev.quad] ? quads[ev.quad].color : data.unknown_color;
      var side = quads[ev.quad] && quads[ev.quad].side === "conflict";
      svg("line", { x1: x(t), x2: x(t), y1: side ? (BRUSH - 14) / 2 + 2 : 4, y2: side ? BRUSH - 16 : (BRUSH - 14) / 2 + 2,
                    stroke: color, "stroke-width": 1.5 }, root);
    });
    svg("rect", { x: x(time(range[0])), y: 2, width: Math.max(2, x(time(range[1]) + DAY) - x(time(range[0]))),
                  height: BRUSH - 16, "class": "window" }, root);
    [whole[0], whole[1]].forEach(function (day, i) {
      var text = svg("text", { x: i ? WIDTH - RIGHT : LEFT, y: BRUSH - 3, "text-anchor": i ? "end" : "start", "class": "tick" }, root);
      text.textContent = day;
    });
    root.dataset.lo = String(lo); root.dataset.hi = String(hi);
  }
  var dragging = null;
  function dayAt(event) {
    var root = byId("tl-brush").querySelector("svg");
    var rect = root.getBoundingClientRect();
    var fraction = ((event.clientX - rect.left) / rect.width * WIDTH - LEFT) / (WIDTH - LEFT - RIGHT);
    fraction = Math.min(1, Math.max(0, fraction));
    var lo = Number(root.dataset.lo), hi = Number(root.dataset.hi);
    return iso(lo + fraction * (hi - lo));
  }
  byId("tl-brush").addEventListener("mousedown", function (event) { dragging = dayAt(event); event.preventDefault(); });
  window.addEventListener("mouseup", function (event) {
    if (dragging === null) { return; }
    var other = dayAt(event);
    if (other !== dragging) {
      state.from = other < dragging ? other : dragging;
      state.to = other < dragging ? dragging : other;
      draw();
    }
    dragging = null;
  });
  byId("tl-brush").addEventListener("dblclick", function () { state.from = state.to = ""; draw(); });

  // -- wiring ------------------------------------------------------------------------
  picker.addEventListener("change", function () {
    state.dyad = Number(picker.value); state.from = state.to = "";
    clear(byId("tl-events"));
    draw();
  });
  byId("tl-from").addEventListener("change", function () { state.from = byId("tl-from").value; draw(); });
  byId("tl-to").addEventListener("change", function () { state.to = byId("tl-to").value; draw(); });
  byId("tl-reset").addEventListener("click", function () { state.from = state.to = ""; draw(); });
  byId("tl-all").addEventListener("change", function () { state.from = state.to = ""; draw(); });
  if (data.dyads.length) { draw(); } else {
    byId("tl-status").textContent = "No dated events between two actors.";
    window.kgReady = true;
  }
})();
