// Newsroom enhancements; every page works without this script.
// Live Markdown preview and word count on the story editor.
(function () {
  "use strict";
  var body = document.getElementById("body");
  var preview = document.getElementById("preview");
  var count = document.getElementById("word-count");
  var form = document.getElementById("editor");
  if (!body || !preview || !form) { return; }
  var csrf = form.querySelector("input[name=csrf]");
  var timer = null;
  function refresh() {
    var data = new URLSearchParams();
    data.set("csrf", csrf ? csrf.value : "");
    data.set("body", body.value);
    fetch("/newsroom/preview", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { return null; }
        if (count) {
          // The page renders the text in its language, with {n} for the number.
          var words = count.getAttribute("data-template") || "{n}";
          count.textContent = words.replace("{n}", r.headers.get("X-Word-Count") || "0");
        }
        return r.text();
      })
      .then(function (html) { if (html !== null) { preview.innerHTML = html; } })
      .catch(function () { /* offline: the Preview button still works */ });
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();

// Who else is here: the story editor tells the server every few seconds that it is open
// (the answer lists the others, in the page's language) and says goodbye when left.
(function () {
  "use strict";
  var box = document.getElementById("presence");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-url");
  function form(leave) {
    var data = new URLSearchParams();
    data.set("csrf", box.getAttribute("data-csrf") || "");
    if (leave) { data.set("leave", "1"); }
    return data;
  }
  function beat() {
    if (document.visibilityState === "hidden") { return; }
    fetch(url, { method: "POST", body: form(false), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) { box.innerHTML = html; } })
      .catch(function () { /* offline: try again at the next beat */ });
  }
  setInterval(beat, 5000);
  document.addEventListener("visibilitychange", beat);
  window.addEventListener("pageshow", function (e) { if (e.persisted) { beat(); } });
  window.addEventListener("pagehide", function () {
    if (navigator.sendBeacon) { navigator.sendBeacon(url, form(true)); }
  });
})();

// Publishing checks while writing: a moment after typing stops, the form's fields as they
// are go to the server, whose answer (in the page's language) replaces the list beside
// Publish and Schedule. Publishing or scheduling with warnings asks first, in a dialog
// (without this script, the server asks on a page of its own).
(function () {
  "use strict";
  var panel = document.getElementById("checks");
  var list = document.getElementById("checks-list");
  var form = document.getElementById("editor");
  var dialog = document.getElementById("checks-confirm");
  if (!panel || !list) { return; }
  var timer = null, seq = 0;
  function run() {
    var mine = ++seq;
    fetch(panel.getAttribute("data-url"), { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null && mine === seq) { list.innerHTML = html; } })
      .catch(function () { /* offline: the list stays as it was */ });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(run, 800);
  }
  if (form && window.fetch) {
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    document.addEventListener("newsdesk:edited", later); // an editor that writes the fields itself says so
  }
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var pending = null;
  var shown = document.getElementById("checks-confirm-list");
  Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (f) {
    f.addEventListener("submit", function (e) {
      var items = list.querySelectorAll("li:not(.advice)"); // advice is shown, but never asks
      var ed = window.newsdeskEditor;
      var unsaved = !!(ed && ed.unsaved && ed.unsaved());
      if (f.querySelector("input[name=confirm]") || (!items.length && !unsaved)) { return; }
      e.preventDefault();
      shown.textContent = "";
      if (unsaved) {
        var li = document.createElement("li");
        li.setAttribute("data-code", "unsaved");
        li.textContent = dialog.getAttribute("data-unsaved");
        shown.appendChild(li);
      }
      Array.prototype.forEach.call(items, function (li) { shown.appendChild(li.cloneNode(true)); });
      Array.prototype.forEach.call(dialog.querySelectorAll("button[value=publish], button[value=schedule]"), function (b) {
        b.hidden = b.value !== f.getAttribute("data-confirm");
      });
      pending = f;
      dialog.returnValue = "";
      dialog.showModal();
    });
  });
  dialog.addEventListener("close", function () {
    var f = pending;
    pending = null;
    if (!f || dialog.returnValue !== f.getAttribute("data-confirm")) { return; }
    var c = document.createElement("input");
    c.type = "hidden";
    c.name = "confirm";
    c.value = "1";
    f.appendChild(c);
    // requestSubmit fires the submit event (the editor's guard knows the page is being left);
    // the handler above lets it through, the form now carrying confirm=1.
    if (typeof f.requestSubmit === "function") { f.requestSubmit(); } else { f.submit(); }
  });
})();
