/* The query page: library, editor, results table with paging and downloads, labels in
 * place of IRIs, a chart for two columns of which the second is numeric, a graph for
 * CONSTRUCT, and a link that opens the query (/?query=...).
 * Every value from the server is written with textContent, never as HTML. */
"use strict";
(function () {
  const ID_BASE = "https://w3id.org/conflict-kg/id/";
  const PAGE_SIZE = 25;
  const $ = (id) => document.getElementById(id);
  const state = { library: [], vars: [], rows: [], page: 0, raw: "", kind: "", labels: {} };
  const editorText = () => (window.kgEditor ? window.kgEditor.getValue() : $("editor").value);
  const setEditorText = (text) => { if (window.kgEditor) { window.kgEditor.setValue(text); } else { $("editor").value = text; } };

  function authHeaders(extra) {
    const headers = Object.assign({}, extra || {});
    const token = sessionStorage.getItem("kg-token");
    if (token) { headers["Authorization"] = "Bearer " + token; }
    return headers;
  }

  async function errorMessage(response) {
    if (response.status === 401) { $("token-box").hidden = false; }
    try {
      const body = await response.json();
      return body.error.message;
    } catch (e) {
      return "HTTP " + response.status;
    }
  }

  function setStatus(text, isError) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "";
  }

  async function loadLibrary() {
    const response = await fetch("/api/queries", { headers: authHeaders() });
    if (!response.ok) { setStatus(await errorMessage(response), true); return; }
    state.library = await response.json();
    if (window.kgSetLibrary) { window.kgSetLibrary(state.library); }
    const select = $("query-select");
    for (const query of state.library) {
      const option = document.createElement("option");
      option.value = query.name;
      option.textContent = query.title || query.name;
      select.appendChild(option);
    }
  }

  function showQuery() {
    const query = state.library.find((q) => q.name === $("query-select").value);
    const form = $("param-form");
    form.replaceChildren();
    $("query-description").textContent = query ? query.description : "";
    $("load-query").disabled = !query;
    if (!query) { return; }
    for (const param of query.params) {
      const row = document.createElement("div");
      const label = document.createElement("label");
      label.htmlFor = "param-" + param.name;
      label.textContent = param.name + (param.required ? " (required)" : "");
      const input = document.createElement("input");
      input.id = "param-" + param.name;
      input.name = param.name;
      input.placeholder = param.default !== null ? param.default : param.type;
      input.title = param.description;
      const help = document.createElement("span");
      help.className = "description";
      help.textContent = " " + param.description;
      row.append(label, input, help);
      form.appendChild(row);
    }
  }

  async function loadQuery() {
    const name = $("query-select").value;
    const params = new URLSearchParams();
    for (const input of $("param-form").querySelectorAll("input")) {
      if (input.value !== "") { params.append(input.name, input.value); }
    }
    const response = await fetch("/api/queries/" + encodeURIComponent(name) + "?" + params, { headers: authHeaders() });
    if (!response.ok) { setStatus(await errorMessage(response), true); return false; }
    setEditorText((await response.json()).text);
    setStatus("", false);
    return true;
  }

  // "#name" completion in the editor: the library query with its defaults
  window.kgLoadLibraryQuery = async function (name) {
    const response = await fetch("/api/queries/" + encodeURIComponent(name), { headers: authHeaders() });
    if (!response.ok) { setStatus(await errorMessage(response), true); return; }
    setEditorText((await response.json()).text);
  };

  function cell(term) {
    const td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri" && term.value.startsWith(ID_BASE)) {
      const a = document.createElement("a");
      a.href = "/entity/" + term.value.slice(ID_BASE.length);
      a.textContent = state.labels[term.value] || term.value.slice(ID_BASE.length);
      a.title = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.type === "uri" && state.labels[term.value] ? state.labels[term.value] : term.value;
      if (term.type === "uri") { td.title = term.value; }
    }
    return td;
  }

  // labels (or titles) of the IRIs in the results, shown in their place
  async function fetchLabels(rows, vars) {
    const iris = new Set();
    for (const row of rows) {
      for (const name of vars) {
        const term = row[name];
        if (term && term.type === "uri" && iris.size < 500 && /^[^<>"{}|\\^`\s]+$/.test(term.value)) { iris.add(term.value); }
      }
    }
    if (!iris.size) { return {}; }
    const values = Array.from(iris).map((iri) => "<" + iri + ">").join(" ");
    const query = "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " + values +
      " } { ?s rdfs:label ?l } UNION { ?s dcterms:title ?l } } GROUP BY ?s";
    const response = await fetch("/sparql", {
      method: "POST",
      headers: authHeaders({ "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" }),
      body: query
    });
    if (!response.ok) { return {}; }
    const labels = {};
    for (const row of (await response.json()).results.bindings) { labels[row.s.value] = row.label.value; }
    return labels;
  }

  // two columns, the second numeric: a bar chart above the table
  function drawChart() {
    const box = $("chart");
    box.replaceChildren();
    box.hidden = true;
    if (state.kind !== "select" || state.vars.length !== 2 || !state.rows.length) { return; }
    const [nameVar, valueVar] = state.vars;
    const numbers = state.rows.map((row) => row[valueVar] ? Number(row[valueVar].value) : NaN);
    if (numbers.some((n) => !Number.isFinite(n))) { return; }
    const rows = state.rows.slice(0, 40);
    const top = Math.max(...numbers.slice(0, 40).map(Math.abs), 1);
    const SVG = "http://www.w3.org/2000/svg";
    const height = 20 * rows.length + 10;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 800 " + height);
    svg.setAttribute("id", "chart-svg");
    rows.forEach((row, i) => {
      const term = row[nameVar];
      const name = term ? (state.labels[term.value] || term.value) : "";
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("x", "245"); label.setAttribute("y", String(20 * i + 19)); label.setAttribute("text-anchor", "end");
      label.textContent = name.length > 38 ? name.slice(0, 37) + "\u2026" : name;
      const bar = document.createElementNS(SVG, "rect");
      const width = 480 * Math.abs(numbers[i]) / top;
      bar.setAttribute("x", "250"); bar.setAttribute("y", String(20 * i + 6));
      bar.setAttribute("width", String(Math.max(1, width))); bar.setAttribute("height", "15");
      bar.setAttribute("class", numbers[i] < 0 ? "bar negative" : "bar");
      const value = document.createElementNS(SVG, "text");
      value.setAttribute("x", String(255 + width)); value.setAttribute("y", String(20 * i + 19));
      value.textContent = String(numbers[i]);
      svg.append(label, bar, value);
    });
    box.appendChild(svg);
    box.hidden = false;
  }

  function renderTable() {
    const table = $("results");
    table.replaceChildren();
    const head = document.createElement("tr");
    for (const name of state.vars) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    }
    table.appendChild(head);
    const start = state.page * PAGE_SIZE;
    for (const row of state.rows.slice(start, start + PAGE_SIZE)) {
      const tr = document.createElement("tr");
      for (const name of state.vars) { tr.appendChild(cell(row[name])); }
      table.appendChild(tr);
    }
    const total = state.rows.length;
    const last = Math.min(start + PAGE_SIZE, total);
    $("page-info").textContent = total ? `rows ${start + 1}–${last} of ${total}` : "no rows";
    $("prev").disabled = state.page === 0;
    $("next").disabled = last >= total;
    $("download-csv").disabled = state.kind !== "select";
    $("download-json").disabled = !state.raw;
  }

  function parseNTriples(text) {
    const term = String.raw`(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?)`;
    const line = new RegExp("^" + term + String.raw`\s+` + term + String.raw`\s+` + term + String.raw`\s*\.\s*$`);
    const unwrap = (t) => t.startsWith("<") ? { type: "uri", value: t.slice(1, -1) }
      : t.startsWith("_:") ? { type: "bnode", value: t }
      : { type: "literal", value: JSON.parse(t.slice(0, t.lastIndexOf('"') + 1)) };
    const triples = [];
    for (const raw of text.split("\n")) {
      const match = line.exec(raw.trim());
      if (match) { triples.push([unwrap(match[1]), unwrap(match[2]), unwrap(match[3])]); }
    }
    return triples;
  }

  function shortName(term) {
    const value = term.value;
    const cut = Math.max(value.lastIndexOf("/"), value.lastIndexOf("#"));
    return term.type === "uri" && cut >= 0 && cut < value.length - 1 ? value.slice(cut + 1) : value;
  }

  function drawTriples(triples) {
    const nodes = new Map();
    const edges = [];
    const node = (term) => {
      const id = term.type === "literal" ? "literal:" + term.value : term.value;
      if (!nodes.has(id)) {
        const path = term.type === "uri" && term.value.startsWith(ID_BASE) ? "/entity/" + term.value.slice(ID_BASE.length) : "";
        nodes.set(id, { id: id, label: shortName(term).slice(0, 40), path: path, focus: "" });
      }
      return id;
    };
    triples.slice(0, 500).forEach((t, i) => {
      edges.push({ id: "e" + i, source: node(t[0]), target: node(t[2]), label: shortName(t[1]) });
    });
    window.kgDrawGraph($("graph"), { nodes: Array.from(nodes.values()), edges: edges });
  }

  async function run() {
    setStatus("running…", false);
    $("notice").hidden = true;
    $("graph").hidden = true;
    const response = await fetch("/sparql", {
      method: "POST",
      headers: authHeaders({
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9"
      }),
      body: editorText()
    });
    if (!response.ok) {
      setStatus(await errorMessage(response), true);
      return;
    }
    state.raw = await response.text();
    state.page = 0;
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("application/n-triples")) {
      const triples = parseNTriples(state.raw);
      state.kind = "graph";
      state.vars = ["subject", "predicate", "object"];
      state.rows = triples.map((t) => ({ subject: t[0], predicate: t[1], object: t[2] }));
      drawTriples(triples);
    } else {
      const body = JSON.parse(state.raw);
      if ("boolean" in body) {
        state.kind = "ask";
        state.vars = ["answer"];
        state.rows = [{ answer: { type: "literal", value: String(body.boolean) } }];
      } else {
        state.kind = "select";
        state.vars = body.head.vars;
        state.rows = body.results.bindings;
      }
    }
    if (response.headers.get("X-KG-Truncated") === "true") {
      $("notice").textContent = `Only the first ${response.headers.get("X-KG-Max-Rows")} results are shown: the server caps results. Add LIMIT/OFFSET or narrow the query.`;
      $("notice").hidden = false;
    }
    setStatus(`${state.rows.length} result(s)`, false);
    state.labels = state.kind === "select" ? await fetchLabels(state.rows, state.vars) : {};
    renderTable();
    drawChart();
  }

  function shareLink() {
    const url = new URL(window.location.href);
    url.search = "?" + new URLSearchParams({ query: editorText() }).toString();
    url.hash = "";
    $("share-link").href = url.toString();
    $("share-link").textContent = url.toString().length > 120 ? url.toString().slice(0, 117) + "\u2026" : url.toString();
    $("share-box").hidden = false;
    window.history.replaceState(null, "", url.toString());
  }

  function download(name, type, text) {
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function toCsv() {
    const quote = (v) => /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    const lines = [state.vars.map(quote).join(",")];
    for (const row of state.rows) {
      lines.push(state.vars.map((name) => quote(row[name] ? row[name].value : "")).join(","));
    }
    return lines.join("\r\n") + "\r\n";
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("query-select").addEventListener("change", showQuery);
    $("load-query").addEventListener("click", loadQuery);
    $("run").addEventListener("click", () => run().catch((e) => setStatus(String(e), true)));
    $("share").addEventListener("click", shareLink);
    $("prev").addEventListener("click", () => { state.page -= 1; renderTable(); });
    $("next").addEventListener("click", () => { state.page += 1; renderTable(); });
    $("download-csv").addEventListener("click", () => download("results.csv", "text/csv", toCsv()));
    $("download-json").addEventListener("click", () => download(
      state.kind === "graph" ? "results.nt" : "results.json",
      state.kind === "graph" ? "application/n-triples" : "application/json", state.raw));
    $("token-save").addEventListener("click", () => {
      const token = $("token").value;
      sessionStorage.setItem("kg-token", token);
      document.cookie = "kg_token=" + encodeURIComponent(token) + "; path=/; SameSite=Strict";
      $("token-box").hidden = true;
      loadLibrary();
    });
    loadLibrary().catch((e) => setStatus(String(e), true));
    // a shared link: /?query=... opens the query and runs it
    const shared = new URLSearchParams(window.location.search).get("query");
    if (shared) {
      setEditorText(shared);
      run().catch((e) => setStatus(String(e), true));
    }
  });
})();
