// Images in place: drop or paste an image file, or pick one from the library, without
// leaving the editor. Alt text is asked at once (a dialog that will not insert without
// it unless the image is marked decorative); caption and credit are edited in the figure.
import { Plugin } from "prosemirror-state";
import { schema } from "./schema.js";

// t is the page's text for key (a data-* attribute of <template id="editor-ui">), with
// {name} placeholders filled from values.
export function t(ui, key, values) {
  let s = ui.getAttribute("data-" + key) || key;
  for (const k in values || {}) { s = s.split("{" + k + "}").join(values[k]); }
  return s;
}

function csrf(form) {
  const f = form.querySelector("input[name=csrf]");
  return f ? f.value : "";
}

// askImageText shows the image dialog and resolves with {alt, caption, credit} or null.
export function askImageText(ui, preview, values) {
  const dlg = document.getElementById("image-dialog");
  const f = dlg.querySelector("form");
  const alt = f.elements.alt, decorative = f.elements.decorative, caption = f.elements.caption, credit = f.elements.credit;
  const err = dlg.querySelector(".field-error");
  const img = dlg.querySelector(".dlg-preview");
  alt.value = values.alt || ""; caption.value = values.caption || ""; credit.value = values.credit || "";
  decorative.checked = !!values.decorative;
  err.hidden = true;
  if (preview) { img.src = preview; img.alt = ""; img.hidden = false; } else { img.hidden = true; img.removeAttribute("src"); }
  return runDialog(dlg, alt, () => {
    if (alt.value.trim() || decorative.checked) { return true; }
    err.textContent = t(ui, "alt-required");
    err.hidden = false;
    return false;
  }).then(ok => ok ? { alt: decorative.checked ? "" : alt.value.trim(), decorative: decorative.checked,
    caption: caption.value.trim(), credit: credit.value.trim() } : null);
}

// runDialog shows a dialog whose form has an "ok" button and resolves with whether it was
// closed with it. valid is asked on "ok": while it says false, the dialog stays open and
// first (the field to mend) has the focus.
export function runDialog(dlg, first, valid) {
  const f = dlg.querySelector("form");
  return new Promise(resolve => {
    function onSubmit(e) {
      if (e.submitter && e.submitter.value === "ok" && !valid()) {
        e.preventDefault();
        first.focus();
      }
    }
    f.addEventListener("submit", onSubmit);
    dlg.returnValue = "";
    dlg.addEventListener("close", function done() {
      dlg.removeEventListener("close", done);
      f.removeEventListener("submit", onSubmit);
      resolve(dlg.returnValue === "ok");
    });
    dlg.showModal();
    first.focus();
  });
}

function readDataURL(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result);
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

function imageFiles(list) {
  return Array.from(list || []).filter(f => /^image\/(jpeg|png|webp)$/.test(f.type));
}

export function imagePlugin(form, ui) {
  let view = null;
  const status = () => document.getElementById("autosave-status");

  async function upload(file, text) {
    const data = new FormData();
    data.set("csrf", csrf(form));
    data.set("file", file);
    // The library needs a description even for an image this story shows as decorative.
    data.set("alt", text.alt || text.caption || file.name);
    data.set("caption", text.caption);
    data.set("credit", text.credit);
    const r = await fetch("/newsroom/images", { method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) {
      const msg = body.errors ? Object.values(body.errors).join(" ") : (body.error || r.statusText);
      throw new Error(msg);
    }
    return body;
  }

  function insertFigure(attrs, pos) {
    const node = schema.nodes.figure.create(attrs);
    let tr = view.state.tr;
    if (typeof pos === "number") {
      const $pos = tr.doc.resolve(Math.min(pos, tr.doc.content.size));
      // Insert after the block the drop landed in.
      const at = $pos.depth > 0 ? $pos.after(1) : $pos.pos;
      tr = tr.insert(at, node);
    } else {
      tr = tr.replaceSelectionWith(node);
    }
    view.dispatch(tr.scrollIntoView());
    view.focus();
  }

  async function addFiles(files, pos) {
    for (const file of files) {
      const preview = await readDataURL(file).catch(() => null);
      const text = await askImageText(ui, preview, {});
      if (!text) { continue; }
      const s = status();
      try {
        if (s) { s.textContent = t(ui, "uploading"); }
        const img = await upload(file, text);
        insertFigure({ src: img.src, alt: text.decorative ? "" : text.alt, caption: text.caption, credit: text.credit }, pos);
        if (s) { s.textContent = ""; }
      } catch (e) {
        if (s) { s.textContent = t(ui, "upload-failed", { error: e.message }); }
      }
    }
  }

  async function pickFromLibrary() {
    const dlg = document.getElementById("library-dialog");
    const list = dlg.querySelector(".library-grid");
    const q = dlg.querySelector("input[type=search]");
    const file = dlg.querySelector("input[type=file]");
    let chosen = null;
    async function load() {
      const r = await fetch("/newsroom/images?q=" + encodeURIComponent(q.value), { credentials: "same-origin",
        headers: { Accept: "application/json" } });
      const data = await r.json().catch(() => ({ images: [] }));
      list.textContent = "";
      for (const img of data.images || []) {
        const li = document.createElement("li");
        const b = document.createElement("button");
        b.type = "button";
        const im = document.createElement("img");
        im.src = img.thumb || img.src; im.alt = "";
        const span = document.createElement("span");
        span.textContent = img.alt;
        b.append(im, span);
        b.addEventListener("click", () => { chosen = img; dlg.close("pick"); });
        li.appendChild(b);
        list.appendChild(li);
      }
      if (!list.children.length) {
        const li = document.createElement("li");
        li.textContent = t(ui, "library-empty");
        list.appendChild(li);
      }
    }
    let timer = null;
    q.oninput = () => { clearTimeout(timer); timer = setTimeout(load, 250); };
    file.value = "";
    file.onchange = () => { dlg.close("upload"); };
    const pos = view.state.selection.from;
    dlg.returnValue = "";
    dlg.showModal();
    load();
    await new Promise(resolve => dlg.addEventListener("close", resolve, { once: true }));
    if (dlg.returnValue === "upload") {
      await addFiles(imageFiles(file.files), pos);
      return;
    }
    if (dlg.returnValue !== "pick" || !chosen) { view.focus(); return; }
    const text = await askImageText(ui, chosen.thumb || chosen.src, chosen);
    if (!text) { view.focus(); return; }
    insertFigure({ src: chosen.src, alt: text.alt, caption: text.caption, credit: text.credit });
  }

  const plugin = new Plugin({
    props: {
      handleDrop(v, event) {
        const files = imageFiles(event.dataTransfer && event.dataTransfer.files);
        if (!files.length) { return false; }
        event.preventDefault();
        const at = v.posAtCoords({ left: event.clientX, top: event.clientY });
        addFiles(files, at ? at.pos : v.state.selection.from);
        return true;
      },
      handlePaste(v, event) {
        const files = imageFiles(event.clipboardData && event.clipboardData.files);
        if (!files.length) { return false; }
        event.preventDefault();
        addFiles(files, null);
        return true;
      },
    },
  });

  return {
    plugin: plugin,
    attach(v) { view = v; },
    command(state, dispatch) {
      if (dispatch) { pickFromLibrary(); }
      return true;
    },
  };
}

// AtomView is the node view of a block the editor shows as a card with fields typed in
// place (a figure, an embed): a subclass builds this.dom and renders the node's attributes.
export class AtomView {
  constructor(node, view, getPos, ui) {
    this.node = node; this.view = view; this.getPos = getPos; this.ui = ui;
  }
  // field is the text input of the attribute name, typed in place.
  field(name) {
    const input = document.createElement("input");
    input.type = "text";
    input.placeholder = t(this.ui, name + "-placeholder");
    input.setAttribute("aria-label", t(this.ui, name + "-placeholder"));
    input.className = "fig-" + name;
    input.addEventListener("input", () => this.set({ [name]: input.value }));
    return input;
  }
  set(attrs) {
    const pos = this.getPos();
    if (typeof pos !== "number") { return; }
    this.view.dispatch(this.view.state.tr.setNodeMarkup(pos, null, Object.assign({}, this.node.attrs, attrs)));
  }
  update(node) {
    if (node.type !== this.node.type) { return false; }
    this.node = node;
    this.render();
    return true;
  }
  stopEvent(e) { return !!(e.target && e.target.closest && e.target.closest("input, button")); }
  ignoreMutation() { return true; }
}

// FigureView shows a figure with its alt text (and a button to change it) and the
// caption and credit as fields typed in place.
export class FigureView extends AtomView {
  constructor(node, view, getPos, ui) {
    super(node, view, getPos, ui);
    const dom = document.createElement("figure");
    dom.className = "nd-image";
    this.img = document.createElement("img");
    this.alt = document.createElement("p");
    this.alt.className = "fig-alt";
    this.altText = document.createElement("span");
    const edit = document.createElement("button");
    edit.type = "button";
    edit.textContent = t(ui, "edit-alt");
    edit.addEventListener("click", async () => {
      const text = await askImageText(ui, this.node.attrs.src, Object.assign({ decorative: !this.node.attrs.alt }, this.node.attrs));
      if (text) { this.set({ alt: text.alt, caption: text.caption, credit: text.credit }); }
    });
    this.alt.append(this.altText, " ", edit);
    this.caption = this.field("caption");
    this.credit = this.field("credit");
    dom.append(this.img, this.alt, this.caption, this.credit);
    this.dom = dom;
    this.render();
  }
  render() {
    const a = this.node.attrs;
    if (this.img.getAttribute("src") !== a.src) { this.img.src = a.src; }
    this.img.alt = a.alt;
    this.altText.textContent = a.alt ? t(this.ui, "alt-label", { alt: a.alt }) : t(this.ui, "alt-decorative");
    this.alt.classList.toggle("missing", !a.alt);
    if (document.activeElement !== this.caption) { this.caption.value = a.caption; }
    if (document.activeElement !== this.credit) { this.credit.value = a.credit; }
  }
}
