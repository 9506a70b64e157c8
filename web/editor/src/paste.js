// Cleaning of pasted HTML before the schema reads it. The schema alone drops fonts,
// colours, classes and spans; this turns Word's list paragraphs into real lists and
// removes what Word and Google Docs add around the text.
export function cleanPastedHTML(html) {
  // Style elements and attributes are taken out of the text before it is parsed: the
  // page's Content-Security-Policy refuses inline styles even in a parsed copy. What a
  // style attribute says about emphasis is kept aside in data-nd-style.
  html = html.replace(/<style[\s\S]*?<\/style\s*>/gi, "")
    .replace(/(<[a-z][^>]*?\s)style\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "$1data-nd-style=$2");
  const doc = new DOMParser().parseFromString(html, "text/html");
  const body = doc.body;
  // Word's conditional comments, Office namespaced tags (<o:p>), styles and scripts.
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) { comments.push(walker.currentNode); }
  comments.forEach(c => c.remove());
  body.querySelectorAll("style, script, meta, link, title, xml").forEach(n => n.remove());
  body.querySelectorAll("*").forEach(n => {
    if (n.tagName.indexOf(":") >= 0) { n.replaceWith.apply(n, Array.from(n.childNodes)); }
  });
  wordLists(doc, body);
  // Word's list bullets and numbers are text in spans marked mso-list:Ignore.
  body.querySelectorAll("span").forEach(s => {
    if (/mso-list:\s*ignore/i.test(s.getAttribute("data-nd-style") || "")) { s.remove(); }
  });
  // Google Docs wraps everything in <b style="font-weight:normal" id="docs-internal-guid-…">.
  body.querySelectorAll("b[id^='docs-internal-guid']").forEach(b => {
    b.replaceWith.apply(b, Array.from(b.childNodes));
  });
  semanticStyles(doc, body);
  return body.innerHTML;
}

// semanticStyles turns the styles that mean emphasis (bold, italic, struck through) into
// elements and removes every style attribute: the page's Content-Security-Policy forbids
// inline styles, and the story keeps none.
function semanticStyles(doc, body) {
  body.querySelectorAll("[data-nd-style]").forEach(el => {
    const style = el.getAttribute("data-nd-style").toLowerCase();
    const prop = name => { const m = new RegExp("(?:^|;)\\s*" + name + "\\s*:\\s*([^;]+)").exec(style); return m ? m[1].trim() : ""; };
    const weight = prop("font-weight");
    el.removeAttribute("data-nd-style");
    if ((el.tagName === "B" || el.tagName === "STRONG") && (weight === "normal" || weight === "400")) {
      el.replaceWith.apply(el, Array.from(el.childNodes));
      return;
    }
    const wrap = [];
    if (/^(bold|bolder|[6-9]00)$/.test(weight) && !el.closest("h1,h2,h3,h4,h5,h6,strong,b")) { wrap.push("strong"); }
    if (prop("font-style") === "italic" && !el.closest("em,i")) { wrap.push("em"); }
    if ((prop("text-decoration") + prop("text-decoration-line")).indexOf("line-through") >= 0) { wrap.push("s"); }
    for (const tag of wrap) {
      const w = doc.createElement(tag);
      while (el.firstChild) { w.appendChild(el.firstChild); }
      el.appendChild(w);
    }
  });
}

// wordLists groups Word's consecutive list paragraphs (class MsoListParagraph… or a
// mso-list style) into <ul>/<ol>, nesting by their level.
function wordLists(doc, body) {
  const paras = Array.from(body.querySelectorAll("p"));
  let stack = []; // open lists, one per level
  let last = null, lastID = null;
  for (const p of paras) {
    const style = p.getAttribute("data-nd-style") || "";
    const m = /mso-list:\s*(\S+)\s+level(\d+)/i.exec(style);
    const isList = m || /MsoListParagraph/i.test(p.className || "");
    if (!isList) { stack = []; last = null; continue; }
    const listID = m ? m[1] : "";
    // A new list starts after anything else, and where Word starts another list.
    if ((last && p.previousElementSibling !== last) || listID !== lastID) { stack = []; }
    lastID = listID;
    const level = m ? parseInt(m[2], 10) : 1;
    let ordered = false;
    p.querySelectorAll("span").forEach(s => {
      if (/mso-list:\s*ignore/i.test(s.getAttribute("data-nd-style") || "")) {
        ordered = ordered || /^\(?[0-9a-zA-Z]{1,4}[.)]/.test(s.textContent.trim());
        s.remove();
      }
    });
    while (stack.length > level) { stack.pop(); }
    while (stack.length < level) {
      const list = doc.createElement(ordered ? "ol" : "ul");
      if (stack.length) {
        const parentList = stack[stack.length - 1];
        const li = parentList.lastElementChild || parentList.appendChild(doc.createElement("li"));
        li.appendChild(list);
      } else {
        p.before(list);
      }
      stack.push(list);
    }
    const text = p.textContent.trim();
    const li = doc.createElement("li");
    while (p.firstChild) { li.appendChild(p.firstChild); }
    stack[stack.length - 1].appendChild(li);
    const marker = p;
    last = marker;
    // Keep the paragraph in place (empty) so the next one can tell it follows a list item.
    marker.textContent = "";
    if (!text) { li.remove(); }
  }
  paras.forEach(p => { if (!p.textContent && !p.children.length && (/mso-list/i.test(p.getAttribute("data-nd-style") || "") || /MsoListParagraph/i.test(p.className || ""))) { p.remove(); } });
}
