/*
 * Cofio's deep-zoom viewer: opens an item's IIIF manifest in OpenSeadragon.
 *
 * OpenSeadragon comes from npm and is served by Cofio itself (static/vendor/openseadragon/, copied
 * by `make install`), so the viewer works in the village hall with no internet. The page already
 * shows the picture; this only adds a button that opens the zoomable view, and stays hidden when
 * OpenSeadragon or JavaScript is missing.
 *
 * Markup (frontend/templates/frontend/_viewer.html):
 *   <section data-viewer data-manifest="…/manifest" data-images="…/openseadragon/images/" hidden>
 *     <button data-viewer-open data-open-label="…" data-close-label="…">…</button>
 *     <div data-viewer-stage hidden></div>
 *   </section>
 * While it works it records, on the section, data-state (loading, open, failed) and
 * data-tiles-drawn (how many tiles have been drawn), which the browser test reads.
 */
(function () {
  "use strict";

  function imageSources(manifest) {
    var sources = [];
    (manifest.items || []).forEach(function (canvas) {
      (canvas.items || []).forEach(function (page) {
        (page.items || []).forEach(function (annotation) {
          if (annotation.motivation !== "painting" || !annotation.body) {
            return;
          }
          var body = annotation.body;
          var service = [].concat(body.service || []).filter(function (s) {
            var type = s.type || s["@type"] || "";
            return type.indexOf("ImageService") === 0;
          })[0];
          if (service) {
            sources.push((service.id || service["@id"]) + "/info.json");
          } else if (body.id) {
            sources.push({ type: "image", url: body.id });
          }
        });
      });
    });
    return sources;
  }

  function expanded(button, open) {
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? button.dataset.closeLabel : button.dataset.openLabel;
  }

  function open(section) {
    var stage = section.querySelector("[data-viewer-stage]");
    var button = section.querySelector("[data-viewer-open]");
    section.dataset.state = "loading";
    section.dataset.tilesDrawn = "0";
    fetch(section.dataset.manifest, { credentials: "same-origin", headers: { Accept: "application/ld+json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("manifest " + response.status);
        }
        return response.json();
      })
      .then(function (manifest) {
        var sources = imageSources(manifest);
        if (!sources.length) {
          throw new Error("no pictures in the manifest");
        }
        stage.hidden = false;
        var viewer = window.OpenSeadragon({
          element: stage,
          prefixUrl: section.dataset.images,
          tileSources: sources,
          sequenceMode: sources.length > 1,
          drawer: "canvas",             // dependable on older phones; same-origin tiles keep it readable
          crossOriginPolicy: false,
          loadTilesWithAjax: false,
          showNavigator: false,
          showRotationControl: false,
          visibilityRatio: 1,
          constrainDuringPan: true,
          gestureSettingsTouch: { pinchRotate: false, flickEnabled: true },
        });
        var drawn = 0;
        viewer.addHandler("tile-drawn", function () {
          drawn += 1;
          section.dataset.tilesDrawn = String(drawn);
        });
        viewer.addHandler("open", function () {
          section.dataset.state = "open";
        });
        viewer.addHandler("open-failed", function () {
          section.dataset.state = "failed";
        });
        section.viewer = viewer;
        expanded(button, true);
      })
      .catch(function (error) {
        section.dataset.state = "failed";
        section.dataset.error = String(error);
      });
  }

  function setUp(section) {
    if (typeof window.OpenSeadragon !== "function" || typeof window.fetch !== "function") {
      return;  // the picture above is all there is
    }
    var button = section.querySelector("[data-viewer-open]");
    var stage = section.querySelector("[data-viewer-stage]");
    section.hidden = false;
    button.addEventListener("click", function () {
      if (section.viewer) {
        stage.hidden = !stage.hidden;
        expanded(button, !stage.hidden);
        return;
      }
      open(section);
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-viewer]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
