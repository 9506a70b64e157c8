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

// cardHosts are the sites an embed card names by brand (the importer's list in
// internal/importer/convert_embed.go, which names imported cards the same way); any other
// site is named by its host.
const cardHosts = {
  "youtube.com": "YouTube", "youtu.be": "YouTube", "youtube-nocookie.com": "YouTube", "vimeo.com": "Vimeo",
  "twitter.com": "X", "x.com": "X", "instagram.com": "Instagram", "instagr.am": "Instagram",
  "facebook.com": "Facebook", "fb.watch": "Facebook", "tiktok.com": "TikTok", "soundcloud.com": "SoundCloud",
  "spotify.com": "Spotify", "t.me": "Telegram", "telegram.me": "Telegram",
};

// embedURL returns the address a correspondent typed as an embed's, cleaned, if it is an
// https address with a host; else null (http, javascript:, data: and typos are refused).
export function embedURL(s) {
  s = (s || "").trim();
  if (!/^https:\/\//i.test(s) || /[\s<>"]/.test(s)) { return null; }
  try {
    const u = new URL(s);
    return u.protocol === "https:" && u.hostname ? s : null;
  } catch (e) { return null; }
}

// cardName names the site of an embed's address: a brand, else the host (no www.).
export function cardName(href) {
  let host = "";
  try { host = new URL(href).hostname.toLowerCase(); } catch (e) { return "Link"; }
  let bare = host;
  for (const prefix of ["www.", "m.", "mobile.", "open.", "player.", "music."]) {
    if (bare.startsWith(prefix)) { bare = bare.slice(prefix.length); }
  }
  return cardHosts[bare] || host.replace(/^www\./, "");
}

// embedAttrs reads one of our link cards (<figure class="nd-embed"><a href>text</a>
// <figcaption>caption</figcaption></figure>) when its link and caption are plain text, or
// returns false: a card with markup in it stays raw HTML, so nothing of it is lost.
export function embedAttrs(dom) {
  if (!dom.classList.contains("nd-embed") || dom.children.length < 1 || dom.children.length > 2) { return false; }
  const a = dom.children[0], cap = dom.children[1];
  if (a.tagName !== "A" || a.children.length || (cap && (cap.tagName !== "FIGCAPTION" || cap.children.length))) { return false; }
  const href = (a.getAttribute("href") || "").trim();
  if (!/^https?:\/\/[^\s<>"]+$/i.test(href)) { return false; }
  return { href: href, text: a.textContent, caption: cap ? cap.textContent : "" };
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
  .addToEnd("embed", {
    // A link card for a video, a post or a map: the public page shows a card with the
    // address, never the provider's player or script.
    group: "block",
    atom: true,
    draggable: true,
    attrs: { href: {}, text: { default: "" }, caption: { default: "" } },
    parseDOM: [{ tag: "figure.nd-embed", getAttrs: embedAttrs }],
    toDOM(node) {
      const a = node.attrs;
      const out = ["figure", { class: "nd-embed" }, ["a", { href: a.href }, a.text || cardName(a.href) + ": " + a.href]];
      if (a.caption) { out.push(["figcaption", a.caption]); }
      return out;
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
