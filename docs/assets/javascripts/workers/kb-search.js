/*
 * Search that answers everyday wording, in every language of the site. This worker is
 * Material's own search worker (lunr, offline, also from file:// through the iframe-worker
 * shim) with one step in front of it: each query is widened before Material reads it, so that
 *   - one typo is tolerated in longer words ("supervison", "burnuot", "resiliance");
 *   - accents may be left out ("deradicalisation" finds "déradicalisation", "Pravention"
 *     finds "Prävention"): every word of the index and of each query is written without them;
 *   - the spelling variants the sources themselves use are found either way (organisation
 *     and organization, behaviour and behavior, burnout and burn-out): one spelling is
 *     indexed and searched for both, and a hyphenated word is indexed as its parts and as
 *     one word;
 *   - a word's ending does not hide its stem ("talking" finds "talk");
 *   - an abbreviation finds its expansion and the other way round (PFA and psychological
 *     first aid, or "premiers secours psychologiques"), from the glossary's "Short for"
 *     lines in the search index itself, in whatever language they are written;
 *   - the words of the page's language that say nothing ("how", "do", "my"; "de", "la";
 *     "der", "und") do not match every title that starts with them;
 *   - "myself" finds the pages that speak to the reader as "yourself".
 * What is done to the words of a query is done to the words of the index, whatever the
 * language: Material sets up French or German search with lunr-languages' own pipeline,
 * so the index is reached through lunr's Builder, which every language uses, not through
 * the English functions that language plugins replace.
 * A query that already uses lunr's own syntax (+, -, ~, ^, *, field:) is left as typed.
 * overrides/main.html points Material at this file and names Material's worker in its
 * address (?material=...), so the two stay one version.
 */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
  var GLOSSARY_TERM = /(^|\/)glossary(\/|\.html)(index\.html)?#term-/;
  // A glossary term's first line, "Short for: Multi-Agency Work" in English, "Abréviation
  // de : Multi-Agency Work (Travail interinstitutionnel)" in French: a label, a colon, the
  // expansion. Which label says "short for" is not known here; it is the one most terms
  // start with (other first lines are definitions, each worded its own way).
  var LABELLED_LINE = /^<p>([^<:]{1,40}?)\s*:\s*([^<]+)<\/p>/;
  var HYPHENS = [0x2d, 0x2010, 0x2011];  // between the parts of a hyphenated word

  var languages = ["en"];  // the index's languages, from Material's setup message
  var abbreviations = {};  // "pfa" -> ["psychological", "first", "aid"]
  var expansions = [];     // [["psychological first aid", "pfa"], ...]

  function words(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}&/+]+/u).filter(Boolean);
  }

  function decode(html) {
    return html.replace(/<[^>]*>/g, " ").replace(/&amp;/g, "&").replace(/&quot;/g, "\"")
      .replace(/&#39;|&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  function learnGlossary(docs) {
    var lines = [], counts = {}, label = null;
    docs.forEach(function (doc) {
      if (!GLOSSARY_TERM.test(doc.location)) return;
      var line = LABELLED_LINE.exec(doc.text || "");
      if (!line) return;
      var name = line[1].replace(/\s+/g, " ").trim().toLowerCase();
      lines.push({ doc: doc, label: name, expansion: decode(line[2]) });
      counts[name] = (counts[name] || 0) + 1;
      if (counts[name] >= 2 && (label === null || counts[name] > counts[label])) label = name;
    });
    lines.forEach(function (line) {
      if (line.label !== label) return;
      // "Psychological first aid (Premiers secours psychologiques)": each spelling of the
      // expansion is typed on its own, and finds the abbreviation; "organisation(s)" is
      // one word.
      var variants = line.expansion.replace(/(\p{L})\(\p{L}{1,3}\)/gu, "$1").split(/[()]/)
        .map(words).filter(function (list) { return list.length; });
      var expansion = [].concat.apply([], variants);
      decode(line.doc.title).split(/[(),]/).forEach(function (variant) {
        var abbreviation = variant.trim().toLowerCase();
        if (!abbreviation || abbreviation.indexOf(" ") >= 0 && abbreviation.length > 12) return;
        abbreviations[normalize(abbreviation.replace(/\s+/g, " "))] = expansion;
        variants.forEach(function (list) {
          expansions.push([list.map(normalize).join(" "), abbreviation]);
        });
      });
    });
  }

  // The words that say nothing in the page's language, as its search index leaves them
  // out, and in English, which every language's pages quote (names, titles, a text not yet
  // translated) and which the glossary's expansions are written in.
  function isStopWord(word) {
    var lunr = self.lunr;
    return !!lunr && ["en"].concat(languages).some(function (code) {
      var filter = code === "en" ? lunr.stopWordFilter : lunr[code] && lunr[code].stopWordFilter;
      return !!filter && filter(word) === undefined;
    });
  }

  // Every word of the index, to tell a word the site uses from a typo or a variant.
  var vocabulary = [];
  function learnWords(docs) {
    var seen = {};
    docs.forEach(function (doc) {
      var text = decode((doc.title || "") + " " + (doc.text || "")).toLowerCase();
      words(text).concat((text.match(/\p{L}+(?:-\p{L}+)+/gu) || []).map(function (word) {
        return word.replace(/-/g, "");  // indexed as one word too (hyphenated, below)
      })).forEach(function (word) {
        seen[normalize(word)] = true;
      });
    });
    vocabulary = Object.keys(seen);
  }
  function known(word) {  // Material matches a word as the start of a longer one too
    for (var i = 0; i < vocabulary.length; i++) if (vocabulary[i].indexOf(word) === 0) return true;
    return false;
  }

  // One spelling for what readers type in more than one way, applied to every word of the
  // index and of each query alike, in every language: a word without its accents
  // (déradicalisation, deradicalisation; Prävention, Pravention; œ, ß as oe, ss), and the
  // spelling variants the sources themselves use: organisation and organization,
  // behaviour and behavior, analyse and analyze, programme and program all become one word.
  var spellings = Object.create(null);  // each word once: the index says most words often
  function normalize(word) {
    var spelling = spellings[word];
    if (spelling === undefined) spelling = spellings[word] = respell(word);
    return spelling;
  }
  function respell(word) {
    return word.normalize("NFD").replace(/\p{M}+/gu, "")
      .replace(/ß/g, "ss").replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ø/g, "o")
      .replace(/^(\p{L}{3,})is(e|ed|es|ing|ation|ations|er|ers)$/u, "$1iz$2")
      .replace(/^(\p{L}{2,})ys(e|ed|es|ing)$/u, "$1yz$2")
      .replace(/^(\p{L}{3,})our(s|al|ally|ed|ing|ite|ites)?$/u, "$1or$2")
      .replace(/^programme(s)?$/, "program$1");
  }

  // The reader's own words for what a page calls "you".
  function variants(word) {
    return { myself: ["yourself"], ourselves: ["yourselves"], me: ["you"] }[word] || [];
  }

  // Where a token stands in the text it was read from: Material's tokenizer records each
  // token's offset and length in lunr.tokenizer.table (offset << 12 | length << 2 | type).
  function entryOf(token, table) {
    var position = token.metadata && token.metadata.position;
    var block = typeof position === "number" && table && table[position >>> 20];
    var entry = block && block[position & 0xfffff];
    return typeof entry === "number" ? entry : -1;
  }

  // The separator splits "burn-out" into "burn" and "out"; the word is indexed as one word
  // too, "burnout", so that whoever types it either way finds both spellings (a query
  // joins a hyphenated word the same way, in widen()).
  function joiningHyphenated(tokenize) {
    return function (input) {
      var tokens = tokenize.apply(this, arguments);
      if (typeof input !== "string") return tokens;
      var table = self.lunr.tokenizer.table, joined = [], parts = [], position = 0, end = -2;
      function close() {  // words only, as a query joins them: not "ethics-lesson-1"
        if (parts.length > 1 && parts.every(function (part) { return /^\p{L}+$/u.test(part); })) {
          joined.push(new self.lunr.Token(parts.join(""), { position: position }));
        }
      }
      for (var i = 0; i < tokens.length; i++) {
        var entry = entryOf(tokens[i], table), start = entry < 0 ? -1 : entry >>> 12;
        if (entry >= 0 && start === end + 1 && HYPHENS.indexOf(input.charCodeAt(end)) >= 0) {
          parts.push(tokens[i].toString());
        } else {
          close();
          parts = [tokens[i].toString()];
          position = tokens[i].metadata.position;
        }
        end = entry < 0 ? -2 : start + ((entry >>> 2) & 0x3ff);
      }
      close();
      return tokens.concat(joined);
    };
  }

  // Material builds the index with lunr's Builder, whatever the language: for French or
  // German it replaces lunr's English pipeline by lunr-languages' own (stop words; no
  // stemmer). The first document added finds that pipeline set up; one step is added at
  // its end, and to the pipeline of queries: every indexed word as normalize() writes it.
  function normalizeIndex(lunr) {
    if (lunr.kbNormalizing) return;
    var normalizing = function (token) {
      return token.update(function (word) { return normalize(word); });
    };
    lunr.Pipeline.registerFunction(normalizing, "kbSpelling");
    var add = lunr.Builder.prototype.add;
    lunr.Builder.prototype.add = function () {
      if (!this.kbNormalizing) {
        this.kbNormalizing = true;
        this.pipeline.add(normalizing);
        this.searchPipeline.add(normalizing);
        this.tokenizer = joiningHyphenated(this.tokenizer);
      }
      return add.apply(this, arguments);
    };
    lunr.kbNormalizing = true;
  }

  // The stem of a word with a common ending, matched as a prefix by Material.
  function stem(word) {
    var match = /^(.{4,}?)(ing|ised|ized|ed|es|s)$/.exec(word);
    return match ? match[1] : null;
  }

  // Two queries for what was typed: `strict` asks for every word the site knows (as a
  // search engine does), with the other forms of the rest as options; `loose` accepts any
  // form of any word, for when nothing has every word.
  function widen(query) {
    // A hyphenated word is one word, as the index holds it too: "burn-out" finds the pages
    // that write "burnout" as well. Where the site never writes it as one word, its parts
    // are asked for, and the joined word is an option.
    var joined = [];
    var typed = query.toLowerCase().replace(/\p{L}+(?:-\p{L}+)+/gu, function (word) {
      var one = word.replace(/-/g, "");
      if (known(normalize(one))) return one;
      joined.push(normalize(one));
      return word.replace(/-/g, " ");
    });
    var typedWords = words(typed);
    var content = typedWords.filter(function (word) { return !isStopWord(word); });
    var all = typedWords.map(normalize);
    content = (content.length ? content : typedWords).map(normalize);
    var required = [], options = [], stressed = [];
    content.forEach(function (word) {
      var forms = variants(word).filter(known);
      var base = stem(word);
      if (base && !known(word)) forms.push(base);
      if (word.length >= 5 && /^\p{L}+$/u.test(word) && !known(word)) forms.push(word + "~1");
      if (abbreviations[word]) {  // its expansion's words, those that say something
        forms = forms.concat(abbreviations[word].filter(function (part) {
          return part.length > 1 && !isStopWord(part);
        }).map(normalize));
        stressed.push(word);  // what was typed counts for more than the words added to it
      }
      if (known(word) && !forms.length) required.push(word);
      else options.push(word);
      options = options.concat(forms);
    });
    var spaced = " " + all.join(" ") + " ";
    expansions.forEach(function (pair) {
      if (spaced.indexOf(" " + pair[0] + " ") >= 0 && pair[1].indexOf(" ") < 0) options.push(pair[1]);
    });
    options = options.concat(joined);
    function clean(list) {  // characters lunr reads as syntax are left out of the words
      list = list.map(function (part) {
        return part.replace(/[+:^*]/g, "").replace(/~(?!1$)/g, "");
      }).filter(Boolean);
      return list.filter(function (part, index) { return list.indexOf(part) === index; });
    }
    // A word with a slash ("P/CVE") is indexed as its parts, which are searched for; a part
    // of one letter would match every word that starts with it. A stressed word weighs ten
    // times as much as the others (lunr's boost; Material leaves a boosted term as it is).
    function written(word, required) {
      var parts = word.split("/").filter(function (part) { return part.length > 1; });
      return (parts.length ? parts : [word.replace(/\//g, "")]).map(function (part) {
        if (stressed.indexOf(word) >= 0) return (required ? "+" : "") + part + "*^10";
        return required ? "+" + part + "*" : part;
      }).join(" ");
    }
    required = clean(required);
    options = clean(options);
    var loose = clean(required.concat(options)).map(function (word) {
      return written(word, false);
    }).join(" ");
    var strict = required.map(function (word) { return written(word, true); })
      .concat(options.map(function (word) { return written(word, false); })).join(" ");
    return { strict: required.length ? strict : loose, loose: loose };
  }

  // A strict query that finds nothing is asked again loosely, before the reader sees it.
  var pendingLoose = null;
  var post = self.postMessage;
  self.postMessage = function (message) {
    var items = message && message.data && message.data.items;
    if (message && message.type === RESULT && pendingLoose !== null && items && !items.length) {
      var loose = pendingLoose;
      pendingLoose = null;
      self.dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: loose, widened: true } }));
      return;
    }
    pendingLoose = null;
    return post.apply(self, arguments);
  };

  addEventListener("message", function (event) {
    var message = event.data;
    if (!message || message.widened) return;
    if (message.type === SETUP && message.data && message.data.docs) {
      var config = message.data.config || {};
      if (Array.isArray(config.lang) && config.lang.length) languages = config.lang;
      normalizeIndex(self.lunr);
      learnGlossary(message.data.docs);
      learnWords(message.data.docs);
    }
    if (message.type === QUERY && typeof message.data === "string" && message.data.trim()
        && !/[+\-~^*:]/.test(message.data.replace(/(\p{L})-(?=\p{L})/gu, "$1 "))) {
      var query = widen(message.data);
      message.data = query.strict;
      pendingLoose = query.strict === query.loose ? null : query.loose;
    }
  });

  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src : self.location.href;
  var material = /[?&]material=([^?&#]+)/.exec(here);
  importScripts(new URL(material ? decodeURIComponent(material[1]) : "search.js", here).href);
})();
