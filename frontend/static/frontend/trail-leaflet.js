// The leaflet's "Print this leaflet" button: shown only when this script runs (without it, the page says
// to use the browser's Print command), and it opens the browser's print dialogue.
(function () {
  "use strict";
  var button = document.querySelector("[data-leaflet-print]");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
