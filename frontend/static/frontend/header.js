/* Cofio — the header's search box: suggestions as you type (people, places, subjects, titles).
 *
 * Without this script the box is a plain GET form to /search/. With it, the box becomes an ARIA 1.2
 * combobox: typing asks /api/v1/search/suggest/?q=… and lists what it answers under the header;
 * Up and Down move through the list, Enter goes to the chosen suggestion (an item's page, or a search for
 * that person, place or subject), or searches for the words when none is chosen; Escape closes the list.
 * A polite status line tells screen readers how many suggestions there are. Every word shown comes from
 * the form's data-* attributes, which the page writes in the reader's language.
 */
(function () {
  "use strict";

  // The API's suggestions (GET /api/v1/search/suggest/?q=…), written here rather than in every page, whose
  // HTML names no API address (not even on its error pages).
  var SUGGEST_URL = "/api/v1/search/suggest/";
  var form = document.querySelector("[data-site-search]");
  if (!form || !window.fetch) { return; }
  var input = form.querySelector("input[name=q]");
  var list = document.createElement("ul");
  var status = document.createElement("p");
  var options = [];
  var active = -1;
  var timer = null;
  var pending = null;
  var asked = "";

  list.id = "site-search-list";
  list.className = "site-search__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.getAttribute("placeholder") || "");
  list.hidden = true;
  status.className = "site-search__status visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(list);
  form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  /** Where a suggestion leads: an item's page for a title, else a search for that person, place or subject. */
  function destination(suggestion) {
    if (suggestion.kind === "title") {
      return form.dataset.itemUrl.replace(/\/0\/$/, "/" + encodeURIComponent(suggestion.value) + "/");
    }
    return form.dataset.searchUrl + "?" + encodeURIComponent(suggestion.kind) + "=" +
      encodeURIComponent(suggestion.value);
  }

  function close() {
    list.hidden = true;
    list.textContent = "";
    options = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    active = index;
    options.forEach(function (option, i) {
      option.element.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].element.id);
      options[index].element.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(suggestions) {
    close();
    if (!suggestions.length) {
      status.textContent = form.dataset.none;
      return;
    }
    suggestions.forEach(function (suggestion, i) {
      var option = document.createElement("li");
      var label = document.createElement("span");
      var kind = document.createElement("span");
      option.id = "site-search-option-" + i;
      option.className = "site-search__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      label.className = "site-search__label";
      label.textContent = suggestion.label;
      kind.className = "site-search__kind";
      kind.textContent = form.dataset["kind" + suggestion.kind.charAt(0).toUpperCase() + suggestion.kind.slice(1)] ||
        "";
      option.appendChild(label);
      option.appendChild(kind);
      // mousedown, not click: the box keeps its focus, so the list is not closed before the choice is made
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.assign(destination(suggestion));
      });
      list.appendChild(option);
      options.push({ element: option, suggestion: suggestion });
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = suggestions.length === 1 ? form.dataset.one : suggestions.length + " " + form.dataset.many;
  }

  function ask() {
    var text = input.value.trim();
    if (text.length < 2) {
      asked = "";
      close();
      status.textContent = "";
      return;
    }
    if (text === asked) { return; }
    asked = text;
    if (pending) { pending.abort(); }
    pending = new AbortController();
    fetch(SUGGEST_URL + "?q=" + encodeURIComponent(text),
          { headers: { Accept: "application/json" }, signal: pending.signal, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        if (input.value.trim() === text && document.activeElement === input) { show(data.suggestions || []); }
      })
      .catch(function () { /* no suggestions: the form still searches */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 200);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "Down") {
      if (!options.length) { asked = ""; ask(); return; }
      event.preventDefault();
      choose(active + 1 < options.length ? active + 1 : 0);
    } else if (event.key === "ArrowUp" || event.key === "Up") {
      if (!options.length) { return; }
      event.preventDefault();
      choose(active > 0 ? active - 1 : options.length - 1);
    } else if (event.key === "Enter") {
      if (active >= 0) {
        event.preventDefault();
        window.location.assign(destination(options[active].suggestion));
      }  // otherwise the form is sent: a search for the words typed
    } else if (event.key === "Escape" || event.key === "Esc") {
      if (options.length) {
        event.preventDefault();
        close();
        asked = "";
      }
    }
  });

  input.addEventListener("blur", function () {
    window.clearTimeout(timer);
    close();
    asked = "";
  });
}());

/* The header's Menu (a <details>): Escape closes it and gives the focus back to its button; a tap or click
 * outside it closes it too, as a visitor expects of a menu. It opens and closes without this script. */
(function () {
  "use strict";

  var menu = document.querySelector(".site-menu");
  if (!menu) { return; }
  var button = menu.querySelector("summary");

  menu.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && menu.open && button.offsetParent !== null) {
      menu.open = false;
      button.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && button.offsetParent !== null && !menu.contains(event.target)) { menu.open = false; }
  });
}());
