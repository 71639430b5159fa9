/*
 * The story-trail builder: put the stops in order by dragging them (mouse, finger or pen: Pointer Events).
 *
 * No libraries, no build step: served by Cofio and loaded with a plain <script src defer>. The page works
 * without it: every stop has "Move up" and "Move down" buttons (forms that post to the server), which stay
 * for keyboard users. With it, each stop gets a handle to drag it by (or to move with the arrow keys); on release, the new order is posted to
 * the server (the same service as the buttons), the numbers are updated, and what happened is said in the
 * page's aria-live region for screen readers. If the server refuses, the old order comes back.
 *
 * Markup (frontend/templates/frontend/trail_builder.html, _trail_builder_stop.html):
 *   <p data-trail-drag-hint hidden>                          how to drag, shown once dragging works
 *   <ol data-trail-stops data-order-url data-failed-text>
 *     <li data-stop-id> <button data-trail-handle hidden> <span data-trail-number>
 *       <form data-trail-move="up|down">                      hidden on the first / last stop
 *   <p data-trail-announce aria-live="polite">
 */
(function () {
  "use strict";

  function items(list) {
    return Array.prototype.slice.call(list.querySelectorAll(":scope > [data-stop-id]"));
  }

  function order(list) {
    return items(list).map(function (li) { return li.dataset.stopId; });
  }

  /* The numbers and the first/last buttons follow the order shown. */
  function renumber(list) {
    var all = items(list);
    all.forEach(function (li, index) {
      Array.prototype.forEach.call(li.querySelectorAll("[data-trail-number]"), function (span) {
        span.textContent = String(index + 1);
      });
      var up = li.querySelector('[data-trail-move="up"]');
      var down = li.querySelector('[data-trail-move="down"]');
      if (up) { up.hidden = index === 0; }
      if (down) { down.hidden = index === all.length - 1; }
    });
  }

  function say(text) {
    var live = document.querySelector("[data-trail-announce]");
    if (live) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function save(list, moved, before) {
    var body = new URLSearchParams();
    order(list).forEach(function (id) { body.append("ids", id); });
    body.append("moved", moved.dataset.stopId);
    return fetch(list.dataset.orderUrl, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok || !answer.ok) {
          throw new Error(answer.message || list.dataset.failedText);
        }
        say(answer.message);
      });
    }).catch(function (error) {
      /* put the stops back as the server still has them */
      before.forEach(function (id) {
        list.appendChild(list.querySelector('[data-stop-id="' + id + '"]'));
      });
      renumber(list);
      say(error && error.message ? error.message : list.dataset.failedText);
    });
  }

  function enhance(list) {
    var drag = null;

    /* Where the dragged stop belongs for a pointer at ``y``: how many other stops have their middle above it. */
    function placeFor(y) {
      return items(list).filter(function (li) {
        if (li === drag.li) {
          return false;
        }
        var rect = li.getBoundingClientRect();
        return rect.top + rect.height / 2 < y;
      }).length;
    }

    /* Move the dragged stop by moving its neighbours past it: the dragged element itself never leaves the
       page, so the pointer stays captured by its handle (a finger or a mouse keeps dragging it). */
    function follow(y) {
      var wanted = placeFor(y);
      var at = items(list).indexOf(drag.li);
      while (at > wanted && drag.li.previousElementSibling) {
        list.insertBefore(drag.li.previousElementSibling, drag.li.nextElementSibling);
        at -= 1;
      }
      while (at < wanted && drag.li.nextElementSibling) {
        list.insertBefore(drag.li.nextElementSibling, drag.li);
        at += 1;
      }
    }

    function finish(event) {
      if (!drag || event.pointerId !== drag.id) {
        return;
      }
      var done = drag;
      drag = null;
      done.li.classList.remove("is-dragging");
      list.classList.remove("is-sorting");
      renumber(list);
      if (order(list).join(",") !== done.before.join(",")) {
        save(list, done.li, done.before);
      }
      done.handle.focus();
    }

    document.addEventListener("pointermove", function (event) {
      if (drag && event.pointerId === drag.id) {
        event.preventDefault();
        follow(event.clientY);
      }
    });
    document.addEventListener("pointerup", finish);
    document.addEventListener("pointercancel", finish);

    items(list).forEach(function (li) {
      var handle = li.querySelector("[data-trail-handle]");
      if (!handle) {
        return;
      }
      handle.hidden = false;
      handle.addEventListener("pointerdown", function (event) {
        if (drag || (event.pointerType === "mouse" && event.button !== 0)) {
          return;
        }
        event.preventDefault();
        drag = { li: li, handle: handle, id: event.pointerId, before: order(list) };
        if (handle.setPointerCapture) {
          handle.setPointerCapture(event.pointerId);
        }
        li.classList.add("is-dragging");
        list.classList.add("is-sorting");
      });
      /* the handle with the keyboard: the arrow keys move the stop up or down one place */
      handle.addEventListener("keydown", function (event) {
        if (drag || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) {
          return;
        }
        event.preventDefault();
        var before = order(list);
        if (event.key === "ArrowUp" && li.previousElementSibling) {
          list.insertBefore(li.previousElementSibling, li.nextElementSibling);
        } else if (event.key === "ArrowDown" && li.nextElementSibling) {
          list.insertBefore(li.nextElementSibling, li);
        } else {
          return;
        }
        renumber(list);
        handle.focus();
        save(list, li, before);
      });
    });
    var hint = document.querySelector("[data-trail-drag-hint]");
    if (hint) {
      hint.hidden = false;
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-trail-stops]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
