/* tidtam's few behaviours on every page (base.html); the pages work without them.
   - A table that scrolls sideways in its wrapper can be reached and scrolled with the keyboard:
     the wrapper becomes a focusable region named after the table (WCAG 2.1.1; axe's
     scrollable-region-focusable), never with the name of the section around it (axe's
     landmark-unique). One that fits is left out of the tab order.
   - A <details data-open-wide> (the project list's filters) is open on a wide screen; on a
     phone it stays folded so the list comes first. */
(function () {
  "use strict";
  var WRAPPERS = ".table-wrap, .overflow-auto";

  function nameOf(wrapper) {
    var table = wrapper.querySelector("table");
    var caption = table && table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    if (table && table.getAttribute("aria-label")) return table.getAttribute("aria-label");
    var section = wrapper.closest("section[aria-labelledby]");
    if (section) {
      // the section is a region of that name already: this one is its table
      var heading = document.getElementById(section.getAttribute("aria-labelledby"));
      var word = document.body.getAttribute("data-table-word") || "table";
      if (heading) return word + ": " + heading.textContent.trim();
    }
    for (var node = wrapper.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.trim();
    }
    var title = document.querySelector("main h1");
    return title ? title.textContent.trim() : document.title;
  }

  // a wrapper the template already made a region (tabindex) is left as it is
  function markScrollRegions() {
    document.querySelectorAll(WRAPPERS).forEach(function (wrapper) {
      var mine = wrapper.hasAttribute("data-scroll-region");
      if (wrapper.hasAttribute("tabindex") && !mine) return;
      if (wrapper.scrollWidth > wrapper.clientWidth + 1) {
        if (mine) return;
        wrapper.setAttribute("data-scroll-region", "");
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", nameOf(wrapper));
      } else if (mine) {
        ["data-scroll-region", "tabindex", "role", "aria-label"].forEach(function (name) {
          wrapper.removeAttribute(name);
        });
      }
    });
  }

  function openWhenWide() {
    if (!window.matchMedia("(min-width: 577px)").matches) return;
    document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
      details.open = true;
    });
  }

  function ready() {
    openWhenWide();
    markScrollRegions();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
  window.addEventListener("resize", function () { markScrollRegions(); });
  document.addEventListener("htmx:afterSettle", function () { markScrollRegions(); });
})();
