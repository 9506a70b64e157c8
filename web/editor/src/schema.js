// The story schema: only what a story body may hold (and what Markdown, with our own
// figure, can say). Pasted HTML is read through these rules alone, so fonts, colours,
// classes, spans and tracking pixels have nowhere to go.
import { Schema } from "prosemirror-model";
import { schema as md } from "prosemirror-markdown";
import { tableNodes } from "prosemirror-tables";

// safeHref keeps http(s), mailto, relative and fragment links; anything else (javascript:,
// data:) is dropped.
export function safeHref(href) {
  if (!href) { return null; }
  href = href.trim();
  if (/^(https?:|mailto:)/i.test(href) || !/^[a-z][a-z0-9+.-]*:/i.test(href)) { return href; }
  return null;
}

// ownImage reports whether src is one of our library's images (a pasted image from
// elsewhere would be a hotlink or a tracker).
export function ownImage(src) {
  return typeof src === "string" && /^\/media\/[A-Za-z0-9._-]+$/.test(src);
}

const tables = tableNodes({
  tableGroup: "block",
  cellContent: "inline*",
  cellAttributes: {
    align: {
      default: null,
      getFromDOM(dom) { return dom.getAttribute("align") || null; },
      setDOMAttr(value, attrs) { if (value) { attrs.align = value; } },
    },
  },
});

// Lists are tight (no blank line between items) unless Markdown says otherwise: a list
// pasted or begun in the editor is one of short items.
const bullet = md.spec.nodes.get("bullet_list"), ordered = md.spec.nodes.get("ordered_list");
let nodes = md.spec.nodes
  .update("bullet_list", Object.assign({}, bullet, {
    attrs: { tight: { default: true } },
    parseDOM: [{ tag: "ul", getAttrs: () => ({ tight: true }) }],
  }))
  .update("ordered_list", Object.assign({}, ordered, {
    attrs: { order: { default: 1 }, tight: { default: true } },
    parseDOM: [{ tag: "ol", getAttrs: dom => ({ order: dom.hasAttribute("start") ? +dom.getAttribute("start") || 1 : 1, tight: true }) }],
  }))
  .update("heading", Object.assign({}, md.spec.nodes.get("heading"), {
    // A pasted h1 becomes a section heading: the headline is the story's only h1.
    parseDOM: [{ tag: "h1", attrs: { level: 2 } }, { tag: "h2", attrs: { level: 2 } }, { tag: "h3", attrs: { level: 3 } },
      { tag: "h4", attrs: { level: 4 } }, { tag: "h5", attrs: { level: 4 } }, { tag: "h6", attrs: { level: 4 } }],
  }))
  .update("image", Object.assign({}, md.spec.nodes.get("image"), {
    parseDOM: [{ tag: "img[src]", getAttrs(dom) {
      const src = dom.getAttribute("src");
      if (!ownImage(src)) { return false; }
      return { src: src, alt: dom.getAttribute("alt") || "", title: null };
    } }],
  }))
  .addToEnd("figure", {
    group: "block",
    atom: true,
    draggable: true,
    attrs: { src: {}, alt: { default: "" }, caption: { default: "" }, credit: { default: "" } },
    parseDOM: [{ tag: "figure", getAttrs(dom) {
      const img = dom.querySelector("img[src]");
      if (!img || !ownImage(img.getAttribute("src"))) { return false; }
      const cap = dom.querySelector("figcaption");
      const credit = cap && cap.querySelector(".nd-credit");
      let caption = "";
      if (cap) {
        const copy = cap.cloneNode(true);
        const c = copy.querySelector(".nd-credit");
        if (c) { c.remove(); }
        caption = copy.textContent.trim();
      }
      return { src: img.getAttribute("src"), alt: img.getAttribute("alt") || "", caption: caption,
        credit: credit ? credit.textContent.trim() : "" };
    } }],
    toDOM(node) {
      return ["figure", { class: "nd-image" }, ["img", { src: node.attrs.src, alt: node.attrs.alt }]];
    },
  })
  .addToEnd("html_block", {
    group: "block",
    atom: true,
    attrs: { html: { default: "" } },
    parseDOM: [],
    toDOM(node) { return ["pre", { class: "raw-html", "data-html": "1" }, node.attrs.html]; },
  })
  .addToEnd("html_inline", {
    group: "inline",
    inline: true,
    atom: true,
    attrs: { html: { default: "" } },
    parseDOM: [],
    toDOM(node) { return ["code", { class: "raw-html" }, node.attrs.html]; },
  });
for (const name of Object.keys(tables)) { nodes = nodes.addToEnd(name, tables[name]); }

const marks = md.spec.marks
  .update("link", Object.assign({}, md.spec.marks.get("link"), {
    parseDOM: [{ tag: "a[href]", getAttrs(dom) {
      const href = safeHref(dom.getAttribute("href"));
      return href ? { href: href, title: dom.getAttribute("title") } : false;
    } }],
  }))
  .addToEnd("strike", {
    parseDOM: [{ tag: "s" }, { tag: "del" }, { tag: "strike" },
      { style: "text-decoration", getAttrs: v => v.indexOf("line-through") >= 0 && null }],
    toDOM() { return ["s", 0]; },
  });

export const schema = new Schema({ nodes: nodes, marks: marks });
