/*
 * Cofio: keep an upload's progress page up to date while its photos are being prepared.
 *
 * No libraries, no build step: served from /static/ and loaded with a plain <script src>.
 * The page works without it (it has a "Check again" link). Markup (contribute_batch.html):
 *   <div data-batch-poll="/api/v1/batches/7/" data-batch-processed="1">…</div>
 * Every few seconds it asks the API how far the upload has got (GET, the signed-in session), and
 * reloads the page when another photo has been processed, so that statuses and reasons are the
 * server's own words in the reader's language. It gives up quietly after half an hour.
 */
(function () {
  "use strict";
  var box = document.querySelector("[data-batch-poll]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-batch-poll");
  var seen = parseInt(box.getAttribute("data-batch-processed"), 10) || 0;
  var delay = 3000, until = Date.now() + 30 * 60 * 1000;

  function check() {
    if (Date.now() > until) { return; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (batch) {
        if (batch && batch.progress && (batch.progress.done || batch.progress.processed !== seen)) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay * 1.25, 15000);
        window.setTimeout(check, delay);
      })
      .catch(function () { window.setTimeout(check, 15000); });
  }
  window.setTimeout(check, delay);
}());
