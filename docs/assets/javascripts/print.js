/* When printing, each link in the content is followed by its full address (see kb.css);
   a link within the page (a contents list, a pointer to a note) is not: on paper its
   address says nothing. */
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".md-content a[href]"), function (a) {
      if (a.classList.contains("headerlink") || a.getAttribute("href").charAt(0) === "#") return;
      a.setAttribute("data-print-url", a.href);
    });
  });
})();
