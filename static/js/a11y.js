// Small accessibility helpers for every page (loaded by base.html; no inline script).
(function () {
  "use strict";

  // After a failed submit, take keyboard and screen-reader users to the error summary (WCAG 3.3.1).
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // A table wider than the screen scrolls inside its wrapper; keyboard users must be able to reach
  // and scroll it too (WCAG 2.1.1), so a wrapper that scrolls becomes a named, focusable region.
  function regionName(wrapper) {
    var table = wrapper.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (table && table.getAttribute("aria-label")) {
      return table.getAttribute("aria-label");
    }
    if (caption) {
      return caption.textContent.trim();
    }
    var section = wrapper.closest("section, .card, main");
    var heading = section && section.querySelector("h1, h2, h3, h4");
    return heading ? heading.textContent.trim() : document.title;
  }

  function makeScrollingTablesFocusable() {
    document.querySelectorAll(".table-responsive").forEach(function (wrapper) {
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        if (!wrapper.hasAttribute("aria-label") && !wrapper.hasAttribute("aria-labelledby")) {
          wrapper.setAttribute("aria-label", regionName(wrapper));
        }
      } else if (wrapper.getAttribute("role") === "region" && wrapper.getAttribute("tabindex") === "0") {
        wrapper.removeAttribute("tabindex");
      }
    });
  }

  // A page whose main job is a form starts in its first field, when that field is on the first screen
  // (after a failed submit the error summary has the focus instead).
  function focusFirstField() {
    if (document.querySelector("[data-error-summary]") || (document.activeElement && document.activeElement !== document.body)) {
      return;
    }
    var form = document.querySelector("main form[novalidate]");
    var field = form && form.querySelector(
      "input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])"
    );
    if (field && field.offsetParent !== null && field.getBoundingClientRect().top < window.innerHeight) {
      field.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    focusFirstField();
    makeScrollingTablesFocusable();
  });
  window.addEventListener("resize", makeScrollingTablesFocusable);
  document.addEventListener("htmx:afterSettle", makeScrollingTablesFocusable);
})();
