// Embeds: a video, a post, a map or any page, given by its https address, with an
// optional caption. The story keeps a link card (see markdown.js), never the provider's
// player or script: the public page makes no request to the provider.
import { schema, embedURL, cardName } from "./schema.js";
import { t, runDialog, AtomView } from "./images.js";

// askEmbed shows the embed dialog and resolves with {href, caption} or null. The dialog
// will not close on "Insert" with an address that is not https.
export function askEmbed(ui, values) {
  const dlg = document.getElementById("embed-dialog");
  const f = dlg.querySelector("form");
  const href = f.elements.href, caption = f.elements.caption;
  const err = dlg.querySelector(".field-error");
  href.value = values.href || ""; caption.value = values.caption || "";
  err.hidden = true;
  href.removeAttribute("aria-invalid");
  return runDialog(dlg, href, () => {
    if (embedURL(href.value)) { return true; }
    err.textContent = t(ui, "embed-https");
    err.hidden = false;
    href.setAttribute("aria-invalid", "true");
    return false;
  }).then(ok => ok ? { href: embedURL(href.value), caption: caption.value.trim() } : null);
}

// embedCommand is the toolbar's Embed: it asks for the address and caption, then inserts
// the card where the cursor was.
export function embedCommand(ui) {
  return function (state, dispatch, view) {
    if (!dispatch || !view) { return true; }
    askEmbed(ui, {}).then(v => {
      if (v) {
        const node = schema.nodes.embed.create({ href: v.href, text: "", caption: v.caption });
        view.dispatch(view.state.tr.replaceSelectionWith(node).scrollIntoView());
      }
      view.focus();
    });
    return true;
  };
}

// EmbedView shows an embed as a card: the site's name, the address and the caption, typed
// in place; "Change the address" asks for the address again.
export class EmbedView extends AtomView {
  constructor(node, view, getPos, ui) {
    super(node, view, getPos, ui);
    const dom = document.createElement("figure");
    dom.className = "nd-embed pm-embed";
    const head = document.createElement("p");
    head.className = "embed-head";
    this.provider = document.createElement("strong");
    this.address = document.createElement("span");
    this.address.className = "embed-url";
    const change = document.createElement("button");
    change.type = "button";
    change.textContent = t(ui, "embed-change");
    change.addEventListener("click", async () => {
      const a = this.node.attrs;
      const v = await askEmbed(ui, a);
      // A new address gets the text of a new card; the same one keeps its own (an imported title).
      if (v) { this.set({ href: v.href, text: v.href === a.href ? a.text : "", caption: v.caption }); }
      this.view.focus();
    });
    head.append(this.provider, " ", this.address, " ", change);
    this.caption = this.field("caption");
    dom.append(head, this.caption);
    this.dom = dom;
    this.render();
  }
  render() {
    const a = this.node.attrs;
    this.provider.textContent = cardName(a.href);
    this.address.textContent = a.href;
    if (document.activeElement !== this.caption) { this.caption.value = a.caption; }
  }
}
