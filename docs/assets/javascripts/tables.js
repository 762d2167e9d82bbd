/*
 * Filterable, sortable tables, without any network request.
 *
 * Any table inside <div class="kb-table" data-filters="Country,Status"> gets a text filter,
 * one drop-down per column named in data-filters, and sortable column headers. The filter
 * state is kept in the address (?country=Germany&q=family), so a filtered view can be
 * bookmarked or shared. Cells may carry data-sort (e.g. an ISO date) to sort by.
 *
 * Under a phone's width, such tables and <div class="kb-stack"> ones show each row as a
 * block, each cell under its column's name (kb.css): every cell gets that name as
 * data-label, and the table keeps its roles for assistive technology, which a table shown
 * as blocks would otherwise lose.
 */
(function () {
  "use strict";

  // The words this script writes, in the page's language: the page gives them as JSON keyed
  // by the English (parts.md, `script_strings`); where it gives none, the English stays.
  // `%(name)s` in a string takes values[name].
  var STRINGS = {};
  Array.prototype.forEach.call(document.querySelectorAll("script.kb-strings"), function (block) {
    try { Object.assign(STRINGS, JSON.parse(block.textContent)); } catch (e) { /* English */ }
  });
  function text(english, values) {
    var shown = Object.prototype.hasOwnProperty.call(STRINGS, english) ? STRINGS[english] : english;
    return shown.replace(/%\((\w+)\)s/g, function (slot, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : slot;
    });
  }

  var SEPARATOR = /\s*;\s*/; // multi-valued cells list their values separated by ";"

  function cellValues(cell) {
    var text = cell.textContent.trim();
    return text ? text.split(SEPARATOR) : [];
  }

  function slug(text) {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  }

  function setUp(wrapper, number) {
    var table = wrapper.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = headers.map(function (th) { return th.textContent.trim(); });
    var wanted = (wrapper.getAttribute("data-filters") || "").split(",")
      .map(function (name) { return name.trim(); }).filter(Boolean);

    var form = document.createElement("form");
    form.className = "kb-table__filters";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", text("Filter the table"));
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var controls = [];
    function addControl(labelText, control, key) {
      var id = "kb-table-" + number + "-" + key;
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = labelText;
      control.id = id;
      control.name = key;
      var field = document.createElement("span");
      field.className = "kb-table__field";
      field.appendChild(label);
      field.appendChild(control);
      form.appendChild(field);
      controls.push(control);
      control.addEventListener("input", apply);
    }

    var searchBox = document.createElement("input");
    searchBox.type = "search";
    searchBox.setAttribute("autocomplete", "off");
    addControl(text("Contains"), searchBox, "q");

    wanted.forEach(function (name) {
      var column = names.indexOf(name);
      if (column < 0) return;
      var select = document.createElement("select");
      select.setAttribute("data-column", column);
      var values = {};
      rows.forEach(function (row) {
        cellValues(row.cells[column]).forEach(function (value) { values[value] = true; });
      });
      select.appendChild(new Option(text("All"), ""));
      Object.keys(values).sort().forEach(function (value) {
        select.appendChild(new Option(value, value));
      });
      addControl(name, select, slug(name));
    });

    var status = document.createElement("p");
    status.className = "kb-table__status";
    status.setAttribute("role", "status");
    form.appendChild(status);

    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button";
    reset.textContent = text("Clear filters");
    reset.addEventListener("click", function () {
      controls.forEach(function (control) { control.value = ""; });
      apply();
    });
    form.appendChild(reset);
    wrapper.insertBefore(form, wrapper.firstChild);

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

  function label(table) {
    if (!table.tHead) return;
    var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.replace(/[↕↑↓]/g, "").trim();
    });
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        cell.setAttribute("role", cell.tagName === "TH" ? "columnheader" : "cell");
        if (cell.tagName === "TD") cell.setAttribute("data-label", names[column] || "");
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".kb-table table, .kb-stack table"), label);
  Array.prototype.forEach.call(document.querySelectorAll(".kb-table"), setUp);
})();
