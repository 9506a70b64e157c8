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
