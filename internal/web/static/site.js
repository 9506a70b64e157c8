// Newsdesk public site: optional enhancements. Every page works without this script.
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
          form.querySelector("textarea[name=text]").value = "";
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
