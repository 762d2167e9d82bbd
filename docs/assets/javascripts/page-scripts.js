/* Scripts only one page needs (the proposal form's), loaded on that page alone: the page
   names them in `data-kb-scripts`, relative to the site's assets folder. The folder is found
   from this script's own address, so it works at any depth, under any path, from file://
   and on every engine (Zensical rewrites script addresses written into a page). */
(function () {
  "use strict";
  var holder = document.querySelector("[data-kb-scripts]");
  var self = document.currentScript;
  if (!holder || !self) return;
  var assets = self.src.replace(/javascripts\/page-scripts\.js(\?.*)?$/, "");
  holder.getAttribute("data-kb-scripts").split(/\s+/).forEach(function (path) {
    var script = document.createElement("script");
    script.src = assets + path;
    script.async = false;  // in the order given: the validator before the form
    document.body.appendChild(script);
  });
})();
