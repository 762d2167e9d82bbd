/* An old address of an entry, `practices/#id` or `meetings/#id`, from the days when every
   entry was a section of its catalogue page: its row still holds the id (so without
   scripts the address lands on the row, its page one tap away); this sends the reader on
   to the entry's own page. An id with no row here (a long list goes on over several
   pages) goes to the address of its page, which the list gives with ENTRY_ID for the id.
   Loaded by the catalogue pages alone (page-scripts.js). */
(function () {
  "use strict";
  var id = decodeURIComponent(location.hash.slice(1));
  var list = document.querySelector("[data-kb-entry-address]");
  if (!id || !list) return;
  var row = document.getElementById(id);
  if (row && row.classList.contains("kb-entry-row")) {
    var link = row.parentNode.querySelector("a[href]");
    if (link) location.replace(link.href);
  } else if (!row && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {  // an entry id, nothing else
    location.replace(list.getAttribute("data-kb-entry-address").replace("ENTRY_ID", id));
  }
})();
