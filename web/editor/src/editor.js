// The newsroom's story editor: a ProseMirror view over the body textarea, which stays in
// the form (hidden) and always holds the Markdown, so Save, Preview and the conflict page
// work as without script. Texts come from the page (<template id="editor-ui">), in the
// user's language.
import "prosemirror-view/style/prosemirror.css";
import "prosemirror-tables/style/tables.css";
import "./editor.css";
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { keymap } from "prosemirror-keymap";
import { history, undo, redo } from "prosemirror-history";
import { baseKeymap, toggleMark, setBlockType, wrapIn, lift, chainCommands, exitCode } from "prosemirror-commands";
import { wrapInList, splitListItem, liftListItem, sinkListItem } from "prosemirror-schema-list";
import { inputRules, wrappingInputRule, textblockTypeInputRule, smartQuotes, ellipsis, emDash } from "prosemirror-inputrules";
import { dropCursor } from "prosemirror-dropcursor";
import { gapCursor } from "prosemirror-gapcursor";
import { tableEditing, goToNextCell, addRowAfter, addColumnAfter, deleteRow, deleteColumn, isInTable } from "prosemirror-tables";
import { schema } from "./schema.js";
import { parseMarkdown, toMarkdown } from "./markdown.js";
import { cleanPastedHTML } from "./paste.js";
import { imagePlugin, FigureView } from "./images.js";
import { embedCommand, EmbedView } from "./embeds.js";
import { startAutosave } from "./autosave.js";
import { startCounters } from "./counters.js";

function markActive(state, type) {
  const { from, $from, to, empty } = state.selection;
  if (empty) { return !!type.isInSet(state.storedMarks || $from.marks()); }
  return state.doc.rangeHasMark(from, to, type);
}

function blockActive(state, type, attrs) {
  const { $from, to } = state.selection;
  const node = $from.parent;
  return to <= $from.end() && node.hasMarkup(type, attrs);
}

function insertTable(state, dispatch) {
  if (isInTable(state)) { return false; }
  const cell = () => schema.nodes.table_cell.createAndFill();
  const head = () => schema.nodes.table_header.createAndFill();
  const table = schema.nodes.table.create(null, [
    schema.nodes.table_row.create(null, [head(), head(), head()]),
    schema.nodes.table_row.create(null, [cell(), cell(), cell()]),
  ]);
  if (dispatch) { dispatch(state.tr.replaceSelectionWith(table).scrollIntoView()); }
  return true;
}

function rules() {
  return inputRules({ rules: smartQuotes.concat(ellipsis, emDash,
    wrappingInputRule(/^\s*>\s$/, schema.nodes.blockquote),
    wrappingInputRule(/^(\d+)\.\s$/, schema.nodes.ordered_list, m => ({ order: +m[1] }), (m, n) => n.childCount + n.attrs.order === +m[1]),
    wrappingInputRule(/^\s*([-+*])\s$/, schema.nodes.bullet_list),
    textblockTypeInputRule(/^(#{2,4})\s$/, schema.nodes.heading, m => ({ level: m[1].length }))) });
}

function start() {
  const textarea = document.getElementById("body");
  const form = document.getElementById("editor");
  const ui = document.getElementById("editor-ui");
  if (!textarea || !form || !ui || textarea.closest("fieldset[disabled]")) {
    if (form && ui) { startCounters(form, ui); }
    return;
  }
  const parts = ui.content.cloneNode(true);
  const toolbar = parts.querySelector(".pm-toolbar");
  const dialogs = Array.from(parts.querySelectorAll("dialog"));
  dialogs.forEach(d => document.body.appendChild(d));
  const mount = document.createElement("div");
  mount.className = "pm-wrap";
  textarea.parentNode.insertBefore(mount, textarea);
  mount.appendChild(toolbar);
  const host = document.createElement("div");
  host.className = "pm-host";
  mount.appendChild(host);
  textarea.hidden = true;
  textarea.classList.add("pm-source");
  const label = document.querySelector("label[for=body]");

  const linkDialog = document.getElementById("link-dialog");
  function editLink(state, dispatch, view) {
    if (state.selection.empty && !markActive(state, schema.marks.link)) { return false; }
    if (!dispatch) { return true; }
    const input = linkDialog.querySelector("input[name=href]");
    const $from = state.selection.$from;
    const mark = schema.marks.link.isInSet($from.marks());
    input.value = mark ? mark.attrs.href : "";
    linkDialog.returnValue = "";
    linkDialog.onclose = function () {
      const v = view.state;
      let { from, to } = v.selection;
      if (v.selection.empty) {
        // Extend over the link the cursor is in.
        const $pos = v.selection.$from;
        const start = $pos.parent.childAfter($pos.parentOffset);
        if (start.node) { from = $pos.start() + start.offset; to = from + start.node.nodeSize; }
      }
      if (linkDialog.returnValue === "ok" && input.value.trim()) {
        view.dispatch(v.tr.removeMark(from, to, schema.marks.link).addMark(from, to, schema.marks.link.create({ href: input.value.trim() })));
      } else if (linkDialog.returnValue === "remove") {
        view.dispatch(v.tr.removeMark(from, to, schema.marks.link));
      }
      view.focus();
    };
    linkDialog.showModal();
    return true;
  }

  const images = imagePlugin(form, ui);
  const commands = {
    bold: toggleMark(schema.marks.strong),
    italic: toggleMark(schema.marks.em),
    strike: toggleMark(schema.marks.strike),
    link: editLink,
    paragraph: setBlockType(schema.nodes.paragraph),
    h2: setBlockType(schema.nodes.heading, { level: 2 }),
    h3: setBlockType(schema.nodes.heading, { level: 3 }),
    bullet: wrapInList(schema.nodes.bullet_list),
    ordered: wrapInList(schema.nodes.ordered_list),
    quote: wrapIn(schema.nodes.blockquote),
    lift: lift,
    image: images.command,
    embed: embedCommand(ui),
    table: insertTable,
    row: addRowAfter,
    column: addColumnAfter,
    delrow: deleteRow,
    delcolumn: deleteColumn,
    undo: undo,
    redo: redo,
  };
  const active = {
    bold: s => markActive(s, schema.marks.strong),
    italic: s => markActive(s, schema.marks.em),
    strike: s => markActive(s, schema.marks.strike),
    link: s => markActive(s, schema.marks.link),
    h2: s => blockActive(s, schema.nodes.heading, { level: 2 }),
    h3: s => blockActive(s, schema.nodes.heading, { level: 3 }),
  };
  const hardBreak = chainCommands(exitCode, (state, dispatch) => {
    if (dispatch) { dispatch(state.tr.replaceSelectionWith(schema.nodes.hard_break.create()).scrollIntoView()); }
    return true;
  });
  const keys = {
    "Mod-b": commands.bold, "Mod-i": commands.italic, "Mod-k": editLink, "Mod-z": undo, "Shift-Mod-z": redo, "Mod-y": redo,
    "Mod-Alt-0": commands.paragraph, "Mod-Alt-2": commands.h2, "Mod-Alt-3": commands.h3,
    "Shift-Mod-8": commands.bullet, "Shift-Mod-7": commands.ordered, "Shift-Mod-9": commands.quote,
    "Shift-Enter": hardBreak, "Mod-Enter": hardBreak,
    "Enter": splitListItem(schema.nodes.list_item),
    "Tab": chainCommands(goToNextCell(1), sinkListItem(schema.nodes.list_item)),
    "Shift-Tab": chainCommands(goToNextCell(-1), liftListItem(schema.nodes.list_item)),
  };

  let syncTimer = null;
  function sync() {
    clearTimeout(syncTimer);
    syncTimer = null;
    const md = toMarkdown(view.state.doc);
    if (md !== textarea.value) {
      textarea.value = md;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  const state = EditorState.create({
    doc: parseMarkdown(textarea.value),
    plugins: [rules(), keymap(keys), keymap(baseKeymap), history(), dropCursor(), gapCursor(), tableEditing(), images.plugin],
  });
  const view = new EditorView(host, {
    state: state,
    attributes: { class: "pm-editor body-text", role: "textbox", "aria-multiline": "true",
      "aria-label": label ? label.textContent : "", "aria-describedby": "word-stats" },
    nodeViews: { figure: (node, v, getPos) => new FigureView(node, v, getPos, ui),
      embed: (node, v, getPos) => new EmbedView(node, v, getPos, ui) },
    transformPastedHTML: cleanPastedHTML,
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      if (tr.docChanged && !syncTimer) { syncTimer = setTimeout(sync, 250); }
      refreshToolbar();
    },
  });
  images.attach(view);
  if (label) { label.removeAttribute("for"); label.addEventListener("click", () => view.focus()); }
  // The stored Markdown as the editor writes it: what is compared to tell a change.
  textarea.value = toMarkdown(view.state.doc);

  function refreshToolbar() {
    toolbar.querySelectorAll("button[data-cmd]").forEach(b => {
      const name = b.getAttribute("data-cmd");
      const cmd = commands[name];
      if (!cmd) { return; }
      b.disabled = !cmd(view.state, null, view) && name !== "image" && name !== "embed" && name !== "link";
      if (active[name]) { b.setAttribute("aria-pressed", active[name](view.state) ? "true" : "false"); }
    });
  }
  toolbar.addEventListener("mousedown", e => { if (e.target.closest("button")) { e.preventDefault(); } });
  toolbar.addEventListener("click", e => {
    const b = e.target.closest("button[data-cmd]");
    if (!b) { return; }
    const cmd = commands[b.getAttribute("data-cmd")];
    if (cmd) { cmd(view.state, view.dispatch, view); view.focus(); }
  });
  refreshToolbar();
  form.addEventListener("submit", sync, true);
  window.newsdeskEditor = { view: view, sync: sync, setMarkdown(md) {
    view.dispatch(view.state.tr.replaceWith(0, view.state.doc.content.size, parseMarkdown(md).content));
    sync();
  } };
  startCounters(form, ui);
  const saver = startAutosave(form, ui, { sync: sync, setBody: window.newsdeskEditor.setMarkdown });
  window.newsdeskEditor.unsaved = saver.unsaved; // the checks dialog asks before publishing over unsaved changes
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
