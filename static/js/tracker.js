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
