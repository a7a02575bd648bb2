/* Draw a small node-link graph with the vendored Cytoscape.js.
 * data = {nodes: [{id, label, path, focus}], edges: [{id, source, target, label, color}]}
 * Nodes with a path link to their entity page. The layout is concentric around
 * the focus (the page's resource), so the same data gives the same picture. */
"use strict";
window.kgDrawGraph = function (container, data) {
  container.hidden = false;
  const elements = [];
  for (const node of data.nodes) {
    elements.push({ data: { id: node.id, label: node.label, path: node.path || "", focus: node.focus || "" } });
  }
  for (const edge of data.edges) {
    elements.push({ data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label,
                            color: edge.color || "#999" } });
  }
  const focused = data.nodes.some((n) => n.focus === "yes");
  const layout = focused
    ? { name: "concentric", animate: false, padding: 20, minNodeSpacing: 40,
        concentric: (n) => (n.data("focus") === "yes" ? 2 : 1), levelWidth: () => 1 }
    : (data.nodes.length > 60 ? { name: "grid", animate: false } : { name: "cose", animate: false, randomize: false });
  const cy = window.cytoscape({
    container: container,
    elements: elements,
    layout: layout,
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 12, "background-color": "#4a6fa5",
          "text-valign": "bottom", "text-halign": "center", "width": 14, "height": 14, "color": "#222",
          "text-outline-color": "#fff", "text-outline-width": 1.5 } },
      { selector: "node[focus = 'yes']", style: { "background-color": "#23395d", "width": 24, "height": 24,
          "font-weight": "bold", "font-size": 12 } },
      { selector: "edge", style: { "label": "data(label)", "font-size": 8, "width": 1.5, "line-color": "data(color)",
          "target-arrow-shape": "triangle", "target-arrow-color": "data(color)", "curve-style": "bezier",
          "color": "#555", "text-rotation": "autorotate", "text-outline-color": "#fff", "text-outline-width": 1 } }
    ]
  });
  cy.on("tap", "node", function (event) {
    const path = event.target.data("path");
    if (path) { window.location.assign(path); }
  });
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  return cy;
};
