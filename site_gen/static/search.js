/* site_gen search: the header's search box over the static index in pagefind/ (see search.py).

   The index holds every Han character as a word of its own, so a Chinese query is searched
   as an exact run of characters: 生产力 finds 新质生产力, and nothing else is needed to agree
   with how the index was cut. Latin words (pinyin, English) are searched as words. The page's
   own script is searched first, the other when that finds nothing. Each result links to the
   paragraph of its first hit, with the text around that hit.

   A classic script (a module would not run from file://): it loads the index with import()
   only when the reader searches, and says what to do where that cannot work. Nothing is
   fetched from another host, nothing is evaluated, no inline style is set. */
(function () {
  "use strict";

  var doc = document;
  var form = doc.getElementById("site-search");
  var panel = doc.getElementById("search-panel");
  if (!form || !panel) return;
  var input = doc.getElementById("search-input");
  var status = doc.getElementById("search-status");
  var list = doc.getElementById("search-results");
  var more = doc.getElementById("search-more");
  var edition = form.getAttribute("data-edition") === "hant" ? "hant" : "hans";
  var other = edition === "hans" ? "hant" : "hans";

  var PAGE = 8;               // results shown at once; "more" shows the next
  var BEFORE = 14, AFTER = 46; // characters of context around the first hit
  // The same ranges as HAN_RANGES in search.py: what the index holds as one word per character.
  var HAN = "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b" +
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9" +
    "\\u{16fe2}\\u{16fe3}\\u{16ff0}\\u{16ff1}\\u{20000}-\\u{3134f}";
  var HAN_CHAR = new RegExp("([" + HAN + "])", "gu");
  var HAS_HAN = new RegExp("[" + HAN + "]", "u");
  // Han characters and Chinese punctuation; then what Chinese text also sets against them without a space.
  var CJK = HAN + "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014";
  var NEAR = CJK + "0-9+%";
  // A space the index put beside a Han character is dropped again where Chinese text has
  // none: between Chinese characters and punctuation, and beside digits (2024年); a
  // Latin word keeps its space (新质生产力 xīnzhì). BREAK marks where a highlight begins
  // or ends, and is looked through.
  var BREAK = "\ue000";
  var SPACE_AT_HAN = new RegExp("(?<=[" + CJK + "]" + BREAK + "?)\\s+(?=" + BREAK + "?[" + NEAR + "])|" +
    "(?<=[" + NEAR + "]" + BREAK + "?)\\s+(?=" + BREAK + "?[" + CJK + "])", "gu");
  var GLOSS_OPEN = "\u2985", GLOSS_CLOSE = "\u2986";
  var GLOSS_TRIM = /[\u2985\u2986]/g;

  function label(name) { return form.getAttribute("data-" + name) || ""; }

  /* ── Loading the index ─────────────────────────────────────────────── */

  // One index per script (search.py): the page's own, and the other's, each loaded when first needed.
  // An index is in shards: the glossary and terms' bundle is loaded, and each bundle of essays
  // (data-shards) merged into it, so one search covers them all.
  var loading = {};

  function absolute(path) { return new URL(path, location.href).href; }

  function load(which) {
    if (location.protocol === "file:") return Promise.reject(new Error("needs-server"));
    if (!loading[which]) {
      var own = which === edition;
      var url = absolute(form.getAttribute(own ? "data-index" : "data-other-index"));
      var shards = (form.getAttribute(own ? "data-shards" : "data-other-shards") || "").split(/\s+/)
        .filter(Boolean).map(absolute);
      loading[which] = import(url).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ excerptLength: 40 })).then(function () {
          return Promise.all(shards.map(function (shard) { return pagefind.mergeIndex(shard); }));
        }).then(function () { return pagefind; });
      });
      loading[which].catch(function () { delete loading[which]; });  // a later search tries again
    }
    return loading[which];
  }

  /* ── Queries ───────────────────────────────────────────────────────── */

  // The searches a query needs: each run holding Han characters as its characters one by
  // one (searched as an exact phrase, and loosely to count where the phrase stands), the
  // Latin words together as one ordinary search (pinyin, English).
  function parts(query) {
    var found = [], words = [];
    query.split(/\s+/).forEach(function (chunk) {
      if (!chunk) return;
      if (HAS_HAN.test(chunk)) {
        var spaced = chunk.replace(HAN_CHAR, " $1 ").replace(/["\u201c\u201d]/g, " ").replace(/\s+/g, " ").trim();
        if (spaced) found.push({ text: spaced, length: spaced.split(" ").length });
      } else {
        words.push(chunk);
      }
    });
    if (words.length) found.push({ text: words.join(" "), length: 0 });
    return found;
  }

  // How often the phrase stands in a page: runs of its length among the loose hits' places
  // (the exact search says which pages hold it, but reports one place and no score).
  function runs(places, length) {
    var at = {}, count = 0;
    places.forEach(function (place) { at[place] = true; });
    places.forEach(function (place) {
      for (var k = 1; k < length; k++) if (!at[place + k]) return;
      count += 1;
    });
    return count;
  }

  // A query as a term's page names it (search.py's search_key and name_word): no tone
  // marks, lower case, then "qn" and the FNV-1a hash of its UTF-8 bytes.
  function nameWord(query) {
    var key = query.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
    var bytes = new TextEncoder().encode(key), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    return "qn" + ("0000000" + hash.toString(16)).slice(-8);
  }

  // The pages the query finds in one index, best first: the page of a term the query names,
  // then the pages every part of the query finds, by how often they hold it.
  function run(pagefind, query) {
    var wanted = parts(query);
    var jobs = [pagefind.search("\"" + nameWord(query) + "\"")];  // exact: never a near word
    wanted.forEach(function (part) {
      if (part.length) jobs.push(pagefind.search("\"" + part.text + "\""));
      jobs.push(pagefind.search(part.text));
    });
    return Promise.all(jobs).then(function (answers) {
      function results(answer) { return answer ? answer.results : []; }
      var named = results(answers[0]);
      var found = null, next = 1;
      wanted.forEach(function (part) {
        var here = {};
        results(answers[next]).forEach(function (result) { here[result.id] = { result: result, score: result.score }; });
        if (part.length) {  // the exact search says which pages; the loose one where the characters stand
          results(answers[next + 1]).forEach(function (loose) {
            if (here[loose.id]) here[loose.id].score = runs(loose.words, part.length);
          });
          next += 2;
        } else {
          next += 1;
        }
        if (found === null) { found = here; return; }
        Object.keys(found).forEach(function (id) {
          if (here[id]) found[id].score += here[id].score; else delete found[id];
        });
      });
      found = found || {};
      named.forEach(function (result) { delete found[result.id]; result.named = true; });
      return named.concat(Object.keys(found).map(function (id) { return found[id]; })
        .sort(function (a, b) { return b.score - a.score; })
        .map(function (entry) { return entry.result; }));
    });
  }

  /* ── Showing a result ──────────────────────────────────────────────── */

  function readable(text) {
    return text.replace(SPACE_AT_HAN, "").replace(/\s+/g, " ").trim();
  }

  // Text that the index holds between ⦅ ⦆: a term's pinyin and English, beside its first use.
  function withoutGlosses(text) {
    return readable(text.replace(new RegExp(GLOSS_OPEN + "[^" + GLOSS_CLOSE + "]*" + GLOSS_CLOSE, "g"), " "));
  }

  // The id of the last element with an id that starts at or before the first hit.
  function anchorFor(data, first) {
    var best = null;
    (data.anchors || []).forEach(function (anchor) {
      if (anchor.id && anchor.location <= first && (!best || anchor.location >= best.location)) best = anchor;
    });
    return best;
  }

  // The words of the page as the index counted them (word N is location N).
  function wordsOf(data) {
    var raw = data.raw_content || data.content || "";
    var words = raw.indexOf("\u200b") >= 0 ? raw.split("\u200b") : raw.split(/[\r\n\s]+/g);
    return words.map(function (word) { return word.replace(/&lt;/g, "<").replace(/&gt;/g, ">"); });
  }

  // The text around the first hit, hits marked; a gloss is shown only when a hit is in it.
  function excerpt(data, first, from, marked) {
    var words = wordsOf(data);
    var hits = {};
    marked.forEach(function (at) { hits[at] = true; });
    // Which words belong to a gloss, and which glosses hold a hit.
    var gloss = [], shown = {}, open = -1;
    words.forEach(function (word, i) {
      if (word.indexOf(GLOSS_OPEN) >= 0) open = i;
      gloss[i] = open;
      if (open >= 0 && hits[i]) shown[open] = true;
      if (word.indexOf(GLOSS_CLOSE) >= 0) open = -1;
    });
    var visible = function (i) { return gloss[i] < 0 || shown[gloss[i]]; };
    // Context is counted in the text's own characters; a gloss shown comes on top.
    var start = first, count = 0;
    while (start > from && count < BEFORE) { start -= 1; if (gloss[start] < 0) count += words[start].trim().length; }
    var end = first, after = 0;
    while (end < words.length && after < AFTER) { if (gloss[end] < 0) after += words[end].trim().length; end += 1; }

    var pieces = [];  // {text, marked, gloss}
    for (var i = start; i < end; i++) {
      if (!visible(i)) continue;
      var marked = !!hits[i], inGloss = gloss[i] >= 0, last = pieces[pieces.length - 1];
      var text = words[i].replace(GLOSS_TRIM, "");
      if (last && last.marked === marked && last.gloss === gloss[i]) last.text += text;
      else pieces.push({ text: text, marked: marked, gloss: inGloss ? gloss[i] : -1 });
    }
    var node = doc.createElement("p");
    node.className = "search-excerpt";
    if (start > from) node.appendChild(doc.createTextNode("…"));  // none where a paragraph begins
    // Spaces are dropped over the whole run at once, so none is left where a hit begins or ends.
    var joined = pieces.map(function (piece) { return piece.text; }).join(BREAK).replace(/\s*\ue000\s*/g, function (gap) {
      return /\s/.test(gap) ? " " + BREAK : BREAK;
    });
    var box = null;  // the element of the gloss being shown
    readable(joined).split(BREAK).forEach(function (text, k) {
      var piece = pieces[k];
      if (!piece) return;
      if (piece.gloss < 0) box = null;
      else if (!box || box.glossAt !== piece.gloss) {
        box = add(node, "span", "search-gloss", "", "zh-Latn-pinyin");
        box.glossAt = piece.gloss;
      }
      if (piece.gloss >= 0) text = text.trim();
      var part = piece.marked ? doc.createElement("mark") : doc.createTextNode("");
      part.textContent = piece.marked ? text.trimEnd() : text;
      (box || node).appendChild(part);
      if (piece.marked && part.textContent !== text) (box || node).appendChild(doc.createTextNode(" "));
      if (box && part.textContent && k + 1 < pieces.length && pieces[k + 1].gloss === piece.gloss) box.appendChild(doc.createTextNode(" "));
    });
    if (end < words.length) node.appendChild(doc.createTextNode("…"));
    return node;
  }

  function add(parent, tag, className, text, lang) {
    var node = doc.createElement(tag);
    if (className) node.className = className;
    if (lang) node.lang = lang;
    node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  // "中文 · English": the English half marked as English, for the voice that reads it.
  function bilingual(node, text) {
    node.textContent = "";
    var at = text.lastIndexOf(" · ");
    node.appendChild(doc.createTextNode(at < 0 ? text : text.slice(0, at)));
    if (at >= 0) add(node, "span", "en", text.slice(at), "en");
  }

  // A result: its title linking to the paragraph of the first hit, what it is, the text there.
  // The page of a term the query names is shown from its top, as the query matched its name.
  function resultItem(data, named) {
    var marked = named ? [] : data.locations || [];
    var first = named ? afterHead(data) : Math.min.apply(null, marked.length ? marked : [0]);
    var anchor = named ? null : anchorFor(data, first);
    var item = doc.createElement("li");
    item.className = "search-hit";
    var head = add(item, "p", "search-title", "");
    var link = add(head, "a", "", "");
    bilingual(link, withoutGlosses((data.meta && data.meta.title) || data.url));
    link.href = data.url.split("#")[0] + (anchor ? "#" + anchor.id : "");
    if (data.meta && data.meta.kind === "term") bilingual(add(head, "span", "search-kind", ""), label("term"));
    var details = [data.meta && data.meta.pinyin, data.meta && data.meta.en].filter(Boolean).map(readable);
    if (details.length) add(item, "p", "search-en", details.join(" · "), "en");
    item.appendChild(excerpt(data, first, named ? first : anchor ? anchor.location : 0, marked));
    return item;
  }

  // Where a term's page goes on after its heading, pinyin and English (shown above its
  // excerpt already): past the names the index holds at the end of the heading, then past
  // as many letters as the pinyin and English have.
  function afterHead(data) {
    var words = wordsOf(data), at = 0;
    while (at < words.length && words[at].indexOf(GLOSS_CLOSE) < 0) at += 1;
    if (at >= words.length) return 0;
    var letters = function (text) { return (text || "").normalize("NFD").replace(/[^\p{L}]/gu, "").length; };
    var left = letters(data.meta.pinyin) + letters(data.meta.en);
    at += 1;
    while (at < words.length && left > 0) { left -= letters(words[at]); at += 1; }
    while (at < words.length && !letters(words[at])) at += 1;  // the full stop after the English
    return at < words.length ? at : 0;
  }

  /* ── The search box ────────────────────────────────────────────────── */

  var asked = 0;          // the number of the latest query, so a late answer is dropped
  var pending = [];       // results not shown yet
  var timer = null;

  function say(text) { bilingual(status, text); }

  function clear() {
    list.textContent = "";
    more.hidden = true;
    pending = [];
  }

  function close() {
    clear();
    panel.hidden = true;
    status.textContent = "";
  }

  function showNext(number) {
    var batch = pending.splice(0, PAGE);
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (datas) {
      if (number !== asked) return;
      var firstNew = null;
      datas.forEach(function (data, k) {
        var item = resultItem(data, batch[k].named);
        list.appendChild(item);
        firstNew = firstNew || item;
      });
      more.hidden = pending.length === 0;
      return firstNew;
    });
  }

  function search(query) {
    var number = ++asked;
    query = query.trim();
    if (!query) { close(); return Promise.resolve(); }
    panel.hidden = false;
    return load(edition).then(function (pagefind) {
      return run(pagefind, query).then(function (results) {
        if (results.length) return [results, false];
        return load(other).then(function (elsewhere) { return run(elsewhere, query); })
          .then(function (elsewhere) { return [elsewhere, elsewhere.length > 0]; });
      });
    }).then(function (answer) {
      if (number !== asked) return;
      clear();
      var results = answer[0];
      var done = function () { if (number === asked) panel.setAttribute("data-query", query); };  // what is shown answers
      if (!results.length) { say(label("none")); done(); return; }
      var count = label("found").replace(/\{n\}/g, String(results.length));
      if (answer[1]) {  // "简体版中没有，以下见于繁体版：找到 9 项 · none in this script; in the other: 9 found"
        var where = label("elsewhere").split(" · "), found = count.split(" · ");
        count = where[0] + "：" + found[0] + " · " + where[1] + ": " + found[1];
      }
      say(count);
      pending = results.slice();
      return showNext(number).then(done);
    }, function (error) {
      if (number !== asked) return;
      clear();
      panel.setAttribute("data-query", query);
      say(error && error.message === "needs-server" ? label("needs-server") : label("failed"));
    });
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll(".search-title a")); }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 200);
  });

  // Opened from a file, search cannot work: say so as soon as the reader comes to the box.
  input.addEventListener("focus", function () {
    if (location.protocol === "file:") { panel.hidden = false; say(label("needs-server")); }
    else load(edition).catch(function () { /* said when the reader searches */ });
  });

  more.addEventListener("click", function () {
    showNext(asked).then(function (firstNew) {
      if (firstNew) firstNew.querySelector("a").focus();
    });
  });

  // Arrow keys move between the box and the results; Escape empties the box.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      asked += 1;
      close();
    } else if (event.key === "ArrowDown" && links().length) {
      event.preventDefault();
      links()[0].focus();
    }
  });

  list.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Escape") return;
    var all = links(), at = all.indexOf(doc.activeElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === "Escape") { input.focus(); return; }
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) input.focus(); else if (next < all.length) all[next].focus();
  });

  form.hidden = false;
})();
