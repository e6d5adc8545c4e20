/* mkdocs-journey-maps: filter the gallery's cards in place.

   The gallery (maps/) holds every map of its language. A filter is a view of it, named by
   the address: maps/#tag-retail shows the maps tagged "retail". Without this script the
   site's generated facets.css does that with CSS :target rules, and every filter is a
   plain link to its view. With it, a click on a filter shows the matching cards at once,
   shows the view's heading, marks the filter as current, updates the page title and puts
   the view's address in the location bar (history.replaceState), so reloading, bookmarking
   or sharing gives the same view. An address that names a view when the page loads (a link
   from a map page's tag, an old facet URL redirected here) is applied the same way, also
   after mkdocs-material's instant navigation.

   Cards carry their facet values in data attributes (data-type, data-persona, data-tags,
   data-languages); filter links carry a token such as data-jm-facet="tag:retail" ("" for
   all maps) and data-jm-title, the title of the view they stand for. The listing is marked
   data-jm-enhanced while this script runs it, which turns the CSS-only rules off. */
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

  /* The heading of a view: the element the address's fragment names, if it is one. */
  function viewHeading(root, fragment) {
    if (!fragment) return null;
    var found = document.getElementById(decodeURIComponent(fragment));
    return found && root.contains(found) && found.classList.contains("jm-facet-title")
      ? found
      : null;
  }

  function show(root, token, title) {
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
    var headings = root.querySelectorAll(".jm-facet-title");
    for (var h = 0; h < headings.length; h++) {
      var current = headings[h].getAttribute("data-jm-facet") === token && token !== "";
      headings[h].classList.toggle("jm-facet-title--current", current);
    }
    var filters = root.querySelectorAll(".jm-filters a[data-jm-facet]");
    for (var k = 0; k < filters.length; k++) {
      if (filters[k].getAttribute("data-jm-facet") === token) {
        filters[k].setAttribute("aria-current", "page");
      } else {
        filters[k].removeAttribute("aria-current");
      }
    }
    var count = root.querySelector(".jm-browse__count");
    var template = root.getAttribute("data-jm-count");
    if (count && template) count.textContent = template.replace("{n}", String(shown));
    setTitle(root, title);
    root.setAttribute("data-jm-filter", token);
  }

  /* The view the address names when the page is shown (or the whole gallery). */
  function showAddressed(root) {
    var heading = viewHeading(root, window.location.hash.slice(1));
    var all = root.querySelector(".jm-filters__all a[data-jm-facet]");
    if (heading) {
      var link = root.querySelector(
        '.jm-filters a[data-jm-facet="' + heading.getAttribute("data-jm-facet") + '"]'
      );
      show(root, heading.getAttribute("data-jm-facet"), link && link.getAttribute("data-jm-title"));
    } else {
      show(root, "", all && all.getAttribute("data-jm-title"));
    }
  }

  /* Capture phase, on the document: this runs before mkdocs-material's instant navigation,
     which listens on <body> and would otherwise treat the click itself. */
  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var target = event.target;
    var link = target && target.closest ? target.closest("a[data-jm-facet]") : null;
    if (!link || (link.target && link.target !== "_self")) return;
    var root = document.querySelector(".jm-browse[data-jm-enhanced]");
    if (!root) return;
    var url = new URL(link.href, window.location.href);
    if (url.pathname !== window.location.pathname) return; /* a view of another page */
    event.preventDefault();
    event.stopPropagation();
    show(root, link.getAttribute("data-jm-facet") || "", link.getAttribute("data-jm-title"));
    if (window.history && typeof window.history.replaceState === "function") {
      window.history.replaceState(window.history.state, "", url.hash ? url.href : url.pathname);
    }
    var heading = viewHeading(root, url.hash.slice(1));
    if (heading) heading.focus({ preventScroll: false });
  }

  function onHashChange() {
    var root = document.querySelector(".jm-browse[data-jm-enhanced]");
    if (root) showAddressed(root);
  }

  /* Runs for every page: once on load, and again after each instant navigation. */
  function init() {
    var roots = document.querySelectorAll(".jm-browse");
    for (var i = 0; i < roots.length; i++) {
      roots[i].setAttribute("data-jm-ready", "true");
      if (roots[i].hasAttribute("data-jm-complete")) {
        roots[i].setAttribute("data-jm-enhanced", "true");
        showAddressed(roots[i]);
      }
    }
  }

  document.addEventListener("click", onClick, true);
  window.addEventListener("hashchange", onHashChange);
  var documents = window.document$;
  if (documents && typeof documents.subscribe === "function") {
    documents.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
