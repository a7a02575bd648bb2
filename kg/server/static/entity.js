/* Entity page: draw the neighbourhood graph from the JSON the server embedded. */
"use strict";
(function () {
  const source = document.getElementById("graph-data");
  const container = document.getElementById("graph");
  if (source && container) {
    window.kgDrawGraph(container, JSON.parse(source.textContent));
  }
})();
