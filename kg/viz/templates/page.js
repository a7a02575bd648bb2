// The kg actor-network page. Data comes from the JSON block #kg-data; every
// string from it reaches the page through textContent, never innerHTML, so
// article text cannot become markup.
//
// The layout is fCoSE, run with a seeded random generator, then a pass that
// pushes overlapping nodes apart: the same data gives the same picture, and
// no two actors are drawn on top of each other. The largest component is
// drawn; the small ones are listed and drawn on demand. Actors can be folded
// into one node per country and unfolded one country at a time.
(function () {
  "use strict";
  var dom = window.kgDom, byId = dom.byId, el = dom.el, clear = dom.clear, plural = dom.plural;
  var data = dom.data();
  function shortIri(iri) { return String(iri).replace(/[\/#]+$/, "").split(/[\/#]/).pop(); }

  if (window.cytoscapeFcose) { cytoscape.use(window.cytoscapeFcose); }

  // mulberry32: a small seeded generator, so that the layout is the same on every load
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  var labels = {}, nodeById = {};
  data.nodes.forEach(function (n) { labels[n.id] = n.label; nodeById[n.id] = n; });
  var quadNames = {};
  data.legend.edges.forEach(function (item, i) { quadNames[i + 1] = item[0]; });

  var big = data.nodes.length > 1000 || data.edges.length > 3000;
  var cy = cytoscape({
    container: byId("kg-graph"),
    elements: [],
    minZoom: 0.05,
    maxZoom: 6,
    wheelSensitivity: 0.3,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": 11, "min-zoomed-font-size": 9,
        "text-valign": "bottom", "text-margin-y": 2, "color": "#222",
        "text-outline-color": "#fff", "text-outline-width": 2, "border-width": 1, "border-color": "#fff" } },
      { selector: "node.hub", style: { "font-weight": "bold", "min-zoomed-font-size": 0, "z-index": 5 } },
      { selector: "node.country", style: { "shape": "round-rectangle", "border-width": 2, "border-color": "#555",
        "background-opacity": 0.85 } },
      { selector: "edge", style: {
        "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "curve-style": big ? "straight" : "bezier",
        "width": "data(width)", "opacity": 0.8, "arrow-scale": 0.8,
        "label": "", "font-size": 9, "min-zoomed-font-size": 10,
        "text-rotation": "autorotate", "color": "#444",
        "text-outline-color": "#fff", "text-outline-width": 1.5 } },
      { selector: "edge.labelled", style: { "label": "data(label)" } },
      { selector: "node.hovered", style: { "min-zoomed-font-size": 0, "z-index": 30 } },
      { selector: "node.match", style: { "border-width": 5, "border-color": "#111", "z-index": 20, "min-zoomed-font-size": 0 } },
      { selector: ".faded", style: { "opacity": 0.15 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#111", "opacity": 1 } },
      { selector: "edge:selected", style: { "opacity": 1, "z-index": 10, "width": "mapData(width, 0, 20, 3, 22)", "label": "data(label)" } },
      { selector: ".hidden", style: { "display": "none" } }
    ]
  });
  window.kgCy = cy;

  // -- which elements are drawn: components and country folding ------------------
  var state = { all: false, folded: false, expanded: {} };
  function groupOf(id) {
    var n = nodeById[id];
    if (!state.folded || !n.country || n.country.indexOf(";") >= 0 || state.expanded[n.country]) { return id; }
    return "country:" + n.country;
  }
  function elements() {
    var nodes = {}, edges = {}, out = [];
    data.nodes.forEach(function (n) {
      if (!state.all && n.component !== 0) { return; }
      var g = groupOf(n.id);
      if (g === n.id) {
        nodes[g] = { group: "nodes", data: n, classes: n.hub ? "hub" : "" };
      } else if (!nodes[g]) {
        var code = n.country;
        nodes[g] = { group: "nodes", classes: "country hub",
          data: { id: g, label: (data.countries[code] || code), country: code, type: "country", color: "#d9d9d9",
                  size: 0, pagerank: 0, members: [], component: n.component } };
      }
      if (g !== n.id) {
        nodes[g].data.members.push(n.id);
        nodes[g].data.pagerank += n.pagerank;
        nodes[g].data.size = Math.max(nodes[g].data.size, n.size) + 2;
      }
    });
    data.edges.forEach(function (e) {
      var s = groupOf(e.source), t = groupOf(e.target);
      if (!nodes[s] || !nodes[t] || s === t) { return; }
      if (s === e.source && t === e.target) { edges[e.id] = { group: "edges", data: e }; return; }
      var key = s + "|" + t + "|" + e.type;
      if (!edges[key]) {
        edges[key] = { group: "edges", data: { id: "g" + Object.keys(edges).length + "-" + e.id, source: s, target: t,
          type: e.type, count: 0, goldstein: null, quad: e.quad, polarity: e.polarity, color: e.color, events: [], more: 0,
          parts: [] } };
      }
      var d = edges[key].data;
      d.count += e.count; d.more += e.more; d.events = d.events.concat(e.events); d.parts.push(e.id);
    });
    Object.keys(edges).forEach(function (k) {
      var d = edges[k].data;
      if (d.parts) {
        d.label = d.count === 1 ? d.type : d.type + " \u00d7" + d.count;
        d.width = Math.round((1.5 + 1.5 * Math.log2(d.count)) * 100) / 100;
        d.shown = d.count;
      }
    });
    Object.keys(nodes).forEach(function (k) { out.push(nodes[k]); });
    Object.keys(edges).sort().forEach(function (k) { out.push(edges[k]); });
    return out;
  }

  // -- layout: seeded fCoSE, then overlaps pushed apart ----------------------------
  // push apart what overlaps: node discs, and the labels of the hubs (drawn at every zoom)
  function separate() {
    var boxes = cy.nodes().not(".hidden").map(function (n) {
      var p = n.position(), r = n.data("size") / 2 + 6, box = { n: n, x: p.x, y: p.y, w: r, up: r, down: r };
      if (n.hasClass("hub")) {
        var b = n.boundingBox({ includeLabels: true, includeOverlays: false });
        box.w = Math.max(r, (b.x2 - b.x1) / 2 + 2);
        box.down = Math.max(r, b.y2 - p.y + 2);
      }
      return box;
    });
    for (var round = 0; round < 80; round++) {
      var moved = false;
      for (var i = 0; i < boxes.length; i++) {
        for (var j = i + 1; j < boxes.length; j++) {
          var a = boxes[i], b = boxes[j];
          var ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x - a.w, b.x - b.w);
          var oy = Math.min(a.y + a.down, b.y + b.down) - Math.max(a.y - a.up, b.y - b.up);
          if (ox <= 0 || oy <= 0) { continue; }
          moved = true;
          if (ox < oy) {
            var sx = (a.x < b.x || (a.x === b.x && i % 2) ? -1 : 1) * (ox / 2 + 0.5);
            a.x += sx; b.x -= sx;
          } else {
            var sy = (a.y < b.y || (a.y === b.y && j % 2) ? -1 : 1) * (oy / 2 + 0.5);
            a.y += sy; b.y -= sy;
          }
        }
      }
      if (!moved) { break; }
    }
    cy.batch(function () { boxes.forEach(function (p) { p.n.position({ x: p.x, y: p.y }); }); });
  }
  function runLayout(done) {
    var visible = cy.elements().not(".hidden");
    var options;
    if (data.layout === "concentric" || visible.nodes().length > 1500 || !window.cytoscapeFcose) {
      var top = data.nodes.reduce(function (m, n) { return Math.max(m, n.pagerank); }, 0) || 1;
      options = { name: "concentric", animate: false, fit: false, padding: 30, minNodeSpacing: 6,
                  concentric: function (n) { return n.data("pagerank"); }, levelWidth: function () { return top / 8; } };
    } else {
      options = { name: "fcose", quality: "proof", randomize: true, animate: false, fit: false, padding: 30,
        nodeDimensionsIncludeLabels: false, uniformNodeDimensions: false, packComponents: true,
        nodeRepulsion: function (n) { return 9000 + 120 * n.data("size") * n.data("size"); },
        idealEdgeLength: function (e) { return 70 + (e.source().data("size") + e.target().data("size")) / 2; },
        edgeElasticity: function () { return 0.35; }, nestingFactor: 0.1, gravity: 0.2,
        numIter: 2500, tile: true, tilingPaddingVertical: 20, tilingPaddingHorizontal: 20,
        nodeSeparation: 90, sampleSize: 25 };
    }
    var random = Math.random;
    Math.random = seeded(data.seed || 7);
    try {
      visible.layout(options).run();
    } finally {
      Math.random = random;
    }
    // labels are sized for the zoom the fit gives; separate with those sizes, then fit again
    for (var pass = 0; pass < 2; pass++) {
      cy.fit(cy.elements().not(".hidden"), 30);
      if (cy.zoom() > 1.6) { cy.zoom(1.6); cy.center(); }
      scaleLabels();
      separate();
    }
    cy.fit(cy.elements().not(".hidden"), 30);
    if (cy.zoom() > 1.6) { cy.zoom(1.6); cy.center(); }
    scaleLabels();
    if (done) { done(); }
  }
  function redraw() {
    cy.elements().remove();
    cy.add(elements());
    applyFilters();
    runLayout(function () { window.kgLayouts = (window.kgLayouts || 0) + 1; });
    clear(panel);
    panel.appendChild(el("p", "Click an edge to read the sentences behind it, or an actor for its details.", "small"));
  }

  // labels of the hubs keep a readable size on screen at every zoom
  function scaleLabels() {
    var z = cy.zoom();
    cy.batch(function () {
      cy.nodes(".hub").style("font-size", Math.max(11, 12 / z));
    });
  }
  cy.on("zoom", scaleLabels);

  // -- header, legend, filters -------------------------------------------------------
  if (data.notice) { var notice = byId("kg-notice"); notice.textContent = data.notice; notice.hidden = false; }
  var legend = byId("kg-legend");
  legend.appendChild(el("p", "Actors by " + data.legend.color_by + ", sized by PageRank", "small"));
  data.legend.nodes.forEach(function (item) {
    var row = el("div", null, "legend-row");
    var swatch = el("span", null, "swatch"); swatch.style.background = item[1];
    row.appendChild(swatch); row.appendChild(document.createTextNode(item[0] || "other"));
    legend.appendChild(row);
  });
  legend.appendChild(el("p", "Edges by CAMEO quad class (most of their events)", "small"));
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
    var folded = data.components.length && !state.all ? "; " + plural(data.components.length, "small group") + " listed on the left" : "";
    byId("kg-status").textContent = nodes + " of " + data.total_nodes + " actors, " + edges.length +
      " edges (" + events + " events) shown" + folded;
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
  byId("kg-from").addEventListener("change", applyFilters);
  byId("kg-to").addEventListener("change", applyFilters);
  typeBox.addEventListener("change", applyFilters);
  function setAll(checked) {
    typeBox.querySelectorAll("input").forEach(function (box) { box.checked = checked; });
    applyFilters();
  }
  byId("kg-types-all").addEventListener("click", function () { setAll(true); });
  byId("kg-types-none").addEventListener("click", function () { setAll(false); });

  // -- small components and countries --------------------------------------------------
  var groups = byId("kg-groups");
  if (!data.components.length) {
    groups.appendChild(el("p", "All actors are connected.", "small"));
  } else {
    var list = el("ol", null, "groups");
    data.components.slice(0, 200).forEach(function (c) {
      var item = el("li");
      var link = el("a", c.label, "link");
      link.href = "#";
      link.addEventListener("click", function (event) { event.preventDefault(); showGroup(c); });
      item.appendChild(link);
      item.appendChild(el("span", " (" + plural(c.events, "event") + ")", "small"));
      list.appendChild(item);
    });
    groups.appendChild(list);
    if (data.components.length > 200) { groups.appendChild(el("p", "and " + (data.components.length - 200) + " more", "small")); }
  }
  byId("kg-all").addEventListener("change", function (event) { state.all = event.target.checked; redraw(); });
  byId("kg-fold").addEventListener("change", function (event) {
    state.folded = event.target.checked; state.expanded = {}; redraw();
  });

  // -- search: select and highlight, never zoom onto a pile -------------------------
  var matches = cy.collection();
  function search() {
    var term = byId("kg-search").value.trim().toLowerCase();
    cy.batch(function () {
      cy.elements(".faded").removeClass("faded");
      matches.removeClass("match");
      cy.elements(":selected").unselect();
      matches = cy.collection();
      if (!term) { return; }
      matches = cy.nodes().filter(function (n) {
        if (String(n.data("label")).toLowerCase().indexOf(term) >= 0) { return true; }
        return (n.data("members") || []).some(function (m) { return labels[m].toLowerCase().indexOf(term) >= 0; });
      });
      matches.addClass("match");
      matches.select();
      if (!big) { cy.elements().not(matches.closedNeighborhood()).addClass("faded"); }
    });
    var hidden = data.nodes.filter(function (n) {
      return n.label.toLowerCase().indexOf(term) >= 0 && cy.getElementById(n.id).empty() && !cy.getElementById(groupOf(n.id)).nonempty();
    }).length;
    byId("kg-search-status").textContent = term ? plural(matches.length, "matching actor") + " highlighted" +
      (hidden ? "; " + hidden + " more in the small groups" : "") + (matches.length ? " (Enter: details of the first)" : "") : "";
  }
  byId("kg-search").addEventListener("input", search);
  byId("kg-search").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && matches.length) {
      var first = matches[0];
      cy.center(first);
      showNode(first);
    }
  });

  // -- details panel ---------------------------------------------------------------------
  var panel = byId("kg-panel");
  function addPair(dl, name, value) {
    if (value === undefined || value === null || value === "") { return; }
    dl.appendChild(el("dt", name)); dl.appendChild(el("dd", value));
  }
  function eventBox(ev) {
    var box = el("div", null, "event");
    var meta = [ev.date || "no date"];
    if (ev.quad) { meta.push(quadNames[ev.quad]); }
    if (ev.cameo) { meta.push("CAMEO " + ev.cameo); }
    if (ev.negated) { meta.push("negated"); }
    if (ev.claimed) {
      meta.push("claimed" + (ev.claimed_by.length ? " by " + ev.claimed_by.map(function (a) { return labels[a] || shortIri(a); }).join(", ") : ""));
    } else { meta.push("reported"); }
    box.appendChild(el("div", meta.join(" \u00b7 "), "meta"));
    box.appendChild(el("blockquote", ev.evidence || "(no evidence sentence)", "evidence"));
    if (ev.article) {
      var source = dom.source(ev.title || shortIri(ev.article), ev.url);
      if (ev.published) { source.appendChild(document.createTextNode(" \u00b7 " + ev.published)); }
      box.appendChild(source);
    }
    return box;
  }
  function showEvents(edges) {
    var r = range();
    edges.forEach(function (edge) {
      var d = edge.data ? edge.data() : edge;
      var events = edge.data ? shownEvents(edge, r) : d.events;
      if (edges.length > 1) { panel.appendChild(el("h3", (labels[d.source] || d.source) + " \u2192 " + (labels[d.target] || d.target) + ": " + d.type)); }
      if (events.length < d.events.length) {
        panel.appendChild(el("p", (d.events.length - events.length) + " events outside the date range are not listed.", "small"));
      }
      events.forEach(function (ev) { panel.appendChild(eventBox(ev)); });
      if (d.more) { panel.appendChild(el("p", "and " + d.more + " more events not listed", "small")); }
    });
  }
  function nameOf(id) {
    var node = cy.getElementById(id);
    return node.nonempty() ? node.data("label") : (labels[id] || shortIri(id));
  }
  function showEdge(edge) {
    var d = edge.data();
    clear(panel);
    panel.appendChild(el("h2", nameOf(d.source) + " \u2192 " + nameOf(d.target)));
    var dl = el("dl");
    addPair(dl, "event type", d.type);
    addPair(dl, "events", d.count);
    addPair(dl, "quad class", d.quad ? quadNames[d.quad] : "unknown");
    if (d.goldstein !== null && d.goldstein !== undefined) { addPair(dl, "mean Goldstein", d.goldstein); }
    panel.appendChild(dl);
    showEvents([edge]);
  }
  function showNode(node) {
    var d = node.data();
    clear(panel);
    panel.appendChild(el("h2", d.label));
    var dl = el("dl");
    if (d.members) {
      addPair(dl, "actors", d.members.map(function (m) { return labels[m]; }).join(", "));
      panel.appendChild(dl);
      var button = el("button", "Unfold " + d.label, "");
      button.type = "button"; button.id = "kg-unfold";
      button.addEventListener("click", function () { state.expanded[d.country] = true; redraw(); });
      panel.appendChild(button);
      return;
    }
    addPair(dl, "type", d.type);
    addPair(dl, "country", d.country ? (data.countries[d.country] || d.country) : "");
    addPair(dl, "sector", d.sector);
    addPair(dl, "PageRank", d.pagerank);
    addPair(dl, "events out / in", node.outgoers("edge").reduce(function (s, e) { return s + e.data("count"); }, 0) +
      " / " + node.incomers("edge").reduce(function (s, e) { return s + e.data("count"); }, 0));
    Object.keys(d.metrics || {}).forEach(function (name) { addPair(dl, name, d.metrics[name]); });
    addPair(dl, "IRI", d.id);
    panel.appendChild(dl);
    if (state.folded && d.country && state.expanded[d.country]) {
      var fold = el("button", "Fold " + (data.countries[d.country] || d.country) + " again", "");
      fold.type = "button";
      fold.addEventListener("click", function () { delete state.expanded[d.country]; redraw(); });
      panel.appendChild(fold);
    }
  }
  function showGroup(component) {
    clear(panel);
    panel.appendChild(el("h2", component.label));
    var edges = data.edges.filter(function (e) { return component.nodes.indexOf(e.source) >= 0; });
    panel.appendChild(el("p", plural(component.nodes.length, "actor") + ", " + plural(component.events, "event") +
      "; not connected to the main network.", "small"));
    showEvents(edges);
  }
  function select(ele) { cy.elements(":selected").unselect(); ele.select(); }
  cy.on("tap", "edge", function (event) { select(event.target); showEdge(event.target); });
  cy.on("tap", "node", function (event) { select(event.target); showNode(event.target); });
  cy.on("mouseover", "edge", function (event) { event.target.addClass("labelled"); });
  cy.on("mouseover", "node", function (event) { event.target.addClass("hovered"); });
  cy.on("mouseout", "node", function (event) { event.target.removeClass("hovered"); });
  cy.on("mouseout", "edge", function (event) { event.target.removeClass("labelled"); });

  // -- first drawing -------------------------------------------------------------------
  cy.add(elements());
  applyFilters();
  runLayout(function () {
    status();
    window.kgReady = true;
    document.body.setAttribute("data-ready", "true");
    document.body.setAttribute("data-nodes", String(cy.nodes().length));
    document.body.setAttribute("data-edges", String(cy.edges().length));
  });
})();
