/* An old address of an entry, `practices/#id` or `meetings/#id`, from the days when every
   entry was a section of its catalogue page: its row still holds the id (so without
   scripts the address lands on the row, its page one tap away); this sends the reader on
   to the entry's own page. An id with no row here (a long list goes on over several
   pages) goes to the address of its page, which such a list gives with ENTRY_ID for the id;
   on a list of one page, any other address (an old year's heading) stays on the list.
   Loaded by the catalogue pages alone (page-scripts.js). */
(function () {
  "use strict";
  var id = decodeURIComponent(location.hash.slice(1));
  if (!id) return;
  var row = document.getElementById(id);
  var list = document.querySelector("[data-kb-entry-address]");  // a list of several pages
  if (row && row.classList.contains("kb-entry-row")) {
    var link = row.parentNode.querySelector("a[href]");
    if (link) location.replace(link.href);
  } else if (!row && list && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {  // an id, nothing else
    location.replace(list.getAttribute("data-kb-entry-address").replace("ENTRY_ID", id));
  }
})();
