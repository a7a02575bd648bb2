// Helpers shared by kg's pages (network, timeline, map): DOM building through
// textContent only, so text from the data never becomes markup.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  window.kgDom = {
    byId: function (id) { return document.getElementById(id); },
    el: function (tag, text, cls) {
      var node = document.createElement(tag);
      if (text !== undefined && text !== null) { node.textContent = String(text); }
      if (cls) { node.className = cls; }
      return node;
    },
    svg: function (tag, attrs, parent) {
      var node = document.createElementNS(SVG, tag);
      Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
      if (parent) { parent.appendChild(node); }
      return node;
    },
    clear: function (node) { while (node.firstChild) { node.removeChild(node.firstChild); } },
    plural: function (n, word) { return n + " " + word + (n === 1 ? "" : "s"); },
    data: function () { return JSON.parse(document.getElementById("kg-data").textContent); },
    // a link to an article when its URL is http(s), else its title as text
    source: function (title, url, cls) {
      var box = window.kgDom.el("div", null, cls || "article");
      if (url && /^https?:\/\//.test(url)) {
        var a = window.kgDom.el("a", title || url); a.href = url; a.rel = "noreferrer noopener"; a.target = "_blank";
        box.appendChild(a);
      } else if (title) {
        box.appendChild(window.kgDom.el("span", title, "title"));
      }
      return box;
    }
  };
})();
