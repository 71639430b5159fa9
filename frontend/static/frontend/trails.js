/*
 * Following a story trail (frontend/templates/frontend/trail_player.html, trail_stop.html):
 *
 * - moving between stops with the left and right arrow keys and with a swipe (the page's own
 *   previous/next links, [data-step-previous] / [data-step-next], are what is followed: they work without
 *   JavaScript too). Arrows typed in a form field, or used in the zoomable picture or the map, are theirs;
 * - the stop's region outlined on its picture, and the deep-zoom viewer ([data-stop-viewer]): OpenSeadragon
 *   is fetched only when the visitor asks for it (it is larger than the rest of the page), opens the
 *   picture's IIIF Image API info.json and moves to the stop's region (full-size pixels "x,y,w,h");
 * - walking mode ([data-walk]): only after the button is pressed, the phone's position (watchPosition)
 *   gives the distance and direction to the next stop and the nearest stop. All of it is worked out here:
 *   the position is never sent anywhere (no request is made with it).
 */
(function () {
  "use strict";

  /* --- Previous / next: arrow keys and swipes ------------------------------------------------ */

  var OWN_KEYS = "input, textarea, select, [contenteditable], [data-viewer-stage], .leaflet-container";

  function follow(selector) {
    var link = document.querySelector(selector);
    if (link && link.href) {
      window.location.assign(link.href);
      return true;
    }
    return false;
  }

  function setUpSteps() {
    if (!document.querySelector("[data-trail-stop]")) {
      return;
    }
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
        return;
      }
      var target = event.target;
      if (target && target.closest && target.closest(OWN_KEYS)) {
        return;
      }
      if (event.key === "ArrowRight" && follow("[data-step-next]")) {
        event.preventDefault();
      } else if (event.key === "ArrowLeft" && follow("[data-step-previous]")) {
        event.preventDefault();
      }
    });
    var start = null;
    document.addEventListener("touchstart", function (event) {
      var target = event.target;
      start = (event.touches.length === 1 && !(target.closest && target.closest("[data-viewer-stage], .leaflet-container")))
        ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
    }, { passive: true });
    document.addEventListener("touchend", function (event) {
      if (!start || !event.changedTouches.length) {
        return;
      }
      var dx = event.changedTouches[0].clientX - start.x;
      var dy = event.changedTouches[0].clientY - start.y;
      start = null;
      // A clear sideways swipe: long enough, and much more across than up or down (not a scroll).
      if (Math.abs(dx) >= 80 && Math.abs(dy) < Math.abs(dx) / 2) {
        follow(dx < 0 ? "[data-step-next]" : "[data-step-previous]");
      }
    }, { passive: true });
  }

  /* --- The stop's region on its picture ------------------------------------------------------- */

  function region(text) {
    var parts = (text || "").split(",").map(Number);
    return parts.length === 4 && parts.every(isFinite) ? { x: parts[0], y: parts[1], w: parts[2], h: parts[3] } : null;
  }

  function outlineRegion(figure) {
    var box = region(figure.dataset.region);
    var width = Number(figure.dataset.fullWidth);
    var height = Number(figure.dataset.fullHeight);
    if (!box || !width || !height) {
      return;
    }
    var frame = document.createElement("span");
    frame.className = "trail-stop__frame";
    var outline = document.createElement("span");
    outline.className = "trail-stop__region";
    // Set through the style object (not a style attribute), which the Content-Security-Policy allows.
    outline.style.left = (100 * box.x / width) + "%";
    outline.style.top = (100 * box.y / height) + "%";
    outline.style.width = (100 * box.w / width) + "%";
    outline.style.height = (100 * box.h / height) + "%";
    var img = figure.querySelector("img");
    figure.insertBefore(frame, img);
    frame.appendChild(img);
    frame.appendChild(outline);
  }

  /* --- Deep zoom, loaded when asked for -------------------------------------------------------- */

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (typeof window.OpenSeadragon === "function") {
        resolve();
        return;
      }
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(script);
    });
  }

  function expanded(button, open) {
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? button.dataset.closeLabel : button.dataset.openLabel;
  }

  function openViewer(section) {
    var stage = section.querySelector("[data-viewer-stage]");
    var button = section.querySelector("[data-viewer-open]");
    section.dataset.state = "loading";
    loadScript(section.dataset.script).then(function () {
      stage.hidden = false;
      var viewer = window.OpenSeadragon({
        element: stage,
        prefixUrl: section.dataset.images,
        tileSources: [section.dataset.info],
        drawer: "canvas",
        crossOriginPolicy: false,
        loadTilesWithAjax: false,
        showNavigator: false,
        showRotationControl: false,
        visibilityRatio: 1,
        constrainDuringPan: true,
        gestureSettingsTouch: { pinchRotate: false, flickEnabled: true },
      });
      viewer.addHandler("open", function () {
        var box = region(section.dataset.region);
        if (box) {
          // The region is in full-size pixels, as the Image API's info.json measures the picture.
          viewer.viewport.fitBounds(viewer.viewport.imageToViewportRectangle(box.x, box.y, box.w, box.h), true);
        }
        section.dataset.state = "open";
      });
      viewer.addHandler("open-failed", function () {
        section.dataset.state = "failed";
      });
      section.viewer = viewer;
      expanded(button, true);
    }).catch(function (error) {
      section.dataset.state = "failed";
      section.dataset.error = String(error);
    });
  }

  function setUpViewer(section) {
    var button = section.querySelector("[data-viewer-open]");
    var stage = section.querySelector("[data-viewer-stage]");
    section.hidden = false;
    button.addEventListener("click", function () {
      if (section.viewer) {
        stage.hidden = !stage.hidden;
        expanded(button, !stage.hidden);
        return;
      }
      if (section.dataset.state !== "loading") {
        openViewer(section);
      }
    });
  }

  /* --- Walking mode ---------------------------------------------------------------------------- */

  var EARTH_RADIUS_M = 6371008.8;

  function radians(degrees) {
    return degrees * Math.PI / 180;
  }

  // Great-circle distance in metres (haversine), and the initial compass bearing in degrees from north.
  function distanceMetres(a, b) {
    var dLat = radians(b.lat - a.lat);
    var dLon = radians(b.lon - a.lon);
    var h = Math.pow(Math.sin(dLat / 2), 2)
      + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function bearing(a, b) {
    var y = Math.sin(radians(b.lon - a.lon)) * Math.cos(radians(b.lat));
    var x = Math.cos(radians(a.lat)) * Math.sin(radians(b.lat))
      - Math.sin(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.cos(radians(b.lon - a.lon));
    return (Math.atan2(y, x) * 180 / Math.PI + 360) % 360;
  }

  function distanceText(section, metres) {
    if (metres < 1000) {
      // Nearer than a kilometre: to the nearest 10 metres (a phone's location is rarely closer than that).
      return Math.max(10, Math.round(metres / 10) * 10) + " " + section.dataset.unitMetres;
    }
    return (metres / 1000).toFixed(1) + " " + section.dataset.unitKm;
  }

  function walkPoints(section) {
    var list = document.querySelector(section.dataset.walkPoints);
    if (!list) {
      return [];
    }
    return Array.prototype.map.call(list.querySelectorAll("[data-map-point]"), function (element) {
      var link = element.querySelector("a[href]");
      return {
        lat: parseFloat(element.dataset.lat), lon: parseFloat(element.dataset.lon),
        number: element.dataset.number, label: element.dataset.label, href: link ? link.getAttribute("href") : "#",
      };
    }).filter(function (p) { return isFinite(p.lat) && isFinite(p.lon); });
  }

  function showPosition(section, here) {
    var points = walkPoints(section);
    var result = section.querySelector("[data-walk-result]");
    var problem = section.querySelector("[data-walk-problem]");
    problem.hidden = true;
    result.hidden = false;
    var target = points.filter(function (p) { return p.number === section.dataset.walkTarget; })[0];
    var distance = section.querySelector("[data-walk-distance]");
    if (target && distance) {
      var metres = distanceMetres(here, target);
      distance.textContent = metres < 20 ? section.dataset.here : distanceText(section, metres);
      var compass = section.dataset.compass.split("|");
      section.querySelector("[data-walk-direction]").textContent =
        metres < 20 ? "" : compass[Math.round(bearing(here, target) / 45) % 8];
      section.dataset.metres = String(Math.round(metres));
    }
    var nearest = null;
    points.forEach(function (p) {
      var d = distanceMetres(here, p);
      if (!nearest || d < nearest.metres) {
        nearest = { point: p, metres: d };
      }
    });
    var link = section.querySelector("[data-walk-nearest]");
    if (nearest) {
      link.textContent = nearest.point.label + " (" + distanceText(section, nearest.metres) + ")";
      link.setAttribute("href", nearest.point.href);
      section.dataset.nearest = nearest.point.number;
    }
  }

  function showProblem(section, error) {
    var problem = section.querySelector("[data-walk-problem]");
    problem.textContent = error && error.code === 1 ? section.dataset.denied : section.dataset.unavailable;
    problem.hidden = false;
  }

  function setUpWalk(section) {
    if (!navigator.geolocation || !walkPoints(section).length) {
      return;  // nothing to walk to, or no way to know where the phone is: the trail works without it
    }
    var button = section.querySelector("[data-walk-start]");
    var watch = null;
    section.hidden = false;
    button.addEventListener("click", function () {
      if (watch !== null) {
        navigator.geolocation.clearWatch(watch);
        watch = null;
        button.setAttribute("aria-pressed", "false");
        button.textContent = button.dataset.startLabel;
        section.querySelector("[data-walk-result]").hidden = true;
        section.dataset.state = "off";
        return;
      }
      button.setAttribute("aria-pressed", "true");
      button.textContent = button.dataset.stopLabel;
      section.dataset.state = "on";
      watch = navigator.geolocation.watchPosition(function (position) {
        showPosition(section, { lat: position.coords.latitude, lon: position.coords.longitude });
      }, function (error) {
        showProblem(section, error);
      }, { enableHighAccuracy: true, maximumAge: 10000, timeout: 30000 });
    });
  }

  function start() {
    setUpSteps();
    Array.prototype.forEach.call(document.querySelectorAll("[data-stop-picture][data-region]"), outlineRegion);
    if (typeof window.fetch === "function" && typeof window.Promise === "function") {
      Array.prototype.forEach.call(document.querySelectorAll("[data-stop-viewer]"), setUpViewer);
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-walk]"), setUpWalk);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
