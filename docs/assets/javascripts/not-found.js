/* The "Page not found" page: the address the reader followed or typed, which the server's
   404.html hands on (`?address=…`, macros/not_found.py), shown as text, so that they can see
   what to correct. */
(function () {
  "use strict";
  var shown = document.querySelector(".kb-not-found-address");
  var address = new URLSearchParams(location.search).get("address");
  if (!shown || !address) return;
  shown.querySelector("code").textContent = address;
  shown.hidden = false;
})();
