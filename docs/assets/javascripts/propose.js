/* The proposal form (propose.md): writes the proposal as a data file and checks it against
   the published JSON Schema (the vendored @cfworker/json-schema validator), explaining each
   problem with the words `make validate` uses (embedded as `messages`). Everything happens
   in this browser tab; nothing is sent anywhere unless the reader sends it: by e-mail to the
   editors (`email`), or on the repository (a new issue, or the new-file page). */
(function () {
  "use strict";

  // The words this script writes, in the page's language (interface-text.js).
  var text = window.kbText;
  var form = document.getElementById("kb-propose");
  if (!form || !window.KBJsonSchema) return;
  var data = JSON.parse(document.getElementById("kb-propose-data").textContent);
  var validator = new window.KBJsonSchema.Validator(data.schema, "2020-12", false);
  var output = document.getElementById("kb-propose-yaml");
  var status = document.getElementById("kb-propose-status");
  var LONG_TEXT = ["summary", "text", "description", "definition", "introduction", "value"];
  var current = { yaml: "", file: "", valid: false, title: "" };
  // Longer addresses may be cut by mail programs (about 2,000 characters) or refused by the
  // hosting platform; the proposal then goes as a pasted or attached file.
  var LIMIT = { mail: 2000, issue: 8000 };
  var NEW_DOCUMENT = "+new";  // a new practice's document, described in the form (not an id)
  var touched = {};  // fields the reader has changed, by id: only their errors show, until
                     // an action
  var showAll = false;

  function kind() { return form.querySelector("input[name=kind]:checked").value; }
  function fieldset(name) { return form.querySelector("fieldset[data-kind=" + name + "]"); }
  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function slug(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
  }

  /* --- The entry, as the data model has it ------------------------------------------ */

  // The fields of `box`, not those of a box inside it (a new practice's document)
  function own(box, selector) {
    return Array.prototype.filter.call(box.querySelectorAll(selector), function (element) {
      return element.closest("fieldset[data-kind]") === box;
    });
  }

  function valueOf(box, name) {
    var group = own(box, "fieldset[data-field=" + name + "]")[0];
    if (group) {
      return Array.prototype.map.call(group.querySelectorAll("input:checked"),
        function (input) { return input.value; });
    }
    var input = own(box, "[data-field=" + name + "]")[0];
    if (!input) return undefined;
    var text = input.value.trim();
    if (input.type === "number") return text === "" ? undefined : Number(text);
    return text === "" ? undefined : text.replace(/\s+/g, " ");
  }

  function newEntry(name) {
    var box = fieldset(name), entry = { id: valueOf(box, "id") };  // the id comes first
    own(box, "[data-field]").forEach(function (input) {
      var field = input.getAttribute("data-field");
      if (["id", "document", "section", "page"].indexOf(field) >= 0) return;
      var value = valueOf(box, field);
      if (value !== undefined && !(Array.isArray(value) && !value.length)) entry[field] = value;
    });
    if (!own(box, "[data-field=document]").length) return entry;  // a source document
    var source = { document: valueOf(box, "document"), section: valueOf(box, "section"),
                   page: valueOf(box, "page") };
    Object.keys(source).forEach(function (key) {
      if (source[key] === undefined) delete source[key];
    });
    entry.sources = [source];
    return entry;
  }

  function existing(id) {
    var where = data.located[id];
    return where ? data.entries[where.collection].filter(function (e) { return e.id === id; })[0]
      : null;
  }

  function correctedEntry() {
    var id = valueOf(fieldset("correction"), "entry");
    var field = form.querySelector("#correction-field").value;
    if (!id || !field) return null;
    var entry = JSON.parse(JSON.stringify(existing(id)));
    entry[field] = valueOf(fieldset("correction"), "value");
    if (entry[field] === undefined) delete entry[field];
    return { collection: data.located[id].collection, entry: entry };
  }

  /* --- Checking, in the validator's words ------------------------------------------- */

  function explain(error, entry) {
    var field = error.instanceLocation.split("/").slice(3);
    var value = field.reduce(function (v, key) { return v == null ? v : v[key]; }, entry);
    var name = field[0] === "sources" ? field[field.length - 1] : field[0];
    var words;
    if (error.keyword === "required") {
      name = (error.error.match(/"([^"]+)"/) || [])[1] || name;
      words = text(data.messages.missing);
    } else if (error.keyword === "pattern" && name === "id") {
      words = format(text(data.messages.invalid_id), { value: value });
    } else if (error.keyword === "pattern" && name === "date") {
      words = text(data.messages.date);
    } else if (error.keyword === "minLength") {
      words = text(data.messages.too_short);
    } else if (error.keyword === "maxLength") {
      var limit = (error.error.match(/> (\d+)/) || [])[1];  // "too long (83 > 80)"
      var tooLong = name === "id" ? data.messages.id_too_long : data.messages.too_long;
      words = format(text(tooLong), { length: String(value).length, limit: limit });
    } else if ((error.keyword === "minimum" || error.keyword === "maximum") && name === "page") {
      words = format(text(data.messages.page_range), { value: value });
    } else if (error.keyword === "enum" || error.keyword === "const") {
      words = text("'%(value)s' is not one of the values this field takes", { value: value });
    } else if (error.keyword === "type" && /"null"/.test(error.error)) {
      return null;  // an optional field's other choice, nothing: its first choice's error says it
    } else if (error.keyword === "type") {
      words = text("this value has the wrong kind: %(error)s", { error: error.error });
    } else {
      return null;  // a summary of errors found inside; each of those is reported itself
    }
    return { field: name, words: words };
  }

  function problems(collection, entry, isNew) {
    var document = {};
    document[collection] = [JSON.parse(JSON.stringify(entry))];  // drops empty fields
    var found = validator.validate(document).errors.map(function (error) {
      return explain(error, entry);
    }).filter(Boolean);
    if (isNew && entry.id && data.located[entry.id]) {
      var other = data.located[entry.id];
      found.push({ field: "id", words: format(text(data.messages.duplicate_id), {
        kind: text(data.kinds[other.collection] || "entry"),
        place: other.file + ":" + other.line }) });
    }
    return found;
  }

  function showProblems(box, found) {
    Array.prototype.forEach.call(box.querySelectorAll(".kb-propose__error"), function (p) {
      p.textContent = "";
    });
    Array.prototype.forEach.call(box.querySelectorAll("[aria-invalid]"), function (input) {
      input.removeAttribute("aria-invalid");
    });
    found.forEach(function (problem) {
      var input = own(box, "[data-field=" + problem.field + "]")[0];
      if (!showAll && !(input && touched[input.id])) return;
      var slot = input && document.getElementById(input.id + "-error");
      if (!slot) slot = box.querySelector(".kb-propose__error");
      if (input) input.setAttribute("aria-invalid", "true");
      slot.textContent = slot.textContent ? slot.textContent + " " + problem.words
        : problem.words;
    });
  }

  /* --- The data file ----------------------------------------------------------------
     Every value, key and comment goes into the YAML through `scalar` or `comment`, which
     write it as data: whatever an entry, a translation or a folder's name holds (a line
     break, `key: value`, `#`), it never becomes YAML of its own. */

  // What a comment or a folded block cannot hold: control characters (line breaks among
  // them), and what YAML reads as a line break or refuses as unprintable (U+0085 and
  // U+2028 are line breaks to it; a half of a surrogate pair on its own is no character).
  // JSON's string syntax escapes the first, and leaves the others as they are.
  var UNWRITABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/u;
  var EVERY_UNWRITABLE = new RegExp(UNWRITABLE.source, "gu");

  function escaped(character) {
    return "\\u" + ("000" + character.charCodeAt(0).toString(16)).slice(-4);
  }

  // A value as YAML reads it back exactly: JSON's syntax for it (a double-quoted string,
  // a number, a list or mapping of them) is YAML's too, with what JSON leaves raw escaped.
  // Long text wrapped at `indent` as a folded block (`>-`, the reader joins the lines),
  // where that gives it back exactly: printable words between single spaces.
  function scalar(value, indent) {
    if (indent !== undefined && typeof value === "string" && value.length > 60 &&
        /^\S+( \S+)*$/.test(value) && !UNWRITABLE.test(value)) {
      return folded(value, indent);
    }
    return JSON.stringify(value).replace(EVERY_UNWRITABLE, escaped);
  }

  // A key: plain where it is a name of the data model, otherwise quoted like any text
  function key(name) {
    return /^[a-z][a-z0-9_]*$/.test(name) ? name : scalar(String(name));
  }

  // A comment line: a comment ends at the line break, so nothing in it may break the line
  // or be unprintable: each line break and control character becomes a space.
  function comment(words) {
    return "# " + String(words).replace(EVERY_UNWRITABLE, " ");
  }

  function folded(text, indent) {  // printable words between single spaces: `scalar`
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > 88 - indent.length) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    lines.push(line);
    return ">-\n" + lines.map(function (l) { return indent + l; }).join("\n");
  }

  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  function entryYaml(entry) {
    var out = [];
    var keys = Object.keys(entry).filter(function (name) { return entry[name] !== undefined; });
    keys.forEach(function (name, index) {
      var value = entry[name], lead = (index === 0 ? "  - " : "    ") + key(name) + ":";
      if (name === "sources" && Array.isArray(value)) {
        out.push(lead);
        value.forEach(function (source) {
          Object.keys(source).forEach(function (field, i) {
            out.push((i === 0 ? "      - " : "        ") + key(field) + ": " +
                     scalar(source[field]));
          });
        });
      } else if (Array.isArray(value) && value.every(function (v) { return SLUG.test(v); })) {
        out.push(lead + " [" + value.join(", ") + "]");  // ids
      } else if (Array.isArray(value)) {
        out.push(lead);
        value.forEach(function (item) { out.push("      - " + scalar(item)); });
      } else {
        out.push(lead + " " + scalar(value, LONG_TEXT.indexOf(name) >= 0 ? "      " : undefined));
      }
    });
    return out.join("\n");
  }

  function dataFile(entries, note) {  // entries: [collection, entry] pairs
    return "# yaml-language-server: $schema=../../schema/knowledge-base.schema.json\n" +
      (note ? comment(note) + "\n" : "") + entries.map(function (pair) {
        return key(pair[0]) + ":\n" + entryYaml(pair[1]) + "\n";
      }).join("");
  }

  // A new practice comes from a new document (CONTRIBUTING.md, section 2): one the reader
  // describes, proposed first in the same file, or one the knowledge base does not
  // transcribe in full. Returns the described document and its problems (`found`), and
  // the practice's problem with the document it cites (`cited`).
  function practiceDocument(practice) {
    var box = fieldset("sources"), source = practice.sources[0];
    box.hidden = source.document !== NEW_DOCUMENT;
    if (source.document !== NEW_DOCUMENT) {
      if (data.transcribed.indexOf(source.document) < 0) return { found: [], cited: [] };
      var option = form.querySelector("#practices-document option[value='" + NEW_DOCUMENT + "']");
      var words = text("Every practice this document lists is in the knowledge base already: a new practice comes from another document. Choose “%(option)s” and describe it.",
                       { option: option.textContent });
      return { found: [], cited: [{ field: "document", words: words }] };
    }
    var paper = newEntry("sources");
    source.document = paper.id;
    if (!paper.id) delete source.document;  // missing: reported at the document's own id
    return { entry: paper, found: problems("sources", paper, true), cited: [] };
  }

  /* --- Putting it together ---------------------------------------------------------- */

  function update() {
    var name = kind();
    Array.prototype.forEach.call(form.querySelectorAll(".kb-propose__fields"), function (box) {
      box.hidden = box.getAttribute("data-kind") !== name;
    });
    var collection, entry, note = "", found, paper = { found: [] };
    current.title = "";
    if (name === "correction") {
      var corrected = correctedEntry();
      if (!corrected) {
        showProblems(fieldset(name), []);
        return show("", "", false, text("Choose the entry and the field to correct."));
      }
      collection = corrected.collection;
      entry = corrected.entry;
      var where = data.located[entry.id];
      note = text("A correction: this replaces the entry '%(id)s' in %(file)s (line %(line)s).",
                  { id: entry.id, file: where.file, line: where.line });
      found = problems(collection, entry, false);
    } else {
      collection = name;
      entry = newEntry(name);
      if (name === "practices") paper = practiceDocument(entry);
      found = problems(collection, entry, true).filter(function (problem) {
        return !(paper.entry && problem.field === "document");  // reported at its own id
      }).concat(paper.cited || []);
    }
    showProblems(fieldset(name), found);
    if (name === "practices") showProblems(fieldset("sources"), paper.found);
    found = found.concat(paper.found);
    var file = name === "correction" ? data.located[entry.id].file
      : data.folder + "/" + (entry.id || "proposal") + ".yml";
    current.title = entry.name || entry.id || "";
    var entries = paper.entry ? [["sources", paper.entry], [collection, entry]]
      : [[collection, entry]];
    show(dataFile(entries, note), file, !found.length,
         !found.length ? text("Ready: the proposal passes the checks.")
           : text(found.length > 1 ? "%(count)s problems to fix: each shows next to its field once you fill the field in, and all when you copy or download."
             : "%(count)s problem to fix: it shows next to its field once you fill the field in, or when you copy or download.",
             { count: found.length }));
  }

  function show(yaml, file, valid, message) {
    current.yaml = yaml;
    current.file = file;
    current.valid = valid;
    output.textContent = yaml;
    status.textContent = message;
    send();
  }

  /* --- Where it goes: the editors' address, a new issue on the repository ------------ */

  // `start` (an address ending in its last parameter's name) with the proposal as that
  // parameter, encoded; if that is too long, with a line asking for it to be pasted or
  // attached instead, and `current.tooLong` says so.
  function withProposal(start, proposal, limit) {
    var address = start + encodeURIComponent(proposal);
    if (address.length <= limit) return address;
    current.tooLong = true;
    return start + encodeURIComponent(text("Paste your proposal here, or attach the file you downloaded."));
  }

  function send() {
    var subject = text("Proposal for the knowledge base: %(entry)s", { entry: current.title });
    var mail = document.querySelector(".kb-propose__actions [data-action=mail]");
    var issue = document.querySelector(".kb-propose__actions [data-action=issue]");
    var notes = [];
    current.tooLong = false;
    if (mail) {
      mail.href = withProposal("mailto:" + data.email.split("@").map(encodeURIComponent)
        .join("@") + "?subject=" + encodeURIComponent(subject) + "&body=", current.yaml,
        LIMIT.mail);
      notes.push(text("If no e-mail program opens, copy your proposal and send it to %(address)s.",
                      { address: data.email }));
    }
    if (issue) {
      issue.href = withProposal(data.repository.url.replace(/\/$/, "") + "/issues/new?title=" +
        encodeURIComponent(subject) + "&body=", "```yaml\n" + current.yaml + "```\n",
        LIMIT.issue);
    }
    if (current.tooLong) {
      notes.unshift(text("Your proposal is too long to be written into the message for you: copy it and paste it in, or attach the downloaded file."));
    }
    var hint = document.getElementById("kb-propose-send");
    if (hint.textContent !== notes.join(" ")) hint.textContent = notes.join(" ");  // read out once
  }

  function touch(event) {
    var holder = event.target.closest("[data-field]");
    if (holder) touched[holder.id] = true;
  }

  form.addEventListener("input", function (event) {
    var target = event.target;
    touch(event);
    var field = target.getAttribute("data-field");
    if (field === "name" || field === "title") {  // suggest an id from the name or title
      var id = own(target.closest("fieldset[data-kind]"), "[data-field=id]")[0];
      if (id && (!id.value || id.getAttribute("data-suggested") === id.value)) {
        id.value = slug(target.value);
        id.setAttribute("data-suggested", id.value);
      }
    }
    update();
  });
  form.addEventListener("change", function (event) {
    touch(event);
    if (event.target.id === "correction-entry") chooseEntry();
    if (event.target.id === "correction-field") chooseField();
    update();
  });

  function chooseEntry() {
    var entry = existing(valueOf(fieldset("correction"), "entry"));
    var select = form.querySelector("#correction-field");
    select.textContent = "";
    Object.keys(entry || {}).forEach(function (key) {
      if (typeof entry[key] !== "string" || key === "id") return;
      var option = document.createElement("option");
      option.value = option.textContent = key;
      select.appendChild(option);
    });
    chooseField();
  }

  function chooseField() {
    var entry = existing(valueOf(fieldset("correction"), "entry"));
    var field = form.querySelector("#correction-field").value;
    form.querySelector("#correction-value").value = entry && field ? entry[field] : "";
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest &&
      event.target.closest(".kb-propose__actions [data-action]");
    if (!button) return;
    var action = button.getAttribute("data-action"), link = button.tagName === "A";
    if (!current.yaml) {
      if (link) event.preventDefault();
      return;
    }
    if (!current.valid && !showAll) {  // first show every problem, next to its field
      showAll = true;
      update();
      if (link) {  // and send only once the reader has seen them: a second click sends
        event.preventDefault();
        return;
      }
    }
    if (action === "copy") {
      copy(current.yaml);
    } else if (action === "download") {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([current.yaml], { type: "text/yaml" }));
      link.download = current.file.split("/").pop();
      document.body.appendChild(link);
      link.click();
      link.remove();
    } else if (action === "open") {
      window.open(projectPage(), "_blank", "noopener");
    }
  });

  function copy(yaml) {
    function fallback() {  // file:// pages may not have the clipboard API
      var range = document.createRange();
      range.selectNodeContents(output);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      document.execCommand("copy");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(yaml).then(function () {
        status.textContent = text("Copied.");
      }, fallback);
    } else {
      fallback();
      status.textContent = text("Copied.");
    }
  }

  function urlPath(path) {  // a file's path in an address: each folder's name encoded
    return path.split("/").map(encodeURIComponent).join("/");
  }

  function projectPage() {  // GitHub's and Gitea's address forms; others open the repository
    var base = data.repository.url.replace(/\/$/, "");
    var branch = ((data.repository.edit_uri || "").split("/")[1]) || "main";
    if (kind() === "correction") {
      var where = data.located[correctedEntry().entry.id];
      return base + "/edit/" + branch + "/" + urlPath(where.file) + "#L" + where.line;
    }
    var folder = urlPath(current.file.split("/").slice(0, -1).join("/"));
    return base + "/new/" + branch + "/" + folder + "?filename=" +
      encodeURIComponent(current.file.split("/").pop()) + "&value=" +
      encodeURIComponent(current.yaml);
  }

  update();
})();
