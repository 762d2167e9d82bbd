/* Glossary abbreviations: make each one reachable by keyboard, so its meaning (shown as a
   tooltip on hover) also shows on focus. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("abbr[title]"), function (abbr) {
    abbr.setAttribute("tabindex", "0");
  });
})();
