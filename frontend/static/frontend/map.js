/*
 * Cofio's map component: draws places listed on the page on a Leaflet map (a trail's route, and later
 * a place's map). Nothing in here knows which page it is on: everything comes from data attributes.
 *
 * Leaflet comes from npm and is served by Cofio itself (static/vendor/leaflet/, copied by `make install`).
 * Without a tile server the points and line are drawn on a plain background, so the map still works in a
 * village hall with no internet; without JavaScript or Leaflet the list of places is all there is.
 *
 * Markup:
 *   <div data-map                       the map's place (kept hidden until the map is drawn)
 *        data-map-points="#places"      where the points are: elements with data-map-point inside it
 *        data-map-line                  (optional) join the points in order with a line
 *        data-tiles="https://…/{z}/{x}/{y}.png" data-attribution="© …"   (optional) the tile server
 *        data-label="…"                 what the map shows, for screen readers
 *        data-zoom-in="…" data-zoom-out="…"  the zoom buttons' names in the page's language
 *        hidden></div>
 *   <ol id="places">
 *     <li data-map-point data-lat="51.7" data-lon="-3.2" data-number="1" data-label="Stop 1: …">
 *       <a href="…">…</a></li>  (the link, if any, is where the marker leads)
 *   </ol>
 * A point is numbered with data-number when it has one. When drawn, the map element gets
 * data-state="drawn" and data-points (how many), which the browser tests read.
 */
(function () {
  "use strict";

  function points(container) {
    var list = document.querySelector(container.dataset.mapPoints);
    if (!list) {
      return [];
    }
    return Array.prototype.map.call(list.querySelectorAll("[data-map-point]"), function (element) {
      var link = element.querySelector("a[href]");
      return {
        lat: parseFloat(element.dataset.lat),
        lon: parseFloat(element.dataset.lon),
        number: element.dataset.number || "",
        label: element.dataset.label || "",
        href: link ? link.getAttribute("href") : "",
      };
    }).filter(function (point) {
      return isFinite(point.lat) && isFinite(point.lon);
    });
  }

  function marker(L, point) {
    var badge = document.createElement("span");
    badge.className = "map-marker__number";
    badge.textContent = point.number || "•";
    var icon = L.divIcon({ className: "map-marker", html: badge, iconSize: [40, 40], iconAnchor: [20, 20] });
    var m = L.marker([point.lat, point.lon], { icon: icon, title: point.label, alt: point.label, keyboard: !!point.href });
    if (point.href) {
      m.on("click", function () {
        window.location.assign(point.href);
      });
    }
    return m;
  }

  function draw(container) {
    var L = window.L;
    var all = points(container);
    if (!L || !all.length) {
      return;
    }
    container.hidden = false;
    var map = L.map(container, {
      zoomControl: false,
      attributionControl: false,
      scrollWheelZoom: false,   // the page scrolls past the map; the buttons and pinching zoom it
      minZoom: 2,
      maxZoom: 19,
    });
    L.control.zoom({
      zoomInTitle: container.dataset.zoomIn || "Zoom in",
      zoomOutTitle: container.dataset.zoomOut || "Zoom out",
    }).addTo(map);
    if (container.dataset.tiles) {
      L.control.attribution({ prefix: false }).addTo(map);
      L.tileLayer(container.dataset.tiles, { attribution: container.dataset.attribution || "", maxZoom: 19 }).addTo(map);
    } else {
      container.classList.add("map--plain");
    }
    var latlngs = all.map(function (p) { return [p.lat, p.lon]; });
    if (container.hasAttribute("data-map-line") && latlngs.length > 1) {
      L.polyline(latlngs, { className: "map-line", weight: 5, interactive: false }).addTo(map);
    }
    all.forEach(function (point) {
      marker(L, point).addTo(map);
    });
    if (latlngs.length === 1) {
      map.setView(latlngs[0], 16);
    } else {
      map.fitBounds(latlngs, { padding: [32, 32], maxZoom: 17 });
    }
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", container.dataset.label || "");
    container.dataset.points = String(all.length);
    container.dataset.state = "drawn";
    container.leafletMap = map;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
