/* Draw a small node-link graph with the vendored Cytoscape.js.
 * data = {nodes: [{id, label, path, focus}], edges: [{id, source, target, label}]}
 * Nodes with a path link to their entity page. */
"use strict";
window.kgDrawGraph = function (container, data) {
  container.hidden = false;
  const elements = [];
  for (const node of data.nodes) {
    elements.push({ data: { id: node.id, label: node.label, path: node.path || "", focus: node.focus || "" } });
  }
  for (const edge of data.edges) {
    elements.push({ data: { id: edge.id, source: edge.source, target: edge.target, label: edge.label } });
  }
  const cy = window.cytoscape({
    container: container,
    elements: elements,
    layout: { name: data.nodes.length > 60 ? "grid" : "cose", animate: false, randomize: false },
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 10, "background-color": "#4a6fa5",
          "text-valign": "bottom", "text-halign": "center", "width": 14, "height": 14, "color": "#222" } },
      { selector: "node[focus = 'yes']", style: { "background-color": "#c0392b", "width": 22, "height": 22 } },
      { selector: "edge", style: { "label": "data(label)", "font-size": 8, "width": 1, "line-color": "#999",
          "target-arrow-shape": "triangle", "target-arrow-color": "#999", "curve-style": "bezier",
          "color": "#555", "text-rotation": "autorotate" } }
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
