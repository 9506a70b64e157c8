// Newsdesk public site: optional enhancements. Every page works without this script.
// Times are written in the agency's zone, with its offset ("07:18 GMT+4"); a reader
// elsewhere sees the time in their own zone on hover and to assistive technology.
(function () {
  "use strict";
  var mine = -new Date().getTimezoneOffset();
  document.querySelectorAll("time[datetime]").forEach(function (el) {
    var v = el.getAttribute("datetime"), m = /([+-])(\d\d):(\d\d)$|Z$/.exec(v);
    if (!m || v.length < 16) { return; }
    var theirs = m[1] ? (m[1] === "-" ? -1 : 1) * (60 * +m[2] + +m[3]) : 0;
    if (theirs === mine) { return; }
    var d = new Date(v);
    if (isNaN(d)) { return; }
    try {
      el.title = d.toLocaleString(document.documentElement.lang || undefined, { year: "numeric", month: "short",
        day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
    } catch (e) { /* an old browser without these options: the agency's time stays */ }
  });
})();
// The review form submits in place and shows the answer without leaving the story.
(function () {
  "use strict";
  var form = document.getElementById("review-form");
  if (!form || !window.fetch) { return; }
  var live = form.querySelector(".review-live");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    var data = new URLSearchParams(new FormData(form));
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
      .then(function (res) {
        form.querySelectorAll(".field-error.js").forEach(function (n) { n.remove(); });
        if (live) { live.textContent = res.body.message || ""; }
        if (res.ok) {
          // Sent: the form starts afresh and the notice takes the focus, so that a screen
          // reader says it and nobody sends the same review twice.
          form.reset();
          if (live) { live.setAttribute("tabindex", "-1"); live.focus(); }
          return;
        }
        var fields = res.body.fields || {};
        Object.keys(fields).forEach(function (name) {
          var input = form.querySelector("[name=" + name + "]");
          if (!input) { return; }
          var span = document.createElement("span");
          span.className = "field-error js";
          span.textContent = fields[name];
          input.closest("p, fieldset").appendChild(span);
        });
      })
      .catch(function () { form.submit(); })
      .finally(function () { if (button) { button.disabled = false; } });
  });
})();
