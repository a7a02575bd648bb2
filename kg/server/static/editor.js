/* The query editor: CodeMirror 5 with SPARQL highlighting, bracket matching,
 * Ctrl-Enter to run, and completion (Ctrl-Space, or on typing "prefix:") of
 * prefixes, ontology terms, keywords and library query names ("#name" puts
 * that query in the editor). window.kgEditor is the CodeMirror instance. */
"use strict";
(function () {
  const area = document.getElementById("editor");
  const words = JSON.parse(document.getElementById("editor-words").textContent);
  const library = [];
  window.kgLibraryNames = library;

  function runQuery() { document.getElementById("run").click(); }

  function hint(cm) {
    const cursor = cm.getCursor();
    const line = cm.getLine(cursor.line);
    let start = cursor.ch;
    while (start > 0 && /[\w:#\-]/.test(line.charAt(start - 1))) { start -= 1; }
    const typed = line.slice(start, cursor.ch);
    const lower = typed.toLowerCase();
    let list = [];
    if (typed.startsWith("#")) {
      list = library.filter((q) => q.name.startsWith(typed.slice(1).toLowerCase()) || q.title.toLowerCase().includes(typed.slice(1).toLowerCase()))
        .map((q) => ({ text: "", displayText: "#" + q.name + " \u2014 " + q.title,
                       hint: () => window.kgLoadLibraryQuery(q.name) }));
    } else {
      const candidates = words.terms.concat(Object.keys(words.prefixes).map((p) => p + ":"), words.keywords);
      list = candidates.filter((w) => w.toLowerCase().startsWith(lower) && w !== typed).slice(0, 60);
      if (!typed) { list = list.slice(0, 0); }
    }
    return { list: list, from: CodeMirror.Pos(cursor.line, start), to: CodeMirror.Pos(cursor.line, cursor.ch) };
  }

  const editor = CodeMirror.fromTextArea(area, {
    mode: "application/sparql-query",
    lineNumbers: true,
    matchBrackets: true,
    indentUnit: 2,
    viewportMargin: Infinity,
    extraKeys: {
      "Ctrl-Enter": runQuery,
      "Cmd-Enter": runQuery,
      "Ctrl-Space": (cm) => cm.showHint({ hint: hint, completeSingle: false }),
    },
  });
  editor.on("inputRead", (cm, change) => {
    if (change.text.length === 1 && /^[:#]$/.test(change.text[0])) {
      cm.showHint({ hint: hint, completeSingle: false });
    }
  });
  window.kgEditor = editor;
  window.kgSetLibrary = (queries) => { library.length = 0; queries.forEach((q) => library.push(q)); };
})();
