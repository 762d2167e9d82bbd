/* The words the page scripts write, in the page's language: `kbText(english, values)`.
   A page in another language gives them as JSON keyed by the English, in
   <script type="application/json" class="kb-strings"> (render.py, `script_strings`, which
   finds the words in the literals each script hands to `text`); where it gives none, the English
   stays. `%(name)s` in a string takes values[name]. Loaded before the scripts that use it. */
(function () {
  "use strict";
  var strings = null;

  function load() {  // once, when a script first writes a word
    strings = {};
    Array.prototype.forEach.call(document.querySelectorAll("script.kb-strings"), function (block) {
      try { Object.assign(strings, JSON.parse(block.textContent)); } catch (e) { /* English */ }
    });
  }

  window.kbText = function (english, values) {
    if (strings === null) load();
    var shown = Object.prototype.hasOwnProperty.call(strings, english) ? strings[english] : english;
    return shown.replace(/%\((\w+)\)s/g, function (slot, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : slot;
    });
  };
})();
