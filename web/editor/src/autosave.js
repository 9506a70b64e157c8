// Never lose copy. Every change is kept in this browser at once (localStorage) and sent
// to the server's working copy a few seconds after the last keystroke, and on leaving
// (sendBeacon). The working copy is not a revision and never changes the story: Save
// does. On the next open, what the server or this browser kept is offered back.
const delay = 2000;
const retry = 15000;

function t(ui, key, values) {
  let s = ui.getAttribute("data-" + key) || "";
  for (const k in values || {}) { s = s.split("{" + k + "}").join(values[k]); }
  return s;
}

function fieldsOf(form) {
  const out = {};
  for (const [k, v] of new FormData(form)) {
    if (k !== "csrf" && k !== "version" && k !== "action" && typeof v === "string") { out[k] = v; }
  }
  return out;
}

function same(a, b) {
  for (const k of Object.keys(a)) {
    if (k in b && a[k] !== b[k]) { return false; }
  }
  return true;
}

function clock(date) {
  return date.toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit" });
}

export function startAutosave(form, ui, editor) {
  const m = /\/newsroom\/articles\/(\d+)$/.exec(new URL(form.action, location.href).pathname);
  const id = m ? m[1] : null;
  const key = "newsdesk:autosave:" + (id || "new");
  const url = id ? "/newsroom/articles/" + id + "/autosave" : null;
  const status = document.getElementById("autosave-status");
  const csrf = () => (form.querySelector("input[name=csrf]") || {}).value || "";
  const version = () => (form.querySelector("input[name=version]") || {}).value || "";
  const show = (text, warn) => { if (status) { status.textContent = text; status.classList.toggle("warn", !!warn); } };

  const params = new URLSearchParams(location.search);
  if (params.get("notice") === "created") { localStorage.removeItem("newsdesk:autosave:new"); }

  const loaded = JSON.stringify(fieldsOf(form)); // the story as the page showed it
  let sent = loaded; // what the server has (its working copy, or the page)
  let timer = null, sending = false, again = false, submitting = false;
  const dirty = () => JSON.stringify(fieldsOf(form)) !== sent;

  function keepLocal() {
    try {
      localStorage.setItem(key, JSON.stringify({ fields: fieldsOf(form), at: Date.now(), version: version() }));
    } catch (e) { /* storage full or off: the server copy still goes */ }
  }

  function body() {
    const data = new URLSearchParams();
    data.set("csrf", csrf());
    data.set("version", version());
    const f = fieldsOf(form);
    for (const k in f) { data.set(k, f[k]); }
    return data;
  }

  async function send() {
    timer = null;
    if (!url) { show(t(ui, "kept-local"), false); return; }
    if (sending) { again = true; return; }
    editor.sync();
    const payload = JSON.stringify(fieldsOf(form));
    if (payload === sent) { return; }
    sending = true;
    show(t(ui, "saving"), false);
    try {
      const r = await fetch(url, { method: "POST", body: body(), credentials: "same-origin", keepalive: payload.length < 60000,
        headers: { Accept: "application/json" } });
      const answer = await r.json().catch(() => ({}));
      if (!r.ok) {
        show(t(ui, "not-saved", { error: answer.error || r.statusText }), true);
        if (r.status >= 500) { timer = setTimeout(send, retry); }
      } else {
        sent = payload;
        if (JSON.stringify(fieldsOf(form)) === payload) { localStorage.removeItem(key); }
        let text = t(ui, "saved", { time: clock(new Date(answer.saved_at)) });
        if (answer.newer_version) { text += " " + t(ui, "stale"); }
        show(text, !!answer.newer_version);
      }
    } catch (e) {
      show(t(ui, "offline"), true);
      timer = setTimeout(send, retry);
    } finally {
      sending = false;
      if (again) { again = false; send(); }
    }
  }

  function changed() {
    if (submitting) { return; }
    keepLocal();
    clearTimeout(timer);
    timer = setTimeout(send, delay);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // Any form of the page that leaves it (Save, and the workflow's Submit, Publish, Schedule…)
  // is a navigation the user asked for: no "leave the page?" prompt. What Save does not
  // carry goes to the working copy first, and the next page offers it back. A form whose
  // submit a script stopped (a confirmation dialog) or a dialog's own form stays.
  document.addEventListener("submit", e => {
    if (e.defaultPrevented || (e.target.getAttribute("method") || "").toLowerCase() === "dialog") { return; }
    if (e.target === form) { submitting = true; editor.sync(); keepLocal(); return; }
    leave();
    submitting = true;
  });

  function leave() {
    if (submitting || !url) { return; }
    editor.sync();
    if (!dirty()) { return; }
    keepLocal();
    if (navigator.sendBeacon(url, body())) { sent = JSON.stringify(fieldsOf(form)); }
  }
  window.addEventListener("pagehide", leave);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") { leave(); } });
  window.addEventListener("beforeunload", e => {
    editor.sync();
    if (!submitting && dirty()) { e.preventDefault(); e.returnValue = ""; }
  });

  offerLocal(form, ui, key, editor);
  // unsaved tells whether the form differs from the story as loaded: the working copy may
  // hold the change, the story does not.
  return { unsaved: () => { editor.sync(); return JSON.stringify(fieldsOf(form)) !== loaded; } };
}

// offerLocal offers back what this browser kept and the server does not have: neither
// the page nor the server's working copy holds it.
function offerLocal(form, ui, key, editor) {
  let kept;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (!kept || !kept.fields) { return; }
  const now = fieldsOf(form);
  const server = document.getElementById("working-copy");
  let serverFields = null;
  try { serverFields = server ? JSON.parse(server.getAttribute("data-fields") || "null") : null; } catch (e) { serverFields = null; }
  if (same(kept.fields, now) || (serverFields && same(kept.fields, serverFields))) {
    localStorage.removeItem(key);
    return;
  }
  const tpl = document.getElementById("local-copy");
  if (!tpl) { return; }
  const box = tpl.content.firstElementChild.cloneNode(true);
  const p = box.querySelector("p");
  p.textContent = p.textContent.split("{time}").join(clock(new Date(kept.at)));
  box.addEventListener("click", e => {
    const b = e.target.closest("button[data-act]");
    if (!b) { return; }
    if (b.getAttribute("data-act") === "restore") {
      for (const k in kept.fields) {
        const el = form.elements[k];
        if (!el || k === "body") { continue; }
        el.value = kept.fields[k];
        el.dispatchEvent(new Event("input", { bubbles: true }));
      }
      if ("body" in kept.fields) { editor.setBody(kept.fields.body); }
    } else {
      localStorage.removeItem(key);
    }
    box.remove();
  });
  form.parentNode.parentNode.insertBefore(box, form.parentNode);
}
