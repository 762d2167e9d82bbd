/* When printing, each link in the content is followed by its full address (see kb.css). */
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".md-content a[href]"), function (a) {
      if (!a.classList.contains("headerlink")) a.setAttribute("data-print-url", a.href);
    });
  });
})();
