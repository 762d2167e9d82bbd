/* The glossary's filter box (macros/templates/pages/glossary.md), loaded on that page alone
   (page-scripts.js). The page shows the box where scripts run (kb.css hides it where they
   do not: the letter index and the whole list serve those readers), from the start, so
   that nothing moves when this script comes. It narrows the list to the terms whose name
   or expansion holds every word typed, accents and case aside. While it narrows, the
   letter index, whose letters lead to terms it may hide, steps aside. */
(function () {
  "use strict";

  // The words this script writes, in the page's language (interface-text.js).
  var text = window.kbText;

  var box = document.querySelector(".kb-glossary-find");
  var input = box && box.querySelector("input");
  if (!input) return;
  var status = box.querySelector(".kb-glossary-find__status");
  var index = document.querySelector(".kb-glossary-index");
  var terms = Array.prototype.slice.call(document.querySelectorAll(".kb-term[data-kb-words]"));

  function plain(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var words = terms.map(function (term) { return plain(term.getAttribute("data-kb-words")); });

  function apply() {
    var wanted = plain(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    terms.forEach(function (term, at) {
      var found = wanted.every(function (word) { return words[at].indexOf(word) >= 0; });
      term.hidden = !found;
      if (found) shown += 1;
    });
    if (index) index.hidden = wanted.length > 0;
    status.textContent = wanted.length ? text("Terms shown: %(shown)s of %(total)s",
                                              { shown: shown, total: terms.length }) : "";
  }

  input.addEventListener("input", apply);
  if (input.value) apply();  // typed before this script came, or kept by the browser
})();
