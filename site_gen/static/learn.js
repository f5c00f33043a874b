/* site_gen reader's tools, all kept in this browser (localStorage), with no server and no account:
   text size and colour scheme; "continue where you left off" on each essay and read marks on the
   home page; saved words (from any word or term popup, with the sentence they were met in) on the
   saved-words page, exported as CSV or for Anki and imported back; and reading aloud with the
   browser's own Chinese voice. Without the script none of it shows, and every page still reads. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var traditional = root.lang === "zh-Hant";
  var KEYS = { size: "site_gen.text_size", scheme: "site_gen.scheme", progress: "site_gen.progress",
               saved: "site_gen.saved", aloud: "site_gen.read_aloud" };

  // Wording in the page's script, then English.
  var TEXT = {
    save: ["收藏", "Save"],  // the same in both scripts
    saved: ["已收藏", "Saved"],
    resume: [traditional ? "繼續閱讀" : "继续阅读", "Continue where you left off"],
    readTo: [traditional ? "讀到" : "读到", "Read to"],
    finished: [traditional ? "已讀完" : "已读完", "Read"],
    sentence: [traditional ? "朗讀此句" : "朗读此句", "Read this sentence aloud"],
    play: [traditional ? "朗讀本段" : "朗读本段", "Read this paragraph aloud"],
    stop: [traditional ? "停止朗讀" : "停止朗读", "Stop reading"],
    size: [traditional ? "字號" : "字号", "Text size"],
    imported: [traditional ? "已匯入" : "已导入", "imported"],
    badFile: [traditional ? "無法讀取" : "无法读取", "Cannot read this file"],
    none: [traditional ? "還沒有收藏的詞語" : "还没有收藏的词语", "No saved words yet"],
    remove: [traditional ? "刪除" : "删除", "Remove"]
  };
  function both(pair) { return pair[0] + " · " + pair[1]; }

  function load(key, fallback) {
    try {
      var value = window.localStorage.getItem(key);
      return value === null ? fallback : JSON.parse(value);
    } catch (e) { return fallback; }
  }
  function store(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }
  var announcer = doc.getElementById("announce") || doc.getElementById("saved-status");
  function announce(text) { if (announcer) announcer.textContent = text; }
  function add(parent, tag, className, text, lang) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    if (lang) node.lang = lang;
    parent.appendChild(node);
    return node;
  }

  /* ── Text size and colour scheme ──────────────────────────────────────── */

  var SIZES = [0.875, 1, 1.125, 1.25, 1.375, 1.5, 1.75];

  function setUpDisplay() {
    var menu = doc.getElementById("display-menu");
    if (!menu) return;
    menu.hidden = false;
    var now = doc.getElementById("size-now");
    var down = doc.getElementById("size-down");
    var up = doc.getElementById("size-up");
    function show(size) {
      root.style.setProperty("--reading-scale", String(size));
      now.textContent = Math.round(size * 100) + "%";
      down.disabled = size <= SIZES[0];
      up.disabled = size >= SIZES[SIZES.length - 1];
    }
    function step(by) {
      var at = SIZES.indexOf(load(KEYS.size, 1));
      var size = SIZES[Math.max(0, Math.min(SIZES.length - 1, (at < 0 ? 1 : at) + by))];
      store(KEYS.size, size);
      show(size);
      announce(both(TEXT.size) + " " + Math.round(size * 100) + "%");
    }
    show(SIZES.indexOf(load(KEYS.size, 1)) >= 0 ? load(KEYS.size, 1) : 1);
    down.addEventListener("click", function () { step(-1); });
    up.addEventListener("click", function () { step(1); });

    var schemes = doc.querySelectorAll("#scheme button");
    function choose(scheme) {
      if (scheme === "auto") root.removeAttribute("data-scheme"); else root.setAttribute("data-scheme", scheme);
      schemes.forEach(function (button) {
        button.setAttribute("aria-pressed", button.getAttribute("data-scheme") === scheme ? "true" : "false");
      });
    }
    choose(load(KEYS.scheme, "auto"));
    schemes.forEach(function (button) {
      button.addEventListener("click", function () {
        store(KEYS.scheme, button.getAttribute("data-scheme"));
        choose(button.getAttribute("data-scheme"));
      });
    });
  }

  /* ── Pinyin only over the words beyond a level the reader picks ────────── */

  // Each word's level comes from the page's own word data (its HSK level, levels.py); a word at or
  // below the chosen level keeps its characters and loses its reading, as graded readers do.
  function setUpPinyinLevel() {
    var picker = doc.getElementById("pinyin-level");
    var data = doc.getElementById("page-data");
    if (!picker || !data) return;
    var words = JSON.parse(data.textContent).words || {};
    var rubies = Array.prototype.filter.call(doc.querySelectorAll("article ruby"), function (ruby) {
      return !ruby.parentNode.closest("rt");
    });
    function levelOf(ruby) {
      var key = ruby.getAttribute("data-k");
      if (key === null) {
        key = Array.prototype.filter.call(ruby.childNodes, function (n) { return n.nodeType === 3; })
          .map(function (n) { return n.data; }).join("");
      }
      var entry = words[key];
      return entry && entry.h ? entry.h : 0;  // 0: beyond the syllabus, or not in the dictionary
    }
    var levels = rubies.map(levelOf);
    function apply(beyond) {
      rubies.forEach(function (ruby, at) { ruby.classList.toggle("known", levels[at] > 0 && levels[at] <= beyond); });
    }
    picker.value = String(load("site_gen.pinyin_level", 0));
    apply(Number(picker.value));
    picker.addEventListener("change", function () {
      store("site_gen.pinyin_level", Number(picker.value));
      apply(Number(picker.value));
    });
  }

  /* ── Continue where you left off ──────────────────────────────────────── */

  var article = doc.querySelector("article.essay");
  var pageKey = location.pathname.split("/").pop().replace(/\.html$/, "");  // the same in both scripts

  function places() {
    return Array.prototype.filter.call(article.querySelectorAll("[id]"), function (node) {
      return !node.querySelector("[id]") && /^[phqa][0-9]/.test(node.id);
    });
  }

  function barBottom() {
    var bar = doc.querySelector(".controls");
    return bar ? bar.getBoundingClientRect().bottom : 0;
  }

  function recordProgress() {
    var all = places();
    var edge = barBottom();
    for (var i = 0; i < all.length; i++) {
      if (all[i].getBoundingClientRect().bottom > edge + 1) {
        var progress = load(KEYS.progress, {});
        var seen = progress[pageKey];
        // the furthest point reached counts as read; the place is where the reader is now
        var furthest = Math.max(i, seen && typeof seen.furthest === "number" ? seen.furthest : 0);
        atEnd = atEnd || window.innerHeight + window.scrollY >= doc.body.scrollHeight - 4;
        progress[pageKey] = { anchor: all[i].id, index: i, total: all.length,
                              furthest: atEnd ? all.length - 1 : furthest, at: Date.now() };
        store(KEYS.progress, progress);
        return;
      }
    }
  }
  var atEnd = false;

  function setUpResume() {
    if (!article) return;
    var seen = load(KEYS.progress, {})[pageKey];
    if (seen && seen.index > 0 && !location.hash && doc.getElementById(seen.anchor)) {
      var line = doc.createElement("p");
      line.className = "resume";
      var number = /^p([0-9]+)$/.exec(seen.anchor);
      var link = add(line, "a", "", both(TEXT.resume) + (number ? " (¶" + number[1] + ")" : "") + " ↓");
      link.href = "#" + seen.anchor;
      article.insertBefore(line, article.firstChild.nextSibling);
    }
    var waiting = null;
    window.addEventListener("scroll", function () {
      if (waiting) return;
      waiting = window.setTimeout(function () { waiting = null; recordProgress(); }, 400);
    }, { passive: true });
  }

  // The home page marks the essays begun and those read to the end.
  function setUpReadMarks() {
    var cards = doc.querySelectorAll(".essay-card");
    if (!cards.length) return;
    var progress = load(KEYS.progress, {});
    cards.forEach(function (card) {
      var link = card.querySelector("h3 a");
      var key = link.getAttribute("href").split("/").pop().replace(/\.html$/, "");
      var seen = progress[key];
      if (!seen) return;
      var mark = add(card.querySelector(".editions"), "a", "read-mark");
      if (seen.furthest >= seen.total - 1) {
        mark.textContent = both(TEXT.finished);
        mark.href = link.getAttribute("href");
      } else {
        mark.textContent = both(TEXT.readTo) + " " + Math.round(100 * (seen.furthest + 1) / seen.total) + "%";
        mark.href = link.getAttribute("href") + "#" + seen.anchor;
      }
    });
  }

  /* ── Saved words ──────────────────────────────────────────────────────── */

  function savedWords() { return load(KEYS.saved, []); }
  function isSaved(simplified) {
    return savedWords().some(function (item) { return item.simplified === simplified; });
  }

  // The sentence of a word's block that holds the word, without its pinyin.
  function sentenceOf(word) {
    var block = word.closest("p, h1, h2, h3, blockquote") || word.parentNode;
    var before = "", after = "", inWord = false, passed = false;
    var walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) { return node.parentNode.closest("rt, .aloud") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var node;
    while ((node = walker.nextNode())) {
      inWord = word.contains(node);
      if (inWord) { before += node.data; passed = true; } else if (passed) after += node.data; else before += node.data;
    }
    var start = Math.max(before.lastIndexOf("。"), before.lastIndexOf("！"), before.lastIndexOf("？"));
    var end = after.search(/[。！？]/);
    var text = before.slice(start + 1) + (end < 0 ? after : after.slice(0, end + 1));
    return text.replace(/\s+/g, " ").trim();
  }

  function placeOf(node) {
    var block = node.closest("[id]");
    return location.href.split("#")[0] + (block ? "#" + block.id : "");
  }

  function itemFor(detail) {
    var term = detail.term, entry = detail.entry, word = detail.word;
    if (term) {
      return { simplified: detail.termNode.getAttribute("data-term"), traditional: term.t || "",
               pinyin: term.p, english: term.e, hsk: 0, sentence: sentenceOf(word), url: placeOf(word),
               saved: new Date().toISOString().slice(0, 10) };
    }
    if (!entry) return null;
    var english = entry.d && entry.d.length ? entry.d[0][1].slice(0, 3).join("; ") : "";
    return { simplified: entry.s, traditional: entry.t, pinyin: detail.reading || entry.p, english: english,
             hsk: entry.h || 0, sentence: sentenceOf(word), url: placeOf(word),
             saved: new Date().toISOString().slice(0, 10) };
  }

  function saveButton(popup, item) {
    var button = add(popup, "button", "pop-save");
    button.type = "button";
    function show() {
      var on = isSaved(item.simplified);
      button.setAttribute("aria-pressed", on ? "true" : "false");
      // a term's box may hold a word's too: each button names what it saves
      var label = on ? TEXT.saved : TEXT.save;
      button.textContent = (on ? "★ " : "☆ ") + label[0] + " " + item.simplified + " · " + label[1];
    }
    show();
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      var words = savedWords().filter(function (saved) { return saved.simplified !== item.simplified; });
      var adding = words.length === savedWords().length;
      if (adding) words.push(item);
      store(KEYS.saved, words);
      show();
      announce(item.simplified + ": " + both(adding ? TEXT.saved : TEXT.remove));
    });
  }

  doc.addEventListener("site_gen:popup", function (event) {
    var detail = event.detail;
    if (detail.word.classList.contains("gap")) return;
    // a term's box saves the term; a word inside a longer term saves the word too
    if (detail.term) saveButton(detail.popup, itemFor({ term: detail.term, termNode: detail.termNode, word: detail.word }));
    if (detail.entry && (!detail.term || detail.entry.s !== detail.termNode.getAttribute("data-term"))) {
      saveButton(detail.popup, itemFor({ entry: detail.entry, reading: detail.reading, word: detail.word }));
    }
    if (voice) sentenceButton(detail.popup, detail.word);
  });

  /* The saved-words page: the list, CSV and Anki export, CSV import */

  var COLUMNS = ["simplified", "traditional", "pinyin", "hsk", "english", "sentence", "url", "saved"];

  function csvField(value) {
    var text = String(value === undefined || value === null ? "" : value);
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(words) {
    return [COLUMNS.join(",")].concat(words.map(function (item) {
      return COLUMNS.map(function (column) { return csvField(item[column]); }).join(",");
    })).join("\n") + "\n";
  }

  // RFC 4180: fields in double quotes may hold commas, quotes (doubled) and line breaks.
  function parseCsv(text) {
    var rows = [], row = [], field = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        row.push(field); rows.push(row); row = []; field = "";
      } else field += c;
    }
    if (field || row.length) { row.push(field); rows.push(row); }
    return rows.filter(function (r) { return r.length > 1 || r[0]; });
  }

  function fromCsv(text) {
    var rows = parseCsv(text.replace(/^\ufeff/, ""));
    if (!rows.length || rows[0].join(",") !== COLUMNS.join(",")) throw new Error("line 1: expected the columns " + COLUMNS.join(","));
    return rows.slice(1).map(function (row, at) {
      if (row.length !== COLUMNS.length || !/[\u3400-\u9fff]/.test(row[0])) {
        throw new Error("line " + (at + 2) + ": expected " + COLUMNS.length + " fields, a Chinese word first");
      }
      var item = {};
      COLUMNS.forEach(function (column, index) { item[column] = row[index]; });
      item.hsk = Number(item.hsk) || 0;
      return item;
    });
  }

  // Anki imports this as it is: the note type is Basic, the front the word, the back its reading,
  // gloss and sentence (the page says how).
  function toAnki(words) {
    var lines = ["#separator:tab", "#html:true", "#notetype:Basic", "#deck:site_gen saved words", "#columns:Front\tBack\tTags"];
    words.forEach(function (item) {
      var front = traditional && item.traditional ? item.traditional : item.simplified;
      var back = [item.pinyin, item.english, item.sentence].filter(Boolean).map(function (part) {
        return part.replace(/[\t\n]/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;");
      }).join("<br>");
      lines.push([front, back, item.hsk ? "HSK" + item.hsk : "beyond-HSK"].join("\t"));
    });
    return lines.join("\n") + "\n";
  }

  function download(name, text, type) {
    var link = doc.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    doc.body.appendChild(link);
    link.click();
    link.remove();
  }

  function levelText(hsk) { return hsk ? "HSK " + (hsk === 7 ? "7–9" : hsk) : ""; }

  function setUpSavedPage() {
    var list = doc.getElementById("saved-list");
    if (!list) return;
    doc.getElementById("saved-tools").hidden = false;
    doc.getElementById("saved-needs-script").hidden = true;
    var script = doc.getElementById("saved-script");
    script.value = load("site_gen.saved_script", traditional ? "hant" : "hans");

    function render() {
      var words = savedWords();
      list.textContent = "";
      if (!words.length) {
        add(list, "p", "saved-none", both(TEXT.none));
        return;
      }
      var items = add(list, "ul", "saved-items");
      words.forEach(function (item) {
        var row = add(items, "li");
        var head = add(row, "p", "saved-head");
        var inScript = script.value === "hant" && item.traditional ? item.traditional : item.simplified;
        add(head, "span", "saved-word", inScript, script.value === "hant" ? "zh-Hant" : "zh-Hans");
        add(head, "span", "saved-pinyin", item.pinyin, "zh-Latn-pinyin");
        add(head, "span", "saved-level", levelText(Number(item.hsk)), "en");
        add(row, "p", "saved-english", item.english, "en");
        if (item.sentence) {
          var sentence = add(row, "p", "saved-sentence", item.sentence + " ");
          if (item.url) {
            var back = add(sentence, "a", "", "↗");
            back.href = item.url;
            back.setAttribute("aria-label", inScript + ": " + item.url);
          }
        }
        var remove = add(row, "button", "saved-remove", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", both(TEXT.remove) + " " + inScript);
        remove.addEventListener("click", function () {
          store(KEYS.saved, savedWords().filter(function (saved) { return saved.simplified !== item.simplified; }));
          render();
          announce(inScript + ": " + both(TEXT.remove));
        });
      });
    }
    render();
    script.addEventListener("change", function () { store("site_gen.saved_script", script.value); render(); });
    doc.getElementById("export-csv").addEventListener("click", function () {
      download("saved-words.csv", "\ufeff" + toCsv(savedWords()), "text/csv;charset=utf-8");
    });
    doc.getElementById("export-anki").addEventListener("click", function () {
      download("saved-words-anki.txt", toAnki(savedWords()), "text/plain;charset=utf-8");
    });
    doc.getElementById("import-csv").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var incoming = fromCsv(text);
        var words = savedWords();
        var known = {};
        words.forEach(function (item) { known[item.simplified] = true; });
        incoming.forEach(function (item) { if (!known[item.simplified]) { words.push(item); known[item.simplified] = true; } });
        store(KEYS.saved, words);
        render();
        announce(incoming.length + " " + both(TEXT.imported));
      }).catch(function (error) {
        announce(both(TEXT.badFile) + " (" + file.name + "): " + error.message);
      });
      event.target.value = "";
    });
    window.addEventListener("storage", function (event) { if (event.key === KEYS.saved) render(); });
  }

  /* ── Reading aloud ────────────────────────────────────────────────────── */

  var speech = window.speechSynthesis;
  var voice = null;
  var LANG = traditional ? "zh-TW" : "zh-CN";

  function chineseVoice() {
    var voices = speech ? speech.getVoices() : [];
    var wanted = voices.filter(function (v) { return v.lang.replace("_", "-").indexOf(LANG) === 0; });
    var any = voices.filter(function (v) { return /^(zh|cmn)/i.test(v.lang); });
    return wanted[0] || any[0] || null;
  }

  // The text nodes of a block that make its Chinese text (not the pinyin), with their offsets.
  function textOf(block) {
    var nodes = [], text = "";
    var walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest("rt, .pop-save, .aloud") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var node;
    while ((node = walker.nextNode())) { nodes.push([node, text.length]); text += node.data; }
    return { nodes: nodes, text: text };
  }

  function rangeOf(found, start, end) {
    var range = doc.createRange();
    found.nodes.forEach(function (pair) {
      var node = pair[0], at = pair[1];
      if (start >= at && start <= at + node.data.length) range.setStart(node, start - at);
      if (end >= at && end <= at + node.data.length) range.setEnd(node, end - at);
    });
    return range;
  }

  function sentencesOf(text) {
    var spans = [], start = 0, re = /[。！？][”’」』）)]*/g, match;
    while ((match = re.exec(text))) { spans.push([start, match.index + match[0].length]); start = match.index + match[0].length; }
    if (start < text.length && text.slice(start).trim()) spans.push([start, text.length]);
    return spans;
  }

  var reading = null;  // the block being read: {block, button}

  function highlight(range) {
    if (window.CSS && CSS.highlights && window.Highlight) {
      if (range) CSS.highlights.set("read-aloud", new Highlight(range)); else CSS.highlights.delete("read-aloud");
    }
  }

  function stop() {
    if (speech) speech.cancel();
    highlight(null);
    if (reading && reading.button) {
      reading.button.setAttribute("aria-pressed", "false");
      reading.button.textContent = "▶";
      reading.button.setAttribute("aria-label", both(TEXT.play));
    }
    reading = null;
  }

  // Reads ``spans`` of a block one sentence after another, each highlighted while it is spoken.
  function speak(block, spans, button) {
    stop();
    var found = textOf(block);
    reading = { block: block, button: button };
    if (button) {
      button.setAttribute("aria-pressed", "true");
      button.textContent = "■";
      button.setAttribute("aria-label", both(TEXT.stop));
    }
    var mine = reading;
    function next(at) {
      if (reading !== mine) return;
      if (at >= spans.length) { stop(); return; }
      var utterance = new SpeechSynthesisUtterance(found.text.slice(spans[at][0], spans[at][1]));
      utterance.lang = LANG;
      if (voice) utterance.voice = voice;
      utterance.rate = 0.9;
      utterance.onstart = function () { highlight(rangeOf(found, spans[at][0], spans[at][1])); };
      utterance.onend = function () { next(at + 1); };
      utterance.onerror = function () { stop(); };
      speech.speak(utterance);
    }
    next(0);
  }

  function sentenceButton(popup, word) {
    var block = word.closest("p, h1, h2, h3");
    if (!block) return;
    var button = add(popup, "button", "pop-aloud", "▶ " + both(TEXT.sentence));
    button.type = "button";
    button.addEventListener("click", function (event) {
      event.stopPropagation();
      var found = textOf(block);
      var first = found.nodes.filter(function (pair) { return word.contains(pair[0]); })[0];
      var offset = first ? first[1] : 0;
      var spans = sentencesOf(found.text).filter(function (span) { return span[0] <= offset && offset < span[1]; });
      speak(block, spans.length ? spans : sentencesOf(found.text).slice(0, 1), null);
    });
  }

  function paragraphButtons(on) {
    doc.querySelectorAll("article .aloud").forEach(function (node) { node.remove(); });
    if (!on) { stop(); return; }
    article.querySelectorAll("p[id], h2[id], h3[id], blockquote > p, .box > p[id]").forEach(function (block) {
      if (block.closest("details")) return;
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "aloud";
      button.textContent = "▶";
      button.setAttribute("aria-pressed", "false");
      button.setAttribute("aria-label", both(TEXT.play));
      button.addEventListener("click", function (event) {
        event.stopPropagation();
        if (reading && reading.button === button) { stop(); return; }
        speak(block, sentencesOf(textOf(block).text), button);
      });
      block.insertBefore(button, block.firstChild);
    });
  }

  function setUpReadAloud() {
    var toggle = doc.getElementById("aloud-toggle");
    if (!toggle || !article) return;
    var note = doc.getElementById("aloud-none");
    function ready() {
      voice = chineseVoice();
      toggle.disabled = !voice;
      note.hidden = Boolean(voice);
      if (!voice) { paragraphButtons(false); return; }
      var on = load(KEYS.aloud, false) === true;
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      paragraphButtons(on);
    }
    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-pressed") !== "true";
      store(KEYS.aloud, on);
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      paragraphButtons(on);
    });
    if (!speech || !window.SpeechSynthesisUtterance) { ready(); return; }
    ready();
    // Voices arrive after the page in some browsers
    speech.addEventListener ? speech.addEventListener("voiceschanged", ready) : (speech.onvoiceschanged = ready);
    window.addEventListener("pagehide", stop);
  }

  /* ── An essay's vocabulary page: words beyond the level the reader picks ── */

  function setUpVocabulary() {
    var table = doc.getElementById("vocab-table");
    if (!table) return;
    var picker = doc.getElementById("vocab-level");
    var count = doc.getElementById("vocab-count");
    doc.getElementById("vocab-filter").hidden = false;
    picker.value = String(load("site_gen.vocab_level", 4));
    function apply() {
      var beyond = Number(picker.value), shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = Number(row.getAttribute("data-level")) <= beyond;
        if (!row.hidden) shown++;
      });
      count.textContent = shown + " / " + table.tBodies[0].rows.length;
    }
    apply();
    picker.addEventListener("change", function () { store("site_gen.vocab_level", Number(picker.value)); apply(); });
  }

  setUpDisplay();
  setUpPinyinLevel();
  setUpVocabulary();
  setUpResume();
  setUpReadMarks();
  setUpSavedPage();
  setUpReadAloud();
})();
