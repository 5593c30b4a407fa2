// The editor's autosave: every 30 seconds, and when the page is hidden or left, what the form holds is
// sent to the server as the person's private copy (never the statement itself, never a revision), if it
// changed since the last copy. Reopening the editor offers to restore or discard it. Without JavaScript
// nothing is autosaved and the form works as before.
(function () {
  'use strict';
  var form = document.getElementById('article-form');
  var url = form && form.getAttribute('data-autosave-url');
  if (!url || !window.FormData || !window.URLSearchParams) { return; }
  var status = document.getElementById('autosave-status');
  var every = 30000;
  var submitting = false;
  var snapshot = function () { return new URLSearchParams(new FormData(form)).toString(); };
  var last = snapshot();

  function saved(text) {
    last = text;
    if (status) {
      status.hidden = false;
      status.textContent = 'A copy of your changes was kept at ' + new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + ' (not saved yet).';
    }
  }

  function keep(leaving) {
    if (submitting) { return; }
    var text = snapshot();
    if (text === last) { return; }
    var body = new URLSearchParams(text);
    if (leaving && navigator.sendBeacon && navigator.sendBeacon(url, body)) {
      last = text;
      return;
    }
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', keepalive: leaving })
      .then(function (response) { if (response.ok) { saved(text); } })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  }

  form.addEventListener('submit', function () { submitting = true; });
  window.setInterval(function () { keep(false); }, every);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') { keep(true); } });
  window.addEventListener('pagehide', function () { keep(true); });
})();
