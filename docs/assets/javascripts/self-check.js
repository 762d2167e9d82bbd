/*
 * Help the Helper self-check: answers and notes live in this browser's localStorage only.
 * Nothing is sent anywhere. The summary, the download (a Markdown file made in the
 * browser) and printing all work offline.
 */
(function () {
  "use strict";

  // The words this script writes, in the page's language (interface-text.js).
  var text = window.kbText;

  var LABELS = { "in-place": text("In place"), "partly": text("Partly"), "not-yet": text("Not yet") };

  function setUp(form) {
    var key = "kb-self-check:" + form.getAttribute("data-level");
    var items = Array.prototype.map.call(form.querySelectorAll(".kb-check"), function (set) {
      var link = set.querySelector("legend a");
      return {
        id: set.getAttribute("data-id"),
        text: set.querySelector("legend").textContent.replace(/\s+/g, " ").trim(),
        href: link ? link.href : "",
        radios: set.querySelectorAll("input[type=radio]"),
        note: set.querySelector("textarea")
      };
    });
    var summary = form.querySelector(".kb-self-check__summary");

    function load() {
      try { return JSON.parse(localStorage.getItem(key)) || {}; } catch (e) { return {}; }
    }

    function read() {
      var answers = {};
      items.forEach(function (item) {
        var checked = Array.prototype.filter.call(item.radios, function (r) { return r.checked; })[0];
        var note = item.note.value.trim();
        if (checked || note) answers[item.id] = { status: checked ? checked.value : "", note: note };
      });
      return answers;
    }

    function save() {
      var answers = read();
      if (Object.keys(answers).length) localStorage.setItem(key, JSON.stringify(answers));
      else localStorage.removeItem(key);
      render(answers);
    }

    function restore() {
      var answers = load();
      items.forEach(function (item) {
        var answer = answers[item.id] || {};
        Array.prototype.forEach.call(item.radios, function (r) { r.checked = r.value === answer.status; });
        item.note.value = answer.note || "";
      });
      render(answers);
    }

    function list(title, chosen, answers) {
      var section = document.createElement("div");
      var heading = document.createElement("h3");
      heading.textContent = title + " (" + chosen.length + ")";
      section.appendChild(heading);
      if (!chosen.length) return section;
      var ul = document.createElement("ul");
      chosen.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = item.href;
        a.textContent = item.text;
        li.appendChild(a);
        var note = (answers[item.id] || {}).note;
        if (note) li.appendChild(document.createTextNode(" " + text("(your note: %(note)s)", { note: note })));
        ul.appendChild(li);
      });
      section.appendChild(ul);
      return section;
    }

    function byStatus(answers, status) {
      return items.filter(function (item) { return (answers[item.id] || {}).status === status; });
    }

    function nextSteps(answers) {
      return byStatus(answers, "not-yet").concat(byStatus(answers, "partly")).slice(0, 3);
    }

    function render(answers) {
      summary.textContent = "";
      var answered = items.filter(function (item) { return (answers[item.id] || {}).status; });
      var intro = document.createElement("p");
      intro.textContent = text("You have answered %(answered)s of %(total)s.",
                                { answered: answered.length, total: items.length });
      summary.appendChild(intro);
      summary.appendChild(list(text("Next three steps"), nextSteps(answers), answers));
      summary.appendChild(list(text("In place"), byStatus(answers, "in-place"), answers));
      summary.appendChild(list(text("Partly in place"), byStatus(answers, "partly"), answers));
    }

    function markdown() {
      var answers = read();
      var lines = ["# " + form.getAttribute("data-title"), "",
                   text("Answered on %(date)s.", { date: new Date().toISOString().slice(0, 10) }), ""];
      function section(title, chosen) {
        lines.push("## " + title, "");
        chosen.forEach(function (item) {
          var note = (answers[item.id] || {}).note;
          lines.push("- " + item.text + (note ? " " + text("(note: %(note)s)", { note: note }) : ""));
        });
        if (!chosen.length) lines.push("- " + text("(none)"));
        lines.push("");
      }
      section(text("Next three steps"), nextSteps(answers));
      ["in-place", "partly", "not-yet"].forEach(function (status) {
        section(LABELS[status], byStatus(answers, status));
      });
      section(text("Not answered"), items.filter(function (item) { return !(answers[item.id] || {}).status; }));
      return lines.join("\n");
    }

    form.addEventListener("change", save);
    form.addEventListener("input", save);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    // Clearing asks first, and offers the download beside the question.
    var confirmation = form.querySelector(".kb-self-check__confirm");
    var clearButton = form.querySelector("[data-action=clear]");
    function askToClear(open) {
      confirmation.hidden = !open;
      clearButton.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) confirmation.focus(); else clearButton.focus();
    }
    confirmation.addEventListener("keydown", function (event) {
      if (event.key === "Escape") askToClear(false);
    });

    form.addEventListener("click", function (event) {
      var action = event.target.closest && event.target.closest("[data-action]");
      action = action && action.getAttribute("data-action");
      if (action === "print") window.print();
      if (action === "clear") askToClear(confirmation.hidden);
      if (action === "cancel-clear") askToClear(false);
      if (action === "confirm-clear") {
        localStorage.removeItem(key);
        restore();
        askToClear(false);
      }
      if (action === "download") {
        var blob = new Blob([markdown()], { type: "text/markdown" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = key.replace(":", "-") + ".md";
        document.body.appendChild(link);
        link.click();
        link.remove();
      }
    });
    restore();
  }

  Array.prototype.forEach.call(document.querySelectorAll("form.kb-self-check"), setUp);
})();
