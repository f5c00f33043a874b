/* site_gen reading pages: pinyin and tone-colour switches, word popups, a keyboard word
   cursor, a script switch that keeps the reader's place, and the glossary's sort and filter.
   No framework and no network: everything comes from the page itself. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var traditional = root.lang === "zh-Hant";

  // Popup wording in the page's script, then English.
  var TEXT = {
    gap: ["缺字", "A word is missing in the source; it is shown, not guessed."],
    restored: [traditional ? "編者補字" : "编者补字", "Restored by the editor"],
    none: [traditional ? "詞典未收" : "词典未收", "Not in the dictionary"],
    termPage: [traditional ? "術語頁" : "术语页", "Term page"],
    more: [traditional ? "更多釋義" : "更多释义", "more senses"],
    english: ["本段英文", "This paragraph in English"],  // the same in both scripts
    beyond: ["超出HSK", "beyond HSK"]
  };
  var SENSES_SHOWN = 4;  // senses of a reading shown at once; the rest open under "more"

  // localStorage can be refused (private mode, file:// in some browsers): then nothing is remembered.
  function remembered(key) {
    try { return window.localStorage.getItem(key) === "1"; } catch (e) { return false; }
  }
  function remember(key, on) {
    try { window.localStorage.setItem(key, on ? "1" : "0"); } catch (e) { /* not remembered */ }
  }

  /* ── Switches: pinyin on/off, tone colours on/off, every term marked ──── */

  function setUpSwitch(id, className, key, onChange) {
    var button = doc.getElementById(id);
    if (!button) return;
    button.hidden = false;
    function apply(on) {
      root.classList.toggle(className, on);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      if (onChange) onChange(on);
    }
    apply(remembered(key));
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      remember(key, on);
      apply(on);
    });
  }

  var VOWELS = "aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
  // One pinyin syllable; a final n/ng/r belongs to the next syllable when a vowel follows it.
  var SYLLABLE = new RegExp("(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[" + VOWELS + "]+" +
    "(?:ng(?![" + VOWELS + "])|n(?![" + VOWELS + "])|r(?![" + VOWELS + "]))?", "gi");
  var TONE_MARKS = ["āēīōūǖ", "áéíóúǘ", "ǎěǐǒǔǚ", "àèìòùǜ"];

  function toneOf(syllable) {
    for (var tone = 0; tone < 4; tone++) {
      for (var i = 0; i < syllable.length; i++) {
        if (TONE_MARKS[tone].indexOf(syllable[i]) >= 0) return tone + 1;
      }
    }
    return 5;
  }

  // Wrap each syllable of every reading in a span by its tone; done once, only when asked for.
  function colourTones(on) {
    if (!on || root.dataset.toned) return;
    root.dataset.toned = "1";
    doc.querySelectorAll("article rt").forEach(function (rt) {
      var text = rt.textContent;
      var html = doc.createDocumentFragment();
      var last = 0;
      text.replace(SYLLABLE, function (syllable, at) {
        if (at > last) html.appendChild(doc.createTextNode(text.slice(last, at)));
        var span = doc.createElement("span");
        span.className = "tone" + toneOf(syllable);
        span.textContent = syllable;
        html.appendChild(span);
        last = at + syllable.length;
        return syllable;
      });
      if (last < text.length) html.appendChild(doc.createTextNode(text.slice(last)));
      rt.textContent = "";
      rt.appendChild(html);
    });
  }

  // Tone colours mark the readings, so with pinyin off the Tones button can do nothing: it is
  // disabled then, and says why (its title, read out with it).
  function tonesNeedPinyin(pinyinOn) {
    var tones = doc.getElementById("tone-toggle");
    if (!tones) return;
    tones.disabled = !pinyinOn;
    if (pinyinOn) tones.removeAttribute("title");
    else tones.title = tones.getAttribute("data-off-reason") || "";
  }

  setUpSwitch("pinyin-toggle", "show-pinyin", "site_gen.pinyin", tonesNeedPinyin);
  setUpSwitch("tone-toggle", "show-tones", "site_gen.tones", colourTones);
  setUpSwitch("terms-toggle", "show-all-terms", "site_gen.all_terms");

  /* ── Word popup ───────────────────────────────────────────────────────── */

  var popup = doc.getElementById("popup");
  var announcer = doc.getElementById("announce");
  var dataNode = doc.getElementById("page-data");
  var pageData = dataNode ? JSON.parse(dataNode.textContent) : { words: {}, terms: {} };
  var shownFor = null;

  function isWord(node) {
    return node && node.nodeType === 1 && (node.tagName === "RUBY" || node.classList.contains("gap"));
  }

  function baseText(ruby) {
    var text = "";
    ruby.childNodes.forEach(function (node) {
      if (node.nodeName !== "RT" && node.nodeName !== "RP") text += node.textContent;
    });
    return text;
  }

  // A word's reading, its characters' syllables joined as pinyin writes a word: an apostrophe
  // before a syllable that starts with a, o or e (fāng'àn).
  function readingOf(word) {
    var reading = "";
    word.querySelectorAll("rt").forEach(function (rt) {
      var syllable = rt.textContent;
      if (reading && /^[aoeāáǎàōóǒòēéěè]/i.test(syllable)) reading += "'";
      reading += syllable;
    });
    return reading;
  }

  // A reading as compared across sources: lower case, no spaces or apostrophes (gé mìng = gémìng).
  function plainReading(text) {
    return (text || "").toLowerCase().replace(/[\s']/g, "");
  }

  function add(parent, tag, className, text, lang) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    if (lang) node.lang = lang;
    parent.appendChild(node);
    return node;
  }

  function bilingual(parent, pair, className) {
    var line = add(parent, "p", className, pair[0] + " · ");
    add(line, "span", "", pair[1], "en");
    return line;
  }

  // A word or term in both scripts, the page's own script first; the other only when it differs.
  function addForms(head, simplified, traditionalForm) {
    var forms = [["pop-hans", simplified, "zh-Hans"]];
    if (traditionalForm && traditionalForm !== simplified) forms.push(["pop-hant", traditionalForm, "zh-Hant"]);
    if (traditional) forms.reverse();
    forms.forEach(function (form) { add(head, "span", form[0], form[1], form[2]); });
  }

  function entryOf(word) {
    return pageData.words[word.hasAttribute("data-k") ? word.getAttribute("data-k") : baseText(word)];
  }

  // A gloss pieced together from the word's parts says nothing a term's own rendering does not.
  function isPieced(entry) {
    var first = entry && entry.d && entry.d[0];
    return Boolean(pageData.pieced && first && first[1][0] && first[1][0].indexOf(pageData.pieced) === 0);
  }

  // Under a term, the word's own section is shown only when it adds something: the word is
  // just part of the term, or the dictionary has a real entry for it.
  function wordAddsToTerm(word, termNode) {
    var entry = entryOf(word);
    return !wholeTerm(word, termNode) || (entry && entry.d && entry.d.length && !isPieced(entry));
  }

  function wholeTerm(word, termNode) {
    return baseText(word) === Array.prototype.map.call(termNode.querySelectorAll("ruby"), baseText).join("");
  }

  // ``underTerm``: the word is the whole term just shown, so its forms and reading are not
  // shown again; only its dictionary senses follow the term's box.
  function fillWord(word, underTerm) {
    var entry = entryOf(word);
    var reading = readingOf(word);
    var head = null;
    if (!underTerm) {
      head = add(popup, "p", "pop-head");
      addForms(head, entry ? entry.s : baseText(word), entry && entry.t);
      if (reading) add(head, "span", "pop-pinyin", reading, "zh-Latn-pinyin");
    }
    if (!entry || !entry.d || !entry.d.length) {
      bilingual(popup, TEXT.none, "pop-none");
      return reading;
    }
    var level = entry.n ? "" : levelLabel(entry.h);  // a name has no level
    if (level && head) add(head, "span", "pop-level", level, "en");
    else if (level) add(add(popup, "p", "pop-word-level"), "span", "pop-level", level, "en");
    // The reading the word has here comes first (为 wéi in 以人民为中心, wèi in 为企业提供).
    var here = plainReading(reading);
    var readings = entry.d.slice().sort(function (a, b) {
      return (plainReading(b[0]) === here) - (plainReading(a[0]) === here);
    });
    var list = add(popup, "ol", "pop-senses", undefined, "en");
    readings.forEach(function (item) {
      var line = add(list, "li");
      if (readings.length > 1) add(line, "span", "pop-reading", item[0] + " ");
      line.appendChild(doc.createTextNode(item[1].slice(0, SENSES_SHOWN).join("; ")));
      if (item[1].length > SENSES_SHOWN) {
        var more = add(line, "details", "pop-more");
        add(more, "summary", "", TEXT.more[0] + " · " + TEXT.more[1]);
        add(more, "span", "", item[1].slice(SENSES_SHOWN).join("; "));
      }
    });
    return reading + " " + readings[0][1][0] + (level ? ", " + level : "");
  }

  // The word's level on the HSK 3.0 syllabus (levels.py): 1-6, the 7-9 band, or beyond it
  function levelLabel(value) {
    if (!value) return TEXT.beyond[1];
    return "HSK " + (value === 7 ? "7–9" : value);
  }

  function fillTerm(termNode) {
    var term = pageData.terms[termNode.getAttribute("data-term")];
    if (!term) return "";
    var box = add(popup, "div", "pop-term");
    var head = add(box, "p", "pop-head");
    var headword = termNode.getAttribute("data-term");
    var rubies = termNode.querySelectorAll("ruby");
    var written = Array.prototype.map.call(rubies, baseText).join("");
    if (written !== headword && written !== term.t) {
      // Another name of the term (垂直大模型 for 行业大模型): the words as written head the box,
      // and the headword they stand for follows.
      add(head, "span", traditional ? "pop-hant" : "pop-hans", written, traditional ? "zh-Hant" : "zh-Hans");
      add(head, "span", "pop-pinyin", Array.prototype.map.call(rubies, readingOf).join(" "), "zh-Latn-pinyin");
      var same = add(box, "p", "pop-alias", "即 " + (traditional ? term.t || headword : headword) + " ");
      add(same, "span", "pop-pinyin", term.p, "zh-Latn-pinyin");
    } else {
      addForms(head, headword, term.t);
      add(head, "span", "pop-pinyin", term.p, "zh-Latn-pinyin");
    }
    add(box, "p", "pop-english", term.e, "en");
    add(box, "p", "pop-explanation", term.x, "en");
    var link = add(box, "a", "pop-link", TEXT.termPage[0] + " · " + TEXT.termPage[1] + " →");
    link.href = term.url;
    linkToEnglish(box, termNode);
    return term.e;
  }

  // A term's popup leads into the English of the paragraph it stands in, where there is one.
  function linkToEnglish(box, node) {
    var pair = node.closest(".pair");
    var english = pair && pair.querySelector(":scope > details.trans:not(.stale)");
    if (!english) return;
    var link = add(box, "a", "pop-link pop-to-english", TEXT.english[0] + " · " + TEXT.english[1] + " ↓");
    var own = pair.querySelector("[id]");
    link.href = own ? "#" + own.id : "#";
    link.addEventListener("click", function (event) {
      event.preventDefault();
      english.open = true;
      hide(false);
      english.scrollIntoView({ block: "nearest" });
      english.querySelector("summary").focus({ focusVisible: false });
    });
  }

  function show(word) {
    popup.textContent = "";
    var said = [];
    var termNode = word.closest(".term");
    if (termNode) said.push(fillTerm(termNode));
    if (word.classList.contains("gap")) {
      bilingual(popup, TEXT.gap, "pop-gap");
      said.push(TEXT.gap[1]);
    } else {
      if (!termNode || wordAddsToTerm(word, termNode)) {
        said.push(baseText(word) + " " + fillWord(word, Boolean(termNode) && wholeTerm(word, termNode)));
      }
      var restored = word.closest("ins.restored");
      if (restored) {
        var note = restored.getAttribute("data-note");
        bilingual(popup, [TEXT.restored[0], TEXT.restored[1] + (note ? ": " + note : "")], "pop-restored");
        said.push(TEXT.restored[1]);
      }
    }
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = word;
    word.setAttribute("aria-describedby", "popup");
    word.classList.add("active");
    // learn.js adds its Save and read-aloud buttons to the box
    doc.dispatchEvent(new CustomEvent("site_gen:popup", { detail: {
      popup: popup, word: word, termNode: termNode, reading: readingOf(word),
      term: termNode ? pageData.terms[termNode.getAttribute("data-term")] : null,
      entry: word.classList.contains("gap") ? null : entryOf(word) } }));
    popup.hidden = false;
    place(word);
    announcer.textContent = said.join(". ");
  }

  // Below the word, or above it when there is no room below; always inside the viewport.
  function place(word) {
    var margin = 8;
    popup.style.left = "0px";
    popup.style.top = "0px";
    var box = word.getBoundingClientRect();
    var width = popup.offsetWidth;
    var height = popup.offsetHeight;
    var viewWidth = root.clientWidth;
    var viewHeight = window.innerHeight;
    var left = Math.min(Math.max(margin, box.left + box.width / 2 - width / 2), viewWidth - width - margin);
    var top = box.bottom + 6;
    if (top + height > viewHeight - margin && box.top - 6 - height >= margin) top = box.top - 6 - height;
    popup.style.left = Math.max(margin, left) + window.scrollX + "px";
    popup.style.top = top + window.scrollY + "px";
  }

  function hide(returnFocus) {
    if (!shownFor) return;
    var word = shownFor;
    shownFor = null;
    popup.hidden = true;
    word.removeAttribute("aria-describedby");
    word.classList.remove("active");
    if (returnFocus) word.focus();
  }

  /* ── Keyboard: a word cursor inside each focusable paragraph ──────────── */

  function wordsOf(block) {
    return Array.prototype.filter.call(block.querySelectorAll("ruby, .gap"), function (node) {
      return !node.parentNode.closest("rt");
    });
  }

  function blockOf(node) {
    return node.closest("[tabindex='0']:not(.gap)") || node.closest("p, h1, h2, h3");
  }

  function focusWord(word) {
    if (!word) return;
    if (!word.hasAttribute("tabindex")) word.setAttribute("tabindex", "-1");
    word.focus();
  }

  // Tab from an open word enters its popup (a term's page link); Tab or Shift+Tab out of
  // the popup goes back to the word, so the reading place is never lost.
  function tabIntoPopup(event) {
    var link = popup.querySelector("a");
    if (event.target === shownFor && link && !event.shiftKey) {
      event.preventDefault();
      link.focus();
      return true;
    }
    if (popup.contains(event.target)) {
      event.preventDefault();
      if (event.shiftKey) shownFor.focus(); else hide(true);
      return true;
    }
    return false;
  }

  function onKey(event) {
    var target = event.target;
    if (event.key === "Escape") {
      if (shownFor) { event.preventDefault(); hide(true); }
      return;
    }
    if (event.key === "Tab" && shownFor && tabIntoPopup(event)) return;
    var word = isWord(target) ? target : null;
    var block = word ? blockOf(word) : (target.matches && target.matches("article [tabindex='0']") ? target : null);
    if (!block) return;
    var words = wordsOf(block);
    if (!words.length) return;
    var at = word ? words.indexOf(word) : -1;
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      event.preventDefault();
      var step = event.key === "ArrowRight" ? 1 : -1;
      var next = at < 0 ? (step > 0 ? 0 : words.length - 1) : Math.min(words.length - 1, Math.max(0, at + step));
      if (shownFor) hide(false);
      focusWord(words[next]);
    } else if (event.key === "Home" && word) {
      event.preventDefault(); focusWord(words[0]);
    } else if (event.key === "End" && word) {
      event.preventDefault(); focusWord(words[words.length - 1]);
    } else if ((event.key === "Enter" || event.key === " ") && word) {
      event.preventDefault();
      if (shownFor === word) hide(true); else show(word);
    } else if (event.key === "Enter" && !word) {
      event.preventDefault(); focusWord(words[0]);
    }
  }

  function onClick(event) {
    if (event.target.closest("#popup")) return;
    var word = event.target.closest("article ruby, article .gap");
    if (!word) { hide(false); return; }
    if (shownFor === word) { hide(false); return; }
    if (!word.hasAttribute("tabindex")) word.setAttribute("tabindex", "-1");
    // A tap or click needs no focus ring (nor the keys hint): only the keyboard's focus shows.
    word.focus({ preventScroll: true, focusVisible: event.detail === 0 });
    show(word);
  }

  // A popup left open after focus moved elsewhere would describe a word nobody is on.
  function onFocusMove(event) {
    if (shownFor && event.target !== shownFor && !popup.contains(event.target)) hide(false);
  }

  if (popup) {
    doc.addEventListener("keydown", onKey);
    doc.addEventListener("click", onClick);
    doc.addEventListener("focusin", onFocusMove);
    window.addEventListener("resize", function () { if (shownFor) place(shownFor); });
  }

  /* ── Script switch: land on the line now at the top of the screen ────── */

  var scriptSwitch = doc.getElementById("script-switch");

  // The first block still showing below the sticky control bar.
  function topBlock() {
    var bar = doc.querySelector(".controls");
    var edge = bar ? bar.getBoundingClientRect().bottom : 0;
    var blocks = doc.querySelectorAll("article [id]");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (block.querySelector("[id]")) continue;  // a box: its own blocks are the places
      if (block.getBoundingClientRect().bottom > edge + 1) return block;
    }
    return null;
  }

  function barBottom() {
    var bar = doc.querySelector(".controls");
    return bar ? bar.getBoundingClientRect().bottom : 0;
  }

  // The first word of the block whose line is still showing below the bar, and how far below
  // the bar it is: both editions cut the text into the same words, so the other page can put
  // the same word at the same height.
  function topWord(block) {
    var words = block.querySelectorAll("ruby");
    var edge = barBottom();
    for (var i = 0; i < words.length; i++) {
      var top = words[i].getBoundingClientRect().top;
      if (top >= edge - 1) return { word: i, y: top - edge };
    }
    return null;
  }

  var PLACE = "site_gen.place";

  if (scriptSwitch) {
    scriptSwitch.addEventListener("click", function () {
      var base = scriptSwitch.href.split("#")[0];
      var block = window.scrollY > 10 ? topBlock() : null;
      scriptSwitch.href = block ? base + "#" + block.id : base;
      var word = block && topWord(block);
      try {
        if (word) window.sessionStorage.setItem(PLACE, JSON.stringify({ anchor: block.id, word: word.word, y: word.y }));
      } catch (e) { /* the paragraph is still reached through the link's #anchor */ }
    });
  }

  // Arrived from the other edition's switch: the line the reader was on goes back where it was.
  function restorePlace() {
    var place = null;
    try {
      place = JSON.parse(window.sessionStorage.getItem(PLACE) || "null");
      window.sessionStorage.removeItem(PLACE);
    } catch (e) { return; }
    if (!place || window.location.hash !== "#" + place.anchor) return;
    var block = doc.getElementById(place.anchor);
    var word = block && block.querySelectorAll("ruby")[place.word];
    if (!word) return;
    window.scrollBy(0, word.getBoundingClientRect().top - (barBottom() + place.y));
  }
  if (doc.readyState === "complete") restorePlace(); else window.addEventListener("load", restorePlace);

  /* ── English: reading modes, remembered across pages ─────────────────── */

  // "zh": Chinese only (each paragraph's English opens on its own tab); "under": every English
  // paragraph open under its Chinese; "side": the same, side by side where the screen is wide.
  var EN_MODE = "site_gen.en_mode";
  var enMode = doc.getElementById("en-mode");

  function applyEnglishMode(mode) {
    root.classList.toggle("en-under", mode === "under");
    root.classList.toggle("en-side", mode === "side");
    doc.querySelectorAll("details.trans").forEach(function (details) { details.open = mode !== "zh"; });
    enMode.value = mode;
  }

  if (enMode) {
    doc.getElementById("en-mode-label").hidden = false;
    var savedMode = null;
    try { savedMode = window.localStorage.getItem(EN_MODE); } catch (e) { /* not remembered */ }
    applyEnglishMode(["zh", "under", "side"].indexOf(savedMode) >= 0 ? savedMode : "zh");
    enMode.addEventListener("change", function () {
      // The line the reader is on stays where it is while the English opens or closes around it.
      var block = window.scrollY > 10 ? topBlock() : null;
      var before = block && block.getBoundingClientRect().top;
      try { window.localStorage.setItem(EN_MODE, enMode.value); } catch (e) { /* not remembered */ }
      applyEnglishMode(enMode.value);
      if (block) window.scrollBy(0, block.getBoundingClientRect().top - before);
    });
  }

  /* ── Glossary: sort by column, filter as you type ─────────────────────── */

  var table = doc.getElementById("glossary-table");

  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setUpGlossary() {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var filter = doc.getElementById("glossary-filter");
    var status = doc.getElementById("filter-status");
    filter.parentNode.hidden = false;
    filter.addEventListener("input", function () {
      var query = plain(filter.value);
      var shown = 0;
      rows.forEach(function (row) {
        var match = !query || plain(row.getAttribute("data-search")).indexOf(query) >= 0;
        row.hidden = !match;
        if (match) shown++;
      });
      status.textContent = shown + " / " + rows.length;
    });
    table.querySelectorAll("th button[data-sort]").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.getAttribute("data-sort");
        var header = button.parentNode;
        var numeric = key === "count";
        var ascending = header.getAttribute("aria-sort") === "none" ? !numeric
          : header.getAttribute("aria-sort") !== "ascending";
        rows.sort(function (a, b) {
          var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
          // Pinyin keys (chan3 ye4) compare by code point, so a shorter syllable and a lower tone come first.
          var order = numeric ? Number(x) - Number(y) : key === "pinyin" ? (x < y ? -1 : x > y ? 1 : 0)
            : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        table.querySelectorAll("th[aria-sort]").forEach(function (th) { th.setAttribute("aria-sort", "none"); });
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  if (table) setUpGlossary();
})();
