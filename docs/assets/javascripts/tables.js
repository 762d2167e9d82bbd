/*
 * Filterable, sortable tables, without any network request.
 *
 * A table inside <div class="kb-table"> comes with its filter form, written into the page
 * (parts.md, `table_filters`): a text box, and a drop-down per column it names, which this
 * script fills with the column's values. Its column headings become buttons that sort. The
 * filter state is kept in the address (?country=Germany&q=family), so a filtered view can
 * be bookmarked or shared. Cells may carry data-sort (e.g. an ISO date) to sort by.
 *
 * (At a phone's width such tables show each row as a block, each cell under its column's
 * name: the names are written into the cells with the page, by macros/table_labels.py.)
 */
(function () {
  "use strict";

  // The words this script writes, in the page's language (interface-text.js).
  var text = window.kbText;

  var SEPARATOR = /\s*;\s*/; // multi-valued cells list their values separated by ";"

  function cellValues(cell) {
    var text = cell.textContent.trim();
    return text ? text.split(SEPARATOR) : [];
  }

  function setUp(wrapper) {
    var table = wrapper.querySelector("table");
    var form = wrapper.querySelector("form.kb-table__filters");
    if (!table || !form || !table.tHead || !table.tBodies.length) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = headers.map(function (th) { return th.textContent.trim(); });
    var searchBox = form.querySelector("input[type=search]");
    var status = form.querySelector(".kb-table__status");
    var controls = Array.prototype.slice.call(form.querySelectorAll("input, select"));
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    // Each drop-down offers the values of its column (the page names the column).
    Array.prototype.forEach.call(form.querySelectorAll("select[data-filter]"), function (select) {
      var column = names.indexOf(select.getAttribute("data-filter"));
      if (column < 0) return;
      select.setAttribute("data-column", column);
      var values = {};
      rows.forEach(function (row) {
        cellValues(row.cells[column]).forEach(function (value) { values[value] = true; });
      });
      Object.keys(values).sort().forEach(function (value) {
        select.appendChild(new Option(value, value));
      });
    });
    controls.forEach(function (control) { control.addEventListener("input", apply); });
    form.querySelector("[data-action=clear]").addEventListener("click", function () {
      controls.forEach(function (control) { control.value = ""; });
      apply();
    });

    function apply() {
      var query = searchBox.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var visible = !query || row.textContent.toLowerCase().indexOf(query) >= 0;
        controls.forEach(function (control) {
          var column = control.getAttribute("data-column");
          if (visible && column !== null && control.value) {
            visible = cellValues(row.cells[column]).indexOf(control.value) >= 0;
          }
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      status.textContent = text("%(shown)s of %(total)s rows shown", { shown: shown, total: rows.length });
      var params = new URLSearchParams(location.search);
      controls.forEach(function (control) {
        if (control.value) params.set(control.name, control.value);
        else params.delete(control.name);
      });
      var search = params.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }

    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-table__sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[column]), y = sortKey(b.cells[column]);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    var params = new URLSearchParams(location.search);
    controls.forEach(function (control) {
      var value = params.get(control.name);
      if (value !== null) control.value = value;
    });
    apply();
  }

  function sortKey(cell) {
    var keyed = cell.querySelector("[data-sort]");
    return (keyed ? keyed.getAttribute("data-sort") : cell.textContent).trim().toLowerCase();
  }

  Array.prototype.forEach.call(document.querySelectorAll(".kb-table"), setUp);
})();
