/* An old address of an entry, `practices/#id` or `meetings/#id`, from the days when every
   entry was a section of its catalogue page: its row still holds the id (so without
   scripts the address lands on the row, its page one tap away); this sends the reader on
   to the entry's own page. Loaded by the catalogue pages alone (page-scripts.js). */
(function () {
  "use strict";
  var id = decodeURIComponent(location.hash.slice(1));
  var row = id && document.getElementById(id);
  if (!row || !row.classList.contains("kb-entry-row")) return;
  var link = row.parentNode.querySelector("a[href]");
  if (link) location.replace(link.href);
})();
