// tracker: small progressive enhancements on top of htmx. No inline scripts (CSP).
(function () {
  "use strict";
  // After htmx swaps in a region marked data-focus, move keyboard focus there so screen
  // readers announce it and the next Tab continues from it.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) return;
    // After an outerHTML swap the old target is detached: find its replacement by id.
    if (!target.isConnected && target.id) target = document.getElementById(target.id);
    if (!target) return;
    var region = target.matches("[data-focus]") ? target : target.querySelector("[data-focus]");
    if (region) {
      if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "-1");
      region.focus({ preventScroll: true });
      region.scrollIntoView({ block: "start" });
    }
  });
  // Mark the control that was used while its request runs (styled via .is-loading).
  document.addEventListener("htmx:beforeRequest", function (event) {
    document.body.classList.add("is-loading");
  });
  document.addEventListener("htmx:afterRequest", function () {
    document.body.classList.remove("is-loading");
  });
})();
// Leave empty fields out of htmx GET requests, so the pushed URL stays short and shareable
// (?party=openai rather than ?party=openai&claim=&issue=...). Without JS the form still works.
document.addEventListener("htmx:configRequest", function (event) {
  var elt = event.detail.elt;
  if (!elt || !elt.matches || !elt.matches("form[data-drop-empty]")) return;
  var params = event.detail.parameters;
  var names = typeof params.keys === "function" ? Array.from(params.keys()) : Object.keys(params);
  names.forEach(function (name) {
    var value = typeof params.get === "function" ? params.get(name) : params[name];
    if (value === "" || value === null || value === undefined) {
      if (typeof params.delete === "function") params.delete(name); else delete params[name];
    }
  });
});
// Positions: mark the cell whose quotes are shown (the table itself is not swapped).
document.addEventListener("htmx:beforeRequest", function (event) {
  var elt = event.detail.elt;
  if (!elt || !elt.classList || !elt.classList.contains("cell-link")) return;
  document.querySelectorAll(".cell-link.is-open").forEach(function (cell) {
    cell.classList.remove("is-open");
    cell.removeAttribute("aria-current");
  });
  elt.classList.add("is-open");
  elt.setAttribute("aria-current", "true");
});
// Filter forms show what the URL says. After Back or Forward, htmx restores a snapshot of the
// page whose form controls hold whatever was last picked (a select's choice is not in the
// HTML), so set each control from the query string again. A checkbox that is on when its
// parameter is absent (an analyst's "include suggestions") carries data-default-checked.
(function () {
  "use strict";
  function syncForms() {
    var params = new URLSearchParams(window.location.search);
    document.querySelectorAll("form[data-sync-url]").forEach(function (form) {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (!el.name || el.type === "hidden" || el.type === "submit" || el.type === "button") return;
        var values = params.getAll(el.name);
        var value = values.length ? values[values.length - 1] : null;
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = value === null ? el.hasAttribute("data-default-checked") : value === el.value;
        } else {
          el.value = value === null ? "" : value;
          if (el.tagName === "SELECT" && el.selectedIndex < 0) el.selectedIndex = 0;
        }
      });
    });
  }
  document.addEventListener("htmx:historyRestore", syncForms);
  window.addEventListener("pageshow", syncForms);
})();
// Article page: after an analyst saves a tag (the review app's "review:tagged" event), load the
// page again and swap in its link list and highlighted text, so the sidebar is never stale.
document.addEventListener("review:tagged", function () {
  if (!window.htmx) return;
  ["#article-side", "#article-text"].forEach(function (selector) {
    if (!document.querySelector(selector)) return;
    window.htmx.ajax("GET", window.location.pathname, {
      target: selector, select: selector, swap: "outerHTML",
    });
  });
});
