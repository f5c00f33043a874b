/* site_gen reading pages: with pinyin on, the characters at an even pitch, as in a textbook.

   Each character has its syllable over it. A syllable wider than its character (zhuàng, shēng)
   would spread that character from its neighbours, and a phone's page of them reads unevenly:
   only one character in six stood within 5% of the usual pitch. So every syllable is given one
   pitch, wide enough for nine syllables in ten of the page: its rt's margins make its box exactly
   that wide (a short syllable is padded out; a longer one reaches past its character with
   negative margins, which the ruby does not widen its character for). Two long syllables side by
   side never run into each other: where their margins would overlap, each gives back half, and
   only then are their characters moved apart. The syllables are measured on a canvas in the
   reading's own font, so the pitch holds for whatever font and text size the reader has; the
   readings the pinyin level hides take no part. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var article = doc.querySelector("article");
  if (!article) return;
  var BLOCK = "p, h1, h2, h3, h4, li, blockquote, figcaption, dt, dd, td, th";

  var PITCH_SHARE = 0.9;  // the share of syllables the even pitch is wide enough for

  function readings() {
    return Array.prototype.slice.call(article.querySelectorAll("rt"));
  }

  function clear(rts) {
    rts.forEach(function (rt) {
      if (rt.style.marginLeft || rt.style.marginRight) { rt.style.marginLeft = ""; rt.style.marginRight = ""; }
    });
  }

  // A syllable's width as it is set, padding included, measured on a canvas in the reading's own
  // font: the page itself need not be laid out to learn it (a page of seven thousand readings
  // took a second layout of a quarter of a second when each was measured in place).
  var canvas = doc.createElement("canvas").getContext("2d");
  function widthOf(text, style, widths) {
    var key = style.font + "\n" + text;
    var width = widths.get(key);
    if (width === undefined) {
      canvas.font = style.font;
      width = canvas.measureText(text).width + style.padding;
      widths.set(key, width);
    }
    return width;
  }

  // What a block's readings are set in: the same all through it, so read once per block.
  function styleOf(block, ruby, rt, styles) {
    var style = styles.get(block);
    if (!style) {
      var look = getComputedStyle(rt);
      style = {base: parseFloat(getComputedStyle(ruby).fontSize), size: parseFloat(look.fontSize),
               font: look.fontStyle + " " + look.fontWeight + " " + look.fontSize + " " + look.fontFamily,
               padding: parseFloat(look.paddingLeft) + parseFloat(look.paddingRight)};
      styles.set(block, style);
    }
    return style;
  }

  // The width, in ems of the readings' own size, that PITCH_SHARE of the syllables fit in.
  function pitchInEms(items) {
    var ems = items.map(function (item) { return item.width / item.size; }).sort(function (a, b) { return a - b; });
    return ems.length ? ems[Math.min(ems.length - 1, Math.floor(ems.length * PITCH_SHARE))] : 0;
  }

  function layOut() {
    var rts = readings();
    clear(rts);
    if (!root.classList.contains("show-pinyin")) return;
    var styles = new Map(), widths = new Map();
    var items = [];
    rts.forEach(function (rt) {
      var ruby = rt.parentNode;
      if (ruby.classList.contains("known")) return;  // its reading is hidden by the pinyin level
      var block = ruby.parentNode.closest(BLOCK) || ruby.parentNode;
      var style = styleOf(block, ruby, rt, styles);
      items.push({rt: rt, block: block, width: widthOf(rt.textContent, style, widths), size: style.size,
                  base: style.base});
    });
    var pitch = pitchInEms(items);
    // Each syllable's margins make its box one pitch wide: a short one is padded out, a long one
    // reaches past its character (negative margins). The pitch is never under the character.
    items.forEach(function (item) {
      var cell = Math.max(item.base, pitch * item.size);
      item.left = item.right = (cell - item.width) / 2;
    });
    // Two long syllables side by side may not run into each other: where their margins would
    // overlap, each gives back half (punctuation between them is not counted as room: where the
    // lines will break is not known before the margins are set).
    for (var at = 0; at + 1 < items.length; at++) {
      var a = items[at], b = items[at + 1];
      var gap = a.right + b.left;
      if (a.block === b.block && gap < 0) { a.right -= gap / 2; b.left -= gap / 2; }
    }
    items.forEach(function (item) {
      item.rt.style.marginLeft = item.left.toFixed(1) + "px";
      item.rt.style.marginRight = item.right.toFixed(1) + "px";
    });
  }

  var pending = false;
  function later() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; layOut(); });
  }

  // Pinyin on or off, the text size, the English mode (a side-by-side column is narrower), and
  // the pinyin level (which hides the readings of known words) all move the room around.
  new MutationObserver(later).observe(root, {attributes: true, attributeFilter: ["class", "style"]});
  // (a word's "active" mark while its popup is open changes no room: only "known" is heeded)
  new MutationObserver(function (records) {
    if (records.some(function (record) {
      return /\bknown\b/.test(record.oldValue || "") !== record.target.classList.contains("known");
    })) later();
  }).observe(article, {attributes: true, attributeFilter: ["class"], attributeOldValue: true, subtree: true});
  var width = window.innerWidth;
  window.addEventListener("resize", function () {
    if (window.innerWidth !== width) { width = window.innerWidth; later(); }
  });
  if (doc.fonts && doc.fonts.ready) doc.fonts.ready.then(later);
  later();
})();
