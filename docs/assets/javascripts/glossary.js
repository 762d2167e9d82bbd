/* Glossary abbreviations: each shows its meaning in a tooltip on hover and on keyboard focus.

   The meaning comes from the data, so it is set as text (textContent), never as markup.
   Material's own tooltips (the content.tooltips feature) insert an element's title as HTML,
   which would run a script written into a glossary definition wherever no
   Content-Security-Policy stops it: the offline copy, or a host without the header.
   One listener serves the whole page; a tooltip exists only while it is shown. */
(function () {
  "use strict";
  var tip = null;      // the one tooltip element, made when first needed
  var current = null;  // the abbreviation it describes
  var hideTimer = 0;

  function abbreviationAt(node) {
    return node && node.closest ? node.closest("abbr[title], abbr[data-kb-title]") : null;
  }

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "kb-tooltip";
      tip.id = "kb-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      // WCAG 1.4.13: the pointer may move onto the tooltip without it disappearing.
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", hideSoon);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(abbr) {
    clearTimeout(hideTimer);
    if (current === abbr) return;
    hide();
    var text = abbr.getAttribute("title") || abbr.getAttribute("data-kb-title");
    // While ours shows, the browser's own title tooltip would draw a second one.
    abbr.setAttribute("data-kb-title", text);
    abbr.removeAttribute("title");
    var box = tooltip();
    box.textContent = text;
    box.hidden = false;
    abbr.setAttribute("aria-describedby", box.id);
    var host = abbr.getBoundingClientRect();
    var page = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(host.left, page - box.offsetWidth - 8));
    box.style.left = (left + window.scrollX) + "px";
    box.style.top = (host.bottom + window.scrollY + 6) + "px";
    current = abbr;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (!current) return;
    current.setAttribute("title", current.getAttribute("data-kb-title"));
    current.removeAttribute("aria-describedby");
    tip.hidden = true;
    current = null;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  }

  document.addEventListener("mouseover", function (event) {
    var abbr = abbreviationAt(event.target);
    if (abbr) show(abbr);
  });
  document.addEventListener("mouseout", function (event) {
    if (current && abbreviationAt(event.target) === current) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var abbr = abbreviationAt(event.target);
    if (abbr) show(abbr); else hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();  // dismissible without moving focus (WCAG 1.4.13)
  });

  // Reachable by keyboard, so the meaning also shows on focus.
  Array.prototype.forEach.call(document.querySelectorAll("abbr[title]"), function (abbr) {
    abbr.setAttribute("tabindex", "0");
  });
})();
