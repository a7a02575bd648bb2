// The kg actor-network page. Data comes from the JSON block #kg-data; every
// string from it reaches the page through textContent, never innerHTML, so
// article text cannot become markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  function byId(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function shortIri(iri) { return String(iri).replace(/[\/#]+$/, "").split(/[\/#]/).pop(); }

  var labels = {};
  data.nodes.forEach(function (n) { labels[n.id] = n.label; });

  var elements = [];
  data.nodes.forEach(function (n) { elements.push({ group: "nodes", data: n }); });
  data.edges.forEach(function (e) { elements.push({ group: "edges", data: e }); });

  var big = data.nodes.length > 1000 || data.edges.length > 3000;
  var cy = cytoscape({
    container: byId("kg-graph"),
    elements: elements,
    minZoom: 0.02,
    maxZoom: 5,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": 11, "min-zoomed-font-size": 7,
        "text-valign": "bottom", "text-margin-y": 2, "color": "#222",
        "text-outline-color": "#fff", "text-outline-width": 1.5 } },
      { selector: "edge", style: {
        "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": big ? "straight" : "bezier",
        "width": "data(width)", "opacity": 0.75,
        "label": big ? "" : "data(label)", "font-size": 9, "min-zoomed-font-size": 9,
        "text-rotation": "autorotate", "color": "#444",
        "text-outline-color": "#fff", "text-outline-width": 1 } },
      { selector: "node.match", style: { "border-width": 4, "border-color": "#111" } },
      { selector: ".faded", style: { "opacity": 0.12 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#111", "opacity": 1 } },
      { selector: "edge:selected", style: { "opacity": 1, "z-index": 10, "line-style": "dashed", "label": "data(label)" } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });
  window.kgCy = cy;
  document.body.setAttribute("data-nodes", String(cy.nodes().length));
  document.body.setAttribute("data-edges", String(cy.edges().length));

  // -- header, legend, type filters ----------------------------------------
  if (data.notice) { var notice = byId("kg-notice"); notice.textContent = data.notice; notice.hidden = false; }
  var legend = byId("kg-legend");
  legend.appendChild(el("p", "Nodes by " + data.legend.color_by + ", sized by PageRank", "small"));
  data.legend.nodes.forEach(function (item) {
    var row = el("div", null, "legend-row");
    var swatch = el("span", null, "swatch"); swatch.style.background = item[1];
    row.appendChild(swatch); row.appendChild(document.createTextNode(item[0] || "other"));
    legend.appendChild(row);
  });
  legend.appendChild(el("p", "Edges, labelled with the event type", "small"));
  data.legend.edges.forEach(function (item) {
    var row = el("div", null, "legend-row");
    var swatch = el("span", null, "swatch line"); swatch.style.background = item[1];
    row.appendChild(swatch); row.appendChild(document.createTextNode(item[0]));
    legend.appendChild(row);
  });
  var typeBox = byId("kg-types");
  data.types.forEach(function (type) {
    var label = el("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.value = type;
    label.appendChild(box); label.appendChild(document.createTextNode(" " + type));
    typeBox.appendChild(label);
  });
  if (data.date_min) { byId("kg-from").min = byId("kg-to").min = data.date_min; }
  if (data.date_max) { byId("kg-from").max = byId("kg-to").max = data.date_max; }

  // -- filters ---------------------------------------------------------------
  function range() { return { from: byId("kg-from").value, to: byId("kg-to").value }; }
  function passes(event, r) {
    if (!r.from && !r.to) { return true; }
    if (!event.lo) { return false; }
    return (!r.from || event.hi >= r.from) && (!r.to || event.lo <= r.to);
  }
  function shownEvents(edge, r) {
    return edge.data("events").filter(function (ev) { return passes(ev, r); });
  }
  function status() {
    var nodes = cy.nodes().not(".hidden").length, edges = cy.edges().not(".hidden");
    var events = 0;
    edges.forEach(function (e) { events += e.data("shown"); });
    byId("kg-status").textContent = nodes + " of " + data.total_nodes + " actors, " + edges.length +
      " edges (" + events + " events) shown";
  }
  function applyFilters() {
    var r = range();
    var types = {};
    var active = Boolean(r.from || r.to);
    typeBox.querySelectorAll("input").forEach(function (box) {
      types[box.value] = box.checked; if (!box.checked) { active = true; }
    });
    cy.batch(function () {
      cy.edges().forEach(function (edge) {
        var count = 0;
        if (types[edge.data("type")]) {
          count = shownEvents(edge, r).length + ((r.from || r.to) ? 0 : edge.data("more"));
        }
        edge.data("shown", count);
        edge.toggleClass("hidden", count === 0);
      });
      cy.nodes().forEach(function (node) {
        var edges = node.connectedEdges();
        var visible = edges.filter(function (e) { return !e.hasClass("hidden"); }).length;
        node.toggleClass("hidden", active && edges.length > 0 && visible === 0);
      });
    });
    status();
  }
  cy.edges().forEach(function (edge) { edge.data("shown", edge.data("count")); });
  byId("kg-from").addEventListener("change", applyFilters);
  byId("kg-to").addEventListener("change", applyFilters);
  typeBox.addEventListener("change", applyFilters);
  function setAll(checked) {
    typeBox.querySelectorAll("input").forEach(function (box) { box.checked = checked; });
    applyFilters();
  }
  byId("kg-types-all").addEventListener("click", function () { setAll(true); });
  byId("kg-types-none").addEventListener("click", function () { setAll(false); });

  // -- search ------------------------------------------------------------------
  var matches = cy.collection();
  function search() {
    var term = byId("kg-search").value.trim().toLowerCase();
    cy.batch(function () {
      cy.elements(".faded").removeClass("faded");
      matches.removeClass("match");
      matches = cy.collection();
      if (!term) { return; }
      matches = cy.nodes().filter(function (n) { return n.data("label").toLowerCase().indexOf(term) >= 0; });
      matches.addClass("match");
      // restyling every element is too slow on big graphs: there, only the matches change
      if (!big) {
        cy.elements().not(matches.closedNeighborhood()).addClass("faded");
      }
    });
    byId("kg-search-status").textContent = term ? matches.length + " matching actors" : "";
  }
  byId("kg-search").addEventListener("input", search);
  byId("kg-search").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && matches.length) { cy.fit(matches, 80); }
  });

  // -- details panel -------------------------------------------------------------
  var panel = byId("kg-panel");
  function addPair(dl, name, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", name)); dl.appendChild(el("dd", value));
  }
  function showEdge(edge) {
    var d = edge.data(), r = range();
    clear(panel);
    panel.appendChild(el("h2", labels[d.source] + " \u2192 " + labels[d.target]));
    var dl = el("dl");
    addPair(dl, "event type", d.type);
    addPair(dl, "events", d.count);
    addPair(dl, "mean Goldstein", d.goldstein === null ? "unknown" : d.goldstein + " (" + d.polarity + ")");
    panel.appendChild(dl);
    var events = shownEvents(edge, r);
    if (events.length < d.events.length) {
      panel.appendChild(el("p", (d.events.length - events.length) + " events outside the date range are not listed.", "small"));
    }
    events.forEach(function (ev) {
      var box = el("div", null, "event");
      var meta = [ev.date || "no date"];
      if (ev.cameo) { meta.push("CAMEO " + ev.cameo); }
      if (ev.goldstein !== null && ev.goldstein !== undefined) { meta.push("Goldstein " + ev.goldstein); }
      if (ev.negated) { meta.push("negated"); }
      if (ev.claimed) {
        meta.push("claimed" + (ev.claimed_by.length ? " by " + ev.claimed_by.map(function (a) { return labels[a] || shortIri(a); }).join(", ") : ""));
      } else { meta.push("asserted"); }
      box.appendChild(el("div", meta.join(" \u00b7 "), "meta"));
      box.appendChild(el("blockquote", ev.evidence || "(no evidence sentence)", "evidence"));
      if (ev.article) { box.appendChild(el("div", "article " + shortIri(ev.article), "article")); }
      panel.appendChild(box);
    });
    if (d.more) { panel.appendChild(el("p", "and " + d.more + " more events not listed", "small")); }
  }
  function showNode(node) {
    var d = node.data();
    clear(panel);
    panel.appendChild(el("h2", d.label));
    var dl = el("dl");
    addPair(dl, "type", d.type);
    addPair(dl, "country", d.country);
    addPair(dl, "sector", d.sector);
    addPair(dl, "PageRank", d.pagerank);
    addPair(dl, "events out / in", node.outgoers("edge").reduce(function (s, e) { return s + e.data("count"); }, 0) +
      " / " + node.incomers("edge").reduce(function (s, e) { return s + e.data("count"); }, 0));
    Object.keys(d.metrics || {}).forEach(function (name) { addPair(dl, name, d.metrics[name]); });
    addPair(dl, "IRI", d.id);
    panel.appendChild(dl);
  }
  function select(ele) { cy.elements(":selected").unselect(); ele.select(); }
  cy.on("tap", "edge", function (event) { select(event.target); showEdge(event.target); });
  cy.on("tap", "node", function (event) { select(event.target); showNode(event.target); });

  // -- layout ----------------------------------------------------------------------
  var layout;
  if (data.layout === "cose") {
    layout = { name: "cose", animate: false, randomize: true, nodeDimensionsIncludeLabels: false,
               idealEdgeLength: function () { return 90; }, nodeRepulsion: function () { return 9000; },
               numIter: 1500, fit: true, padding: 30 };
  } else {
    var top = data.nodes.reduce(function (m, n) { return Math.max(m, n.pagerank); }, 0) || 1;
    layout = { name: "concentric", animate: false, fit: true, padding: 30, minNodeSpacing: 4,
               concentric: function (n) { return n.data("pagerank"); },
               levelWidth: function () { return top / 8; } };
  }
  cy.one("layoutstop", function () {
    // a handful of actors would otherwise be blown up to fill the screen
    if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }
    status();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "true");
  });
  cy.layout(layout).run();
})();
