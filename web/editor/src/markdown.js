// Markdown in and out: the stored body stays Markdown (goldmark renders it on the
// server with GFM tables and footnotes). Images with a caption are our own one-line
// <figure class="nd-image"> HTML block, embeds the one-line link card <figure
// class="nd-embed"> the importer writes too; the server's body policy lets both through.
import MarkdownIt from "markdown-it";
import { MarkdownParser, MarkdownSerializer, MarkdownSerializerState, defaultMarkdownParser,
  defaultMarkdownSerializer } from "prosemirror-markdown";
import { schema, ownImage, cardName, embedAttrs } from "./schema.js";

// Footnote references ([^1]) must survive a round trip unescaped.
const esc = MarkdownSerializerState.prototype.esc;
MarkdownSerializerState.prototype.esc = function (str, startOfLine) {
  return esc.call(this, str, startOfLine).replace(/\\\[\^([^\]\\\s]+)\\\]/g, "[^$1]");
};

function escapeHTML(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// figureHTML is how a figure is stored: one line, so that it stays one HTML block.
export function figureHTML(a) {
  let cap = "";
  const caption = (a.caption || "").replace(/\s+/g, " ").trim();
  const credit = (a.credit || "").replace(/\s+/g, " ").trim();
  if (caption || credit) {
    cap = "<figcaption>" + escapeHTML(caption) + (credit ? (caption ? " " : "") + '<small class="nd-credit">' + escapeHTML(credit) + "</small>" : "") + "</figcaption>";
  }
  return '<figure class="nd-image"><img src="' + escapeHTML(a.src) + '" alt="' + escapeHTML(a.alt || "") + '">' + cap + "</figure>";
}

// parseOurs reads back one of our one-line figures of class cls from an HTML block, with
// read (the node's getAttrs), or returns null.
function parseOurs(html, cls, read) {
  const s = html.trim();
  if (!s.startsWith('<figure class="' + cls + '">') || !s.endsWith("</figure>") || s.indexOf("\n") >= 0) { return null; }
  const doc = new DOMParser().parseFromString(s, "text/html");
  const figs = doc.body.querySelectorAll("figure");
  if (figs.length !== 1 || doc.body.children.length !== 1) { return null; }
  return read(figs[0]) || null;
}

// embedHTML is how an embed is stored: one line, "<provider>: <address>" as the link's text.
export function embedHTML(a) {
  const text = (a.text || cardName(a.href) + ": " + a.href).replace(/\s+/g, " ").trim();
  const caption = (a.caption || "").replace(/\s+/g, " ").trim();
  return '<figure class="nd-embed"><a href="' + escapeHTML(a.href) + '">' + escapeHTML(text) + "</a>" +
    (caption ? "<figcaption>" + escapeHTML(caption) + "</figcaption>" : "") + "</figure>";
}

const tokenizer = MarkdownIt("default", { html: true, linkify: false, typographer: false });
// Our figures and cards become their own tokens, so they load as such rather than raw HTML.
tokenizer.core.ruler.push("nd_figure", function (state) {
  for (const tok of state.tokens) {
    if (tok.type === "html_block") {
      const f = parseOurs(tok.content, "nd-image", schema.nodes.figure.spec.parseDOM[0].getAttrs);
      if (f) { tok.type = "nd_figure"; tok.meta = f; continue; }
      const e = parseOurs(tok.content, "nd-embed", embedAttrs);
      if (e) { tok.type = "nd_embed"; tok.meta = e; }
    }
  }
});

function cellAlign(tok) {
  const m = /text-align:\s*(left|center|right)/.exec(tok.attrGet("style") || "");
  return { align: m ? m[1] : null };
}

const parser = new MarkdownParser(schema, tokenizer, Object.assign({}, defaultMarkdownParser.tokens, {
  s: { mark: "strike" },
  table: { block: "table" },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: "table_row" },
  th: { block: "table_header", getAttrs: cellAlign },
  td: { block: "table_cell", getAttrs: cellAlign },
  html_block: { node: "html_block", getAttrs: tok => ({ html: tok.content.replace(/\n+$/, "") }) },
  html_inline: { node: "html_inline", getAttrs: tok => ({ html: tok.content }) },
  nd_figure: { node: "figure", getAttrs: tok => tok.meta },
  nd_embed: { node: "embed", getAttrs: tok => tok.meta },
  image: { node: "image", getAttrs: tok => ({ src: tok.attrGet("src"), title: tok.attrGet("title") || null,
    alt: (tok.children[0] && tok.children[0].content) || "" }) },
}));

// A footnote definition ([^1]: text) must stay text, not become a link reference.
export function parseMarkdown(src) {
  return parser.parse(src.replace(/^\[\^([^\]\s]+)\]:/gm, "\\[^$1]:"));
}

let serializer;

function cellMarkdown(cell) {
  const para = schema.nodes.paragraph.create(null, cell.content);
  return serializer.serialize(schema.nodes.doc.create(null, para)).replace(/\n+/g, " ").replace(/\|/g, "\\|").trim();
}

serializer = new MarkdownSerializer(Object.assign({}, defaultMarkdownSerializer.nodes, {
  // An empty paragraph (Enter pressed twice) has no Markdown: it is left out.
  bullet_list(state, node) { state.renderList(node, "  ", () => "- "); },
  paragraph(state, node) { if (node.childCount) { defaultMarkdownSerializer.nodes.paragraph(state, node); } },
  figure(state, node) { state.write(figureHTML(node.attrs)); state.closeBlock(node); },
  embed(state, node) { state.write(embedHTML(node.attrs)); state.closeBlock(node); },
  html_block(state, node) { state.text(node.attrs.html, false); state.closeBlock(node); },
  html_inline(state, node) { state.text(node.attrs.html, false); },
  image(state, node) {
    if (!ownImage(node.attrs.src) && !/^https?:/.test(node.attrs.src)) { return; }
    defaultMarkdownSerializer.nodes.image(state, node);
  },
  table(state, node) {
    const rows = [];
    let cols = 0, aligns = [];
    node.forEach((row, _, r) => {
      const cells = [];
      row.forEach(cell => {
        cells.push(cellMarkdown(cell));
        if (r === 0) { aligns.push(cell.attrs.align); }
      });
      cols = Math.max(cols, cells.length);
      rows.push(cells);
    });
    const line = cells => "| " + Array.from({ length: cols }, (_, i) => cells[i] || "").join(" | ") + " |";
    const sep = "|" + Array.from({ length: cols }, (_, i) => {
      const a = aligns[i];
      return a === "center" ? " :---: " : a === "right" ? " ---: " : a === "left" ? " :--- " : " --- ";
    }).join("|") + "|";
    const out = [line(rows[0] || []), sep].concat(rows.slice(1).map(line));
    out.forEach((l, i) => { if (i) { state.ensureNewLine(); } state.write(l); });
    state.closeBlock(node);
  },
  table_row() {}, table_cell() {}, table_header() {},
}), Object.assign({}, defaultMarkdownSerializer.marks, {
  strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
}), { escapeExtraCharacters: /[<]/g });

export function toMarkdown(doc) {
  return serializer.serialize(doc, { tightLists: true });
}
