/* tracker review: keyboard for the queue, and text selection for tagging a quote.
 * No inline scripts or handlers (CSP script-src 'self'); everything is delegated from document,
 * so rows and forms that htmx swaps in keep working. Without this file every form still works.
 */
(function () {
  "use strict";
  if (window.trackerReview) return;
  window.trackerReview = true;

  var CONTEXT = 32;

  /* CSP forbids inline styles; htmx would copy an old element's style="" (which Chromium's
     autofill leaves on form fields) onto its swapped-in twin, a CSP violation. */
  if (window.htmx) {
    window.htmx.config.attributesToSettle = ["class", "width", "height"];
  }
  var activeId = null;

  /* ---- queue: j/k move, a accept, r reject, u undo, x select, t retarget ---- */

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#queue .q-item"));
  }

  function activeRow() {
    return activeId ? document.getElementById(activeId) : null;
  }

  function activate(row, focus) {
    rows().forEach(function (r) {
      r.classList.remove("is-active");
      r.removeAttribute("aria-current");
    });
    if (!row) {
      activeId = null;
      return;
    }
    activeId = row.id;
    row.classList.add("is-active");
    row.setAttribute("aria-current", "true");
    if (focus !== false) {
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    var all = rows();
    if (!all.length) return;
    var index = all.indexOf(activeRow());
    var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : index + step;
    next = Math.max(0, Math.min(all.length - 1, next));
    activate(all[next]);
  }

  function press(key) {
    var row = activeRow();
    if (!row) return false;
    if (key === "x") {
      var box = row.querySelector('input[type="checkbox"]');
      if (box) box.click();
      return true;
    }
    if (key === "t") {
      var details = row.querySelector("details.q-retarget");
      if (!details) return false;
      details.open = true;
      var input = details.querySelector('input[name="target"]');
      if (input) input.focus();
      return true;
    }
    var button = row.querySelector('button[data-key="' + key + '"]');
    if (button && !button.disabled) {
      button.click();
      return true;
    }
    return false;
  }

  function typing(target) {
    if (!target || !target.closest) return false;
    var text = 'input:not([type="checkbox"]):not([type="radio"]):not([type="submit"])' +
      ':not([type="button"]):not([type="hidden"])';
    return !!target.closest(text + ", textarea, select, [contenteditable]");
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {  // leave the retarget form, back to its row
      var open = event.target.closest && event.target.closest("details.q-retarget[open]");
      if (open) {
        open.open = false;
        activate(open.closest(".q-item"));
        event.preventDefault();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (!document.getElementById("queue")) return;
    var key = event.key;
    if (key === "j") {
      move(1);
    } else if (key === "k") {
      move(-1);
    } else if ("arxut".indexOf(key) >= 0 && key.length === 1) {
      if (!press(key)) return;
    } else {
      return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var row = event.target.closest && event.target.closest("#queue .q-item");
    if (row) activate(row, false);
  });

  /* Keep the active row active when htmx swaps it for its new state. */
  document.addEventListener("htmx:afterSettle", function () {
    var row = activeRow();
    if (row) activate(row, document.activeElement === document.body);
  });

  /* A 409 (changed meanwhile) or 400/422 (invalid) carries the re-rendered row or form: show it. */
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 409 || status === 400 || status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  /* ---- tagging: a selection in the article becomes the form's quote ---- */

  function source() {
    return document.querySelector("[data-quote-source]") ||
      document.querySelector(".article-body, .article-text");
  }

  function capture() {
    var container = source();
    var form = document.querySelector(".tag-form");
    if (!container || !form) return;
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer)) return;
    var exact = selection.toString().replace(/\s+/g, " ").trim();
    if (!exact) return;
    var before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    var after = document.createRange();
    after.selectNodeContents(container);
    after.setStart(range.endContainer, range.endOffset);
    var field = form.querySelector("[data-quote-field]");
    field.value = exact;
    form.querySelector("[data-quote-prefix]").value = before.toString().slice(-CONTEXT);
    form.querySelector("[data-quote-suffix]").value = after.toString().slice(0, CONTEXT);
    field.dispatchEvent(new Event("change", { bubbles: true }));
    var panel = form.closest(".tag-panel");
    if (panel) {
      panel.classList.remove("has-quote");
      void panel.offsetWidth;
      panel.classList.add("has-quote");
    }
  }

  document.addEventListener("mouseup", function (event) {
    var container = source();
    if (container && container.contains(event.target)) window.setTimeout(capture, 0);
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey || event.key === "Shift") capture();
  });
})();
