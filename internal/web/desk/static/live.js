// live.js — the newsroom without reloading: the notification badge on every page, and
// the dashboard's panels, follow the server's events (GET /newsroom/events, Server-Sent
// Events); the dashboard's countdowns tick. Every page works without it.
(function () {
  'use strict';
  var badge = document.querySelector('[data-unread]');
  var dash = document.getElementById('dashboard');

  // fmt fills a translated format ("%d h %d min") with numbers, in order.
  function fmt(f, nums) {
    var i = 0;
    return f.replace(/%[0-9]*d/g, function () { return String(nums[i++]); });
  }

  function until(ms) {
    var d = dash.dataset;
    if (ms <= 0) { return d.fmtDue; }
    var s = Math.floor(ms / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60);
    var span = h >= 24 ? fmt(d.fmtD, [Math.floor(h / 24), h % 24]) :
      h > 0 ? fmt(d.fmtH, [h, m % 60]) : m > 0 ? fmt(d.fmtM, [m]) : fmt(d.fmtS, [s]);
    return d.fmtIn.replace('%s', span);
  }

  function tick() {
    if (!dash) { return; }
    var now = Date.now();
    dash.querySelectorAll('time[data-countdown]').forEach(function (t) {
      var at = Date.parse(t.getAttribute('datetime'));
      if (!isNaN(at)) { t.textContent = until(at - now); }
    });
  }

  // refresh fetches the dashboard's panels again; changes arriving meanwhile make one more.
  var busy = false, again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch('/newsroom/dashboard', { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.text(); })
      .then(function (html) { dash.innerHTML = html; tick(); dash.setAttribute('data-refreshed', String(Date.now())); })
      .catch(function () { /* the next change tries again; the page still works by reloading */ })
      .then(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  function unread(e) {
    if (!badge) { return; }
    try {
      var n = JSON.parse(e.data).unread;
      badge.textContent = String(n);
      badge.hidden = !n;
    } catch (err) { /* not ours */ }
  }

  if (dash) { tick(); setInterval(tick, 1000); }
  if (!badge || !window.EventSource) { return; }
  var since = dash ? dash.getAttribute('data-stamp') : '';
  var es = new EventSource('/newsroom/events' + (since ? '?since=' + encodeURIComponent(since) : ''));
  es.addEventListener('open', function () { document.documentElement.setAttribute('data-live', 'on'); });
  es.addEventListener('hello', unread);
  es.addEventListener('change', function (e) { unread(e); if (dash) { refresh(); } });
}());
