/*
 * Cofio's boxes on pictures: drag on a picture to draw a box, and see the boxes others drew.
 *
 * No libraries, no build step: served by Cofio from /static/ and loaded with a plain <script src>.
 * It only enhances forms that already work without it: a box is four percentages of the picture
 * (from the left, from the top, width, height) typed into number fields. With this script a person
 * can also drag on the picture (mouse, finger or pen: Pointer Events) and the fields are filled in;
 * typing in the fields moves the box too, so keyboard users see what they typed.
 *
 * Markup (frontend/templates/frontend/_region_tags.html, _takedown_region.html):
 *   <figure id="P" data-regions-picture><img src="…"></figure>     the picture (web-size copy)
 *   <form|div data-regions-form data-regions-picture="P" data-regions-src="…">
 *     <div data-regions-hint hidden>… <button data-regions-clear></button></div>
 *     <input data-region-field="x|y|w|h">                            percentages, two decimals
 *   </form|div>
 *   <input type="radio" data-regions-asset data-src data-width data-height>   (several pictures)
 *   <li data-region-tag data-regions-picture="P" data-regions-src="…" data-x data-y data-w data-h>
 *     <a|span data-region-tag-label>…</a|span></li>                  a tag already shown
 * Drawing is on only while the form's <details> is open, so on a phone the picture still scrolls
 * the page the rest of the time. A form is enhanced only when data-regions-src is the picture
 * shown, so a box always belongs to the picture the server expects.
 */
(function () {
  "use strict";

  var EDGES = ["x", "y", "w", "h"];

  function clamp(value) {
    return Math.max(0, Math.min(100, value));
  }

  function place(box, region) {
    box.style.left = region.x + "%";
    box.style.top = region.y + "%";
    box.style.width = region.w + "%";
    box.style.height = region.h + "%";
  }

  function makeBox(layer, className) {
    var box = document.createElement("div");
    box.className = "regions-box " + className;
    layer.appendChild(box);
    return box;
  }

  /* The layer over a figure's picture, made once and kept exactly over the picture's content box. */
  function surfaceOf(figure) {
    if (!figure) {
      return null;
    }
    if (figure.regionsSurface) {
      return figure.regionsSurface;
    }
    var img = figure.querySelector("img");
    if (!img) {
      return null;
    }
    var layer = document.createElement("div");
    layer.className = "regions-layer";
    layer.setAttribute("aria-hidden", "true");
    figure.classList.add("regions-host");
    figure.appendChild(layer);
    var surface = {
      figure: figure,
      img: img,
      layer: layer,
      fit: function () {
        var outer = figure.getBoundingClientRect();
        var inner = img.getBoundingClientRect();
        layer.style.left = (inner.left - outer.left - figure.clientLeft + img.clientLeft) + "px";
        layer.style.top = (inner.top - outer.top - figure.clientTop + img.clientTop) + "px";
        layer.style.width = img.clientWidth + "px";
        layer.style.height = img.clientHeight + "px";
      },
    };
    surface.fit();
    img.addEventListener("load", surface.fit);
    window.addEventListener("resize", surface.fit);
    if (typeof window.ResizeObserver === "function") {
      new window.ResizeObserver(surface.fit).observe(img);
    }
    figure.regionsSurface = surface;
    return surface;
  }

  function pictureFor(element) {
    var figure = document.getElementById(element.dataset.regionsPicture || "");
    var surface = surfaceOf(figure);
    if (!surface || surface.img.getAttribute("src") !== element.dataset.regionsSrc) {
      return null;  // not the picture the server expects: leave the numbers to do the work
    }
    return surface;
  }

  /* A tag already on the picture: an outlined box with its label; its name in the list lights it up. */
  function showTag(entry) {
    var surface = pictureFor(entry);
    var label = entry.querySelector("[data-region-tag-label]");
    var region = {};
    EDGES.forEach(function (edge) {
      region[edge] = clamp(parseFloat(entry.dataset[edge]));
    });
    if (!surface || !label || EDGES.some(function (edge) { return isNaN(region[edge]); })) {
      return;
    }
    var box = makeBox(surface.layer, "regions-box--tag");
    var name = document.createElement("span");
    name.className = "regions-box__label";
    name.textContent = label.textContent;  // text, never HTML
    box.appendChild(name);
    place(box, region);
    function light(on) {
      return function () {
        box.classList.toggle("is-highlighted", on);
        entry.classList.toggle("is-highlighted", on);
      };
    }
    entry.addEventListener("mouseenter", light(true));
    entry.addEventListener("mouseleave", light(false));
    entry.addEventListener("focusin", light(true));
    entry.addEventListener("focusout", light(false));
  }

  /* A form whose box can be drawn on the picture. */
  function enhance(form) {
    var surface = pictureFor(form);
    var fields = {};
    EDGES.forEach(function (edge) {
      fields[edge] = form.querySelector('[data-region-field="' + edge + '"]');
    });
    if (!surface || EDGES.some(function (edge) { return !fields[edge]; }) || form.regionsDraft) {
      return;
    }
    var layer = surface.layer;
    var draft = makeBox(layer, "regions-box--draft");
    var details = form.closest("details");
    var hint = form.querySelector("[data-regions-hint]");
    var clear = form.querySelector("[data-regions-clear]");
    var drag = null;
    form.regionsDraft = draft;
    draft.hidden = true;
    if (hint) {
      hint.hidden = false;
    }

    function active() {
      return !details || details.open;
    }

    function switchOn() {
      layer.classList.toggle("is-drawing", active());
      surface.fit();
    }

    /* The box the fields describe, drawn on the picture (hidden when they do not make a box). */
    function fromFields() {
      var region = {};
      EDGES.forEach(function (edge) {
        region[edge] = parseFloat(fields[edge].value);
      });
      var ok = EDGES.every(function (edge) { return !isNaN(region[edge]); }) && region.w > 0 && region.h > 0;
      draft.hidden = !ok;
      if (ok) {
        place(draft, { x: clamp(region.x), y: clamp(region.y),
                       w: clamp(region.w), h: clamp(region.h) });
      }
    }

    function fill(values) {
      EDGES.forEach(function (edge) {
        fields[edge].value = values[edge];
        fields[edge].dispatchEvent(new Event("input", { bubbles: true }));
        fields[edge].dispatchEvent(new Event("change", { bubbles: true }));
      });
    }

    /* Where the pointer is, in hundredths of a percent of the picture (whole numbers). */
    function at(event) {
      var rect = drag.rect;
      return {
        x: Math.round(clamp((event.clientX - rect.left) / rect.width * 100) * 100),
        y: Math.round(clamp((event.clientY - rect.top) / rect.height * 100) * 100),
      };
    }

    /* The dragged box as edges in hundredths of a percent: width = right - left, so x + w <= 100%. */
    function dragged(event) {
      var end = at(event);
      return {
        left: Math.min(drag.start.x, end.x), right: Math.max(drag.start.x, end.x),
        top: Math.min(drag.start.y, end.y), bottom: Math.max(drag.start.y, end.y),
      };
    }

    function follow(event) {
      var edges = dragged(event);
      draft.hidden = false;
      place(draft, { x: edges.left / 100, y: edges.top / 100,
                     w: (edges.right - edges.left) / 100, h: (edges.bottom - edges.top) / 100 });
    }

    layer.addEventListener("pointerdown", function (event) {
      if (!active() || drag || (event.pointerType === "mouse" && event.button !== 0)) {
        return;
      }
      event.preventDefault();
      surface.fit();
      var rect = layer.getBoundingClientRect();
      if (!rect.width || !rect.height) {
        return;
      }
      drag = { id: event.pointerId, rect: rect };
      drag.start = at(event);
      if (layer.setPointerCapture) {
        layer.setPointerCapture(event.pointerId);
      }
      follow(event);
    });
    layer.addEventListener("pointermove", function (event) {
      if (drag && event.pointerId === drag.id) {
        event.preventDefault();
        follow(event);
      }
    });
    layer.addEventListener("pointerup", function (event) {
      if (!drag || event.pointerId !== drag.id) {
        return;
      }
      var edges = dragged(event);
      drag = null;
      if (edges.right - edges.left < 1 || edges.bottom - edges.top < 1) {
        fromFields();  // a tap, not a box: keep the box there was
        return;
      }
      fill({ x: (edges.left / 100).toFixed(2), y: (edges.top / 100).toFixed(2),
             w: ((edges.right - edges.left) / 100).toFixed(2), h: ((edges.bottom - edges.top) / 100).toFixed(2) });
    });
    layer.addEventListener("pointercancel", function (event) {
      if (drag && event.pointerId === drag.id) {
        drag = null;
        fromFields();
      }
    });

    EDGES.forEach(function (edge) {
      fields[edge].addEventListener("input", fromFields);
    });
    if (clear) {
      clear.addEventListener("click", function () {
        fill({ x: "", y: "", w: "", h: "" });
        fields.x.focus();
      });
    }
    if (details) {
      details.addEventListener("toggle", switchOn);
    }

    /* Several pictures: the one chosen is shown and drawn on; a box drawn on another is cleared. */
    var choices = (form.closest("form") || form).querySelectorAll("[data-regions-asset]");
    Array.prototype.forEach.call(choices, function (choice) {
      choice.addEventListener("change", function () {
        if (!choice.checked || surface.img.getAttribute("src") === choice.dataset.src) {
          return;
        }
        surface.img.setAttribute("src", choice.dataset.src);
        surface.img.setAttribute("width", choice.dataset.width);
        surface.img.setAttribute("height", choice.dataset.height);
        form.dataset.regionsSrc = choice.dataset.src;
        fill({ x: "", y: "", w: "", h: "" });
        surface.fit();
      });
    });

    switchOn();
    fromFields();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-region-tag]"), showTag);
    Array.prototype.forEach.call(document.querySelectorAll("[data-regions-form]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
