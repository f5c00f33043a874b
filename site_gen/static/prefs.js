/* The reader's text size and colour scheme, applied before the page is drawn (learn.js keeps
   them): a page never flashes in the system's colours or the default size first. */
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    var size = JSON.parse(window.localStorage.getItem("site_gen.text_size"));
    if (typeof size === "number" && size >= 0.75 && size <= 2) root.style.setProperty("--reading-scale", String(size));
    var scheme = JSON.parse(window.localStorage.getItem("site_gen.scheme"));
    if (scheme === "light" || scheme === "dark") root.setAttribute("data-scheme", scheme);
  } catch (e) { /* nothing remembered: the defaults stand */ }
})();
