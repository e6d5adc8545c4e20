/* mkdocs-journey-maps: filter the gallery's cards in place, without reloading the page.

   Every filter is a link to a generated page (maps/type/future-state/, maps/tag/retail/...),
   so filtering works without this script. With it, on a page that holds the whole gallery
   (.jm-browse[data-jm-complete]), a click on a filter shows the matching cards at once, marks
   the filter as current and puts the filter page's address in the location bar
   (history.replaceState), so reloading, bookmarking or sharing gives the same result from the
   server. Pages that hold only part of the gallery (a 500-map gallery is paginated) keep the
   links as they are: the facet page is the complete, paginated answer, and mkdocs-material's
   instant navigation (when enabled) loads it without a full reload.

   Cards carry their facet values in data attributes (data-type, data-persona, data-tags,
   data-languages); filter links carry a token such as data-jm-facet="tag:retail" ("" for all
   maps) and data-jm-title, the title of the page they stand for. */
(function () {
  "use strict";

  var ATTRIBUTES = {
    type: "data-type",
    persona: "data-persona",
    tag: "data-tags",
    language: "data-languages",
  };
  var ENTRIES = ".jm-card[data-map-id], .jm-untranslated-maps > li[data-map-id]";

  function matches(entry, token) {
    if (!token) return true;
    var colon = token.indexOf(":");
    var attribute = ATTRIBUTES[token.slice(0, colon)];
    if (!attribute) return true;
    var values = (entry.getAttribute(attribute) || "").split(" ");
    return values.indexOf(token.slice(colon + 1)) !== -1;
  }

  /* After replaceState the page's address is the filter page's, one or two folders deeper:
     relative links would resolve against it. Pin them to the address they were written for
     first (mkdocs-material's instant navigation does the same for every page it loads).
     Fragment-only links stay relative: they point into this very document. */
  function pinRelativeLinks() {
    var links = document.querySelectorAll("a[href], area[href]");
    for (var i = 0; i < links.length; i++) {
      var value = links[i].getAttribute("href");
      if (!value || value.charAt(0) === "#" || /^([a-z][a-z0-9+.-]*:|\/\/)/i.test(value)) {
        continue;
      }
      links[i].setAttribute("href", links[i].href);
    }
  }

  function setTitle(root, title) {
    var previous = root.getAttribute("data-jm-title") || "";
    if (!title || title === previous) return;
    var heading = document.querySelector(".md-content h1");
    if (heading && heading.textContent.trim() === previous) heading.textContent = title;
    if (document.title.indexOf(previous) === 0) {
      document.title = title + document.title.slice(previous.length);
    }
    root.setAttribute("data-jm-title", title);
  }

  function apply(root, link) {
    var token = link.getAttribute("data-jm-facet") || "";
    var entries = root.querySelectorAll(ENTRIES);
    var shown = 0;
    for (var i = 0; i < entries.length; i++) {
      var visible = matches(entries[i], token);
      entries[i].hidden = !visible;
      if (visible) shown += 1;
    }
    var lists = root.querySelectorAll(".jm-untranslated-maps");
    for (var j = 0; j < lists.length; j++) {
      var any = lists[j].querySelector("li:not([hidden])") !== null;
      lists[j].hidden = !any;
      var heading = lists[j].previousElementSibling;
      if (heading && heading.classList.contains("jm-untranslated-heading")) heading.hidden = !any;
    }
    var filters = root.querySelectorAll("a[data-jm-facet]");
    for (var k = 0; k < filters.length; k++) {
      var current = filters[k].getAttribute("data-jm-facet") === token &&
        filters[k].closest(".jm-filters") !== null;
      if (current) filters[k].setAttribute("aria-current", "page");
      else filters[k].removeAttribute("aria-current");
    }
    var count = root.querySelector(".jm-browse__count");
    var template = root.getAttribute("data-jm-count");
    if (count && template) count.textContent = template.replace("{n}", String(shown));
    setTitle(root, link.getAttribute("data-jm-title"));
    if (window.history && typeof window.history.replaceState === "function") {
      pinRelativeLinks();
      window.history.replaceState(window.history.state, "", link.href);
    }
    root.setAttribute("data-jm-filter", token);
  }

  /* The filter a click stands for: a filter link itself, or any other link to the same
     address (the navigation's link to the gallery while a filter is shown, say). */
  function filterFor(root, link) {
    if (link.hasAttribute("data-jm-facet")) return link;
    if (link.hash || !link.href) return null;
    var filters = root.querySelectorAll(".jm-filters a[data-jm-facet]");
    for (var i = 0; i < filters.length; i++) {
      if (filters[i].href === link.href) return filters[i];
    }
    return null;
  }

  /* Capture phase, on the document: this runs before mkdocs-material's instant navigation,
     which listens on <body> and would otherwise fetch the filter page. */
  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var target = event.target;
    var link = target && target.closest ? target.closest("a[href]") : null;
    if (!link || (link.target && link.target !== "_self")) return;
    var root = document.querySelector(".jm-browse[data-jm-complete]");
    if (!root) return;
    var filter = filterFor(root, link);
    if (!filter) return;
    event.preventDefault();
    event.stopPropagation();
    apply(root, filter);
  }

  /* Runs for every page: once on load, and again after each instant navigation. */
  function init() {
    var roots = document.querySelectorAll(".jm-browse");
    for (var i = 0; i < roots.length; i++) roots[i].setAttribute("data-jm-ready", "true");
  }

  document.addEventListener("click", onClick, true);
  var documents = window.document$;
  if (documents && typeof documents.subscribe === "function") {
    documents.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
