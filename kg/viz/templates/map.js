// The kg map page: events at their places on the Natural Earth country
// outlines (equirectangular), one circle per place sized by its events in the
// date range and coloured by their most common CAMEO quad class; a click lists
// the events with their sentences and articles. Data from #kg-data and the
// atlas from #kg-atlas; strings from the data reach the page through
// textContent only.
(function () {
  "use strict";
  var dom = window.kgDom, byId = dom.byId, el = dom.el, svg = dom.svg, clear = dom.clear, plural = dom.plural;
  var data = dom.data();
  var atlas = JSON.parse(byId("kg-atlas").textContent);
  var K = 4, W = 360 * K, H = 180 * K;
  function px(lon) { return (lon + 180) * K; }
  function py(lat) { return (90 - lat) * K; }
  var quads = {};
  data.quads.forEach(function (q) { quads[q.number] = q; });

  // -- the base map --------------------------------------------------------------------
  var view = byId("map-view");
  var root = svg("svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "xMidYMid meet" }, view);
  var land = svg("g", {}, root);
  var features = window.topojson.feature(atlas, atlas.objects.countries).features;
  features.forEach(function (f) {
    var polygons = f.geometry ? (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) : [];
    var d = "";
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        // a ring across the antimeridian (Russia's east, Fiji) is unwrapped into one piece,
        // and drawn a second time one world to the west so that both halves show
        var last = null, shift = 0, points = [], reach = 0;
        ring.forEach(function (p) {
          if (last !== null && Math.abs(p[0] + shift - last) > 180) { shift += p[0] + shift > last ? -360 : 360; }
          last = p[0] + shift;
          reach = Math.max(reach, Math.abs(last));
          points.push([last, p[1]]);
        });
        [0, reach > 180 ? (points[0][0] > 0 ? -360 : 360) : null].forEach(function (offset) {
          if (offset === null) { return; }
          points.forEach(function (p, i) { d += (i ? "L" : "M") + px(p[0] + offset).toFixed(1) + " " + py(p[1]).toFixed(1); });
          d += "Z";
        });
      });
    });
    var path = svg("path", { d: d, "class": "country" }, land);
    var title = svg("title", {}, path); title.textContent = (f.properties && f.properties.name) || "";
  });
  var layer = svg("g", {}, root);

  // -- dates ---------------------------------------------------------------------------
  var days = [];
  data.events.forEach(function (ev) { if (ev.date && days.indexOf(ev.date) < 0) { days.push(ev.date); } });
  days.sort();
  var from = byId("map-from"), to = byId("map-to");
  from.max = to.max = String(Math.max(0, days.length - 1));
  to.value = from.max;
  function range() {
    var a = Number(from.value), b = Number(to.value);
    return [days[Math.min(a, b)] || "", days[Math.max(a, b)] || ""];
  }
  function inRange(ev, r) {
    if (!ev.date) { return byId("map-undated").checked; }
    return ev.date >= r[0] && ev.date <= r[1];
  }

  // -- places ----------------------------------------------------------------------------
  var selected = null;
  function places() {
    var r = range(), by = {};
    data.events.forEach(function (ev) {
      if (ev.lat === null || !inRange(ev, r)) { return; }
      var key = ev.lat + "," + ev.lon;
      if (!by[key]) { by[key] = { key: key, lat: ev.lat, lon: ev.lon, names: {}, events: [], counts: [0, 0, 0, 0, 0] }; }
      by[key].events.push(ev);
      by[key].names[ev.place_label] = true;
      by[key].counts[ev.quad || 0] += 1;
    });
    return Object.keys(by).sort().map(function (k) {
      var p = by[k];
      p.label = Object.keys(p.names).sort().join(" / ");
      var best = 0;
      for (var q = 1; q <= 4; q++) { if (p.counts[q] > p.counts[best] || (best === 0 && p.counts[q])) { best = q; } }
      p.quad = best;
      return p;
    });
  }
  function draw() {
    var r = range();
    byId("map-from-label").textContent = r[0] || "-";
    byId("map-to-label").textContent = r[1] || "-";
    clear(layer);
    var shown = places();
    var scale = currentScale();
    shown.sort(function (a, b) { return b.events.length - a.events.length; });
    shown.forEach(function (p) {
      var radius = (4 + 4 * Math.sqrt(p.events.length)) / scale;
      var circle = svg("circle", { cx: px(p.lon), cy: py(p.lat), r: radius, "class": "place",
                                   fill: quads[p.quad] ? quads[p.quad].color : data.unknown_color,
                                   "data-place": p.label, "data-events": String(p.events.length) }, layer);
      if (selected === p.key) { circle.classList.add("selected"); }
      var title = svg("title", {}, circle); title.textContent = p.label + ": " + plural(p.events.length, "event");
      circle.addEventListener("click", function (event) { event.stopPropagation(); selected = p.key; show(p); draw(); });
      var label = svg("text", { x: px(p.lon) + radius + 2 / scale, y: py(p.lat) + 4 / scale, "class": "place-label",
                                "font-size": 11 / scale, "stroke-width": 3 / scale }, layer);
      label.textContent = p.label;
    });
    var total = data.events.filter(function (ev) { return inRange(ev, r); }).length;
    var placed = shown.reduce(function (s, p) { return s + p.events.length; }, 0);
    byId("map-status").textContent = plural(placed, "event") + " at " + plural(shown.length, "place") + " on the map" +
      (total > placed ? "; " + (total - placed) + " more at places without coordinates" : "") +
      (r[0] ? " (" + r[0] + " to " + r[1] + ")" : "");
    document.body.setAttribute("data-places", String(shown.length));
  }
  function show(place) {
    var panel = byId("map-panel");
    clear(panel);
    panel.appendChild(el("h2", place.label));
    panel.appendChild(el("p", plural(place.events.length, "event") + " in the date range", "small"));
    place.events.slice().sort(function (a, b) { return (b.date || "").localeCompare(a.date || ""); }).forEach(function (ev) {
      var box = el("div", null, "event");
      var meta = [ev.date || "no date", (ev.agent || "?") + " \u2192 " + (ev.target || "?"), quads[ev.quad] ? quads[ev.quad].name : "unknown class"];
      if (ev.cameo) { meta.push("CAMEO " + ev.cameo); }
      if (ev.claimed) { meta.push("claimed"); }
      if (ev.negated) { meta.push("negated"); }
      box.appendChild(el("div", meta.join(" \u00b7 "), "meta"));
      box.appendChild(el("blockquote", ev.evidence || "(no evidence sentence)", "evidence"));
      if (ev.title || ev.url) { box.appendChild(dom.source(ev.title, ev.url)); }
      panel.appendChild(box);
    });
  }

  // -- pan and zoom through the viewBox -------------------------------------------------
  var box = { x: 0, y: 0, w: W, h: H };
  function currentScale() { return W / box.w; }
  function apply() { root.setAttribute("viewBox", box.x + " " + box.y + " " + box.w + " " + box.h); }
  function fit() {
    var placed = data.events.filter(function (ev) { return ev.lat !== null; });
    if (!placed.length) { box = { x: 0, y: 0, w: W, h: H }; apply(); return; }
    var xs = placed.map(function (ev) { return px(ev.lon); }), ys = placed.map(function (ev) { return py(ev.lat); });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var w = Math.max(x1 - x0, 40 * K) * 1.3, h = Math.max(y1 - y0, 20 * K) * 1.3;
    w = Math.max(w, h * 2); h = w / 2;
    box = { x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w: Math.min(w, W), h: Math.min(h, H) };
    apply();
  }
  function point(event) {
    var rect = root.getBoundingClientRect();
    var s = Math.max(box.w / rect.width, box.h / rect.height);
    var ox = (rect.width - box.w / s) / 2, oy = (rect.height - box.h / s) / 2;
    return { x: box.x + (event.clientX - rect.left - ox) * s, y: box.y + (event.clientY - rect.top - oy) * s, s: s };
  }
  root.addEventListener("wheel", function (event) {
    event.preventDefault();
    var p = point(event), f = event.deltaY > 0 ? 1.25 : 0.8;
    var w = Math.min(W, Math.max(8 * K, box.w * f)), h = w / 2;
    box = { x: p.x - (p.x - box.x) * w / box.w, y: p.y - (p.y - box.y) * h / box.h, w: w, h: h };
    apply(); draw();
  }, { passive: false });
  var drag = null;
  root.addEventListener("mousedown", function (event) { drag = { x: event.clientX, y: event.clientY, box: box, s: point(event).s }; });
  window.addEventListener("mousemove", function (event) {
    if (!drag) { return; }
    box = { x: drag.box.x - (event.clientX - drag.x) * drag.s, y: drag.box.y - (event.clientY - drag.y) * drag.s, w: drag.box.w, h: drag.box.h };
    apply();
  });
  window.addEventListener("mouseup", function () { drag = null; });
  root.addEventListener("dblclick", function () { box = { x: 0, y: 0, w: W, h: H }; apply(); draw(); });

  // -- legend, unplaced places, wiring ------------------------------------------------------
  data.quads.forEach(function (q) {
    var row = el("div", null, "legend-row");
    var swatch = el("span", null, "swatch"); swatch.style.background = q.color;
    row.appendChild(swatch); row.appendChild(document.createTextNode(q.name));
    byId("map-legend").appendChild(row);
  });
  var unplaced = {};
  data.events.forEach(function (ev) { if (ev.lat === null) { unplaced[ev.place_label] = (unplaced[ev.place_label] || 0) + 1; } });
  var names = Object.keys(unplaced).sort();
  if (names.length) {
    var list = el("ul");
    names.forEach(function (n) { list.appendChild(el("li", n + " (" + plural(unplaced[n], "event") + ")")); });
    byId("map-unplaced").appendChild(list);
  } else { byId("map-unplaced").appendChild(el("p", "Every place is on the map.", "small")); }
  [from, to, byId("map-undated")].forEach(function (input) { input.addEventListener("input", draw); });
  fit();
  draw();
  window.kgReady = true;
  document.body.setAttribute("data-ready", "true");
})();
