/* mkdocs-journey-maps: the diagram's view.

   A figure.jm-diagram holds an inline SVG in a region that scrolls sideways: that is all a
   page without JavaScript needs, and all it gets. This script shows the figure's toolbar and
   drives it: fit to width (how a diagram opens), zoom in and out (buttons; + - 0 while the
   figure has focus; ctrl+wheel; a two-finger pinch), and full screen (the Fullscreen API, or
   a fixed layer where it is missing; Esc leaves). Zooming sets the SVG's width, never a CSS
   transform: the region keeps scrolling natively and the text stays sharp.

   Lane names and stage headers stay in sight: the parts of the drawing under the lane-name
   column and the stage-header row are copied into "pins", groups at the end of the page's
   SVG that follow the scroll offsets. Only the page's copy changes; downloads are drawn from
   the standalone SVG. Shaded edges and "3 more" buttons say what is out of sight, and a
   #stage-<id> address scrolls that stage's column into view and marks it.

   Runs once per page: on load, and after each of mkdocs-material's instant navigations. */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var MIN_SCALE = 0.1;
  var MAX_SCALE = 4;
  var STEP = 1.25;
  var views = [];
  var shownPath = null;
  var pending = false;
  var resizes = typeof ResizeObserver === "function" ? new ResizeObserver(onResize) : null;

  function clamp(value, low, high) {
    return Math.min(Math.max(value, low), high);
  }

  /* --- geometry of the drawing ---------------------------------------------------------------- */

  /* A shape's box in the coordinates of its parent (getBBox leaves out its own transform). */
  function boxOf(node) {
    var box = node.getBBox();
    var list = node.transform && node.transform.baseVal;
    if (!list || !list.numberOfItems) return box;
    var matrix = node.ownerSVGElement.createSVGMatrix();
    for (var i = 0; i < list.numberOfItems; i++) matrix = matrix.multiply(list.getItem(i).matrix);
    var xs = [], ys = [];
    [[box.x, box.y], [box.x + box.width, box.y], [box.x, box.y + box.height],
      [box.x + box.width, box.y + box.height]].forEach(function (corner) {
      xs.push(matrix.a * corner[0] + matrix.c * corner[1] + matrix.e);
      ys.push(matrix.b * corner[0] + matrix.d * corner[1] + matrix.f);
    });
    var x = Math.min.apply(null, xs), y = Math.min.apply(null, ys);
    return {x: x, y: y, width: Math.max.apply(null, xs) - x, height: Math.max.apply(null, ys) - y};
  }

  function overlaps(a, b) {
    return a.x <= b.x + b.width && a.x + a.width >= b.x &&
      a.y <= b.y + b.height && a.y + a.height >= b.y;
  }

  function within(a, b) {
    return a.x >= b.x && a.x + a.width <= b.x + b.width &&
      a.y >= b.y && a.y + a.height <= b.y + b.height;
  }

  /* Where the stage columns, the header row and the lanes are, from the drawing itself: each
     stage (or time slot) is a g.jm-stage holding its header; grid lines end at the last lane.
     null for drawings without stages (empathy maps, comparisons). */
  function measureGrid(svg) {
    var stages = svg.querySelectorAll("g.jm-stage[data-stage]");
    if (!stages.length) return null;
    var grid = {columns: [], left: Infinity, right: 0, top: Infinity, head: 0, bottom: 0};
    for (var i = 0; i < stages.length; i++) {
      var box = stages[i].getBBox();
      grid.columns.push({id: stages[i].getAttribute("data-stage"), x: box.x, width: box.width});
      grid.left = Math.min(grid.left, box.x);
      grid.right = Math.max(grid.right, box.x + box.width);
      grid.top = Math.min(grid.top, box.y);
      grid.head = Math.max(grid.head, box.y + box.height);
    }
    var lines = svg.querySelectorAll("path.jm-grid");
    for (var j = 0; j < lines.length; j++) {
      var line = lines[j].getBBox();
      grid.bottom = Math.max(grid.bottom, line.y + line.height);
    }
    if (grid.bottom <= grid.head) grid.bottom = svg.viewBox.baseVal.height;
    return grid.right > grid.left ? grid : null;
  }

  /* --- pins ----------------------------------------------------------------------------------- */

  function element(name, attributes) {
    var node = document.createElementNS(SVG_NS, name);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    return node;
  }

  function withoutIds(node) {
    node.removeAttribute("id");
    var inner = node.querySelectorAll("[id]");
    for (var i = 0; i < inner.length; i++) inner[i].removeAttribute("id");
    return node;
  }

  /* Copies of what the drawing shows inside `area`: whole shapes where they lie inside it,
     groups opened up where they cross its edge (a lane's group spans every column). */
  function copyInto(target, source, area) {
    for (var node = source.firstElementChild; node; node = node.nextElementSibling) {
      if (typeof node.getBBox !== "function" || node.classList.contains("jm-pin")) continue;
      var box = boxOf(node);
      if (!overlaps(box, area)) continue;
      var open = node.localName === "g" && !node.hasAttribute("transform") && !within(box, area);
      if (open) {
        var group = withoutIds(node.cloneNode(false));
        copyInto(group, node, area);
        if (group.firstElementChild) target.appendChild(group);
      } else {
        target.appendChild(withoutIds(node.cloneNode(true)));
      }
    }
  }

  function makePin(svg, name, area) {
    var clip = svg.id + "-pin-" + name;
    var pin = element("g", {"class": "jm-pin jm-pin--" + name, "aria-hidden": "true"});
    var path = element("clipPath", {id: clip});
    path.appendChild(element("rect", area));
    var body = element("g", {"clip-path": "url(#" + clip + ")"});
    copyInto(body, svg, area);
    pin.appendChild(path);
    pin.appendChild(body);
    return pin;
  }

  /* Stage headers move down, lane names move right, the corner both; drawn in that order, so
     the corner covers where the two meet. */
  function makePins(svg, grid) {
    var pins = {
      stages: makePin(svg, "stages", {x: grid.left, y: grid.top, width: grid.right - grid.left,
        height: grid.head - grid.top}),
      lanes: makePin(svg, "lanes", {x: 0, y: grid.head, width: grid.left,
        height: grid.bottom - grid.head}),
      corner: makePin(svg, "corner", {x: 0, y: grid.top, width: grid.left,
        height: grid.head - grid.top}),
    };
    svg.appendChild(pins.stages);
    svg.appendChild(pins.lanes);
    svg.appendChild(pins.corner);
    return pins;
  }

  function shift(pin, x, y) {
    var value = "translate(" + x.toFixed(2) + " " + y.toFixed(2) + ")";
    if (pin.getAttribute("transform") !== value) pin.setAttribute("transform", value);
  }

  /* --- the view of one figure ----------------------------------------------------------------- */

  function isFull(view) {
    return document.fullscreenElement === view.figure ||
      view.figure.classList.contains("jm-diagram--expanded");
  }

  /* Top of the part of the region not covered by the sticky toolbar. */
  function visibleTop(view) {
    var top = view.region.getBoundingClientRect().top;
    return Math.max(top, view.bar.getBoundingClientRect().bottom);
  }

  /* Where the drawing starts in the region's scrolled content (it is centred when narrower). */
  function origin(view) {
    var box = view.region.getBoundingClientRect();
    return view.svg.getBoundingClientRect().left - box.left - view.region.clientLeft +
      view.region.scrollLeft;
  }

  function fitScale(view) {
    var width = view.region.clientWidth;
    if (!width) return view.scale;
    return clamp(Math.min(1, (width - 1) / view.width), MIN_SCALE, 1);
  }

  /* Zoom to `scale`, keeping the drawing's point under `anchor` (client coordinates) where
     it is: under the pointer for wheel and pinch, the middle of what is in sight for buttons. */
  function zoom(view, scale, anchor) {
    scale = clamp(scale, MIN_SCALE, MAX_SCALE);
    var region = view.region;
    var before = view.svg.getBoundingClientRect();
    var x = 0, y = 0;
    if (anchor) {
      x = (anchor.x - before.left) / view.scale;
      y = (anchor.y - before.top) / view.scale;
    }
    view.scale = scale;
    view.svg.style.width = Math.floor(view.width * scale) + "px";
    if (anchor) {
      var after = view.svg.getBoundingClientRect();
      region.scrollLeft += after.left + x * scale - anchor.x;
      var down = after.top + y * scale - anchor.y;
      if (isFull(view)) region.scrollTop += down;
      else window.scrollBy(0, down);
    }
    update(view);
  }

  function middle(view) {
    var box = view.region.getBoundingClientRect();
    var top = Math.max(visibleTop(view), 0);
    var bottom = Math.min(box.bottom, window.innerHeight);
    return {x: box.left + box.width / 2, y: bottom > top ? (top + bottom) / 2 : box.top};
  }

  function fit(view, on) {
    view.fitted = on;
    if (on) zoom(view, fitScale(view), null);
    else update(view);
  }

  function step(view, factor) {
    var next = view.scale * factor;
    // Stop at 100 % on the way through: the size the drawing was made for.
    if ((view.scale < 1 && next > 1) || (view.scale > 1 && next < 1)) next = 1;
    view.fitted = false;
    zoom(view, next, middle(view));
  }

  function act(view, action) {
    if (action === "fit") {
      if (view.fitted) {
        view.fitted = false;
        zoom(view, 1, middle(view));
      } else {
        fit(view, true);
      }
    } else if (action === "in") {
      step(view, STEP);
    } else if (action === "out") {
      step(view, 1 / STEP);
    } else if (action === "reset") {
      view.fitted = false;
      zoom(view, 1, middle(view));
    } else if (action === "full") {
      toggleFull(view);
    } else if (action === "left" || action === "right") {
      var reduce = window.matchMedia && matchMedia("(prefers-reduced-motion: reduce)").matches;
      var distance = view.region.clientWidth * 0.8;
      view.region.scrollBy({left: action === "left" ? -distance : distance,
        behavior: reduce ? "auto" : "smooth"});
    }
  }

  /* --- full screen ---------------------------------------------------------------------------- */

  function expand(view, on) {
    view.figure.classList.toggle("jm-diagram--expanded", on);
    document.documentElement.classList.toggle("jm-expanded", on);
    changedFull(view);
  }

  /* Full screen shows the diagram fitted to the screen; leaving it keeps the mode chosen. */
  function toggleFull(view) {
    var figure = view.figure;
    if (document.fullscreenElement === figure) {
      document.exitFullscreen();
      return;
    }
    if (figure.classList.contains("jm-diagram--expanded")) {
      expand(view, false);
      return;
    }
    view.fitted = true;
    if (document.fullscreenEnabled && figure.requestFullscreen) {
      figure.requestFullscreen().catch(function () {
        expand(view, true);
      });
    } else {
      expand(view, true);
    }
  }

  function changedFull(view) {
    var full = isFull(view);
    view.buttons.full.setAttribute("aria-pressed", String(full));
    if (!full) view.region.scrollTop = 0;
    if (view.fitted) zoom(view, fitScale(view), null);
    else update(view);
  }

  /* --- what is shown: level, buttons, pins, hints --------------------------------------------- */

  function update(view) {
    var level = view.percent.format(view.scale);
    if (view.level.textContent !== level) view.level.textContent = level;
    view.buttons.fit.setAttribute("aria-pressed", String(view.fitted));
    view.buttons["in"].disabled = view.scale >= MAX_SCALE;
    view.buttons.out.disabled = view.scale <= MIN_SCALE;
    schedule();
  }

  function place(view) {
    var grid = view.grid, region = view.region, scale = view.scale;
    var edge = 0, hidden = {left: 0, right: 0};
    var start = origin(view);
    var first = (region.scrollLeft - start) / scale;
    var last = (region.scrollLeft + region.clientWidth - start) / scale;
    if (grid && view.pins) {
      var dx = clamp(first, 0, grid.right - grid.left);
      // One pixel under the toolbar: no seam of the drawing beneath shows at its edge.
      var top = (visibleTop(view) - 1 - view.svg.getBoundingClientRect().top) / scale;
      var dy = clamp(top - grid.top, 0, Math.max(0, grid.bottom - grid.head));
      shift(view.pins.stages, 0, dy);
      shift(view.pins.lanes, dx, 0);
      shift(view.pins.corner, dx, dy);
      view.pins.lanes.classList.toggle("jm-pin--active", dx > 0.5);
      view.pins.stages.classList.toggle("jm-pin--active", dy > 0.5);
      edge = grid.left * scale;
      grid.columns.forEach(function (column) {
        var centre = column.x + column.width / 2;
        if (centre < first + grid.left) hidden.left += 1;
        else if (centre > last) hidden.right += 1;
      });
    }
    var more = [];
    if (region.scrollLeft > 1) more.push("left");
    if (region.scrollLeft + region.clientWidth < region.scrollWidth - 1) more.push("right");
    view.frame.setAttribute("data-jm-more", more.join(" "));
    view.frame.style.setProperty("--jm-pin-edge", edge.toFixed(1) + "px");
    var box = view.frame.getBoundingClientRect();
    var upper = Math.max(visibleTop(view), box.top);
    var lower = Math.min(box.bottom, window.innerHeight);
    var middleY = lower > upper ? (upper + lower) / 2 - box.top : box.height / 2;
    view.frame.style.setProperty("--jm-more-top", middleY.toFixed(0) + "px");
    ["left", "right"].forEach(function (side) {
      var button = view.more[side];
      if (!button) return;
      var count = hidden[side];
      button.hidden = count === 0;
      if (!count) return;
      var words = button.getAttribute("data-jm-text").replace("{n}", String(count));
      button.textContent = side === "left" ? "← " + words : words + " →";
      button.title = button.getAttribute("data-jm-label");
    });
  }

  function schedule() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      views.forEach(place);
    });
  }

  function onResize(entries) {
    entries.forEach(function (entry) {
      var view = viewOf(entry.target);
      if (view && view.fitted) zoom(view, fitScale(view), null);
    });
    schedule();
  }

  function viewOf(node, among) {
    among = among || views;
    for (var i = 0; i < among.length; i++) {
      if (among[i].figure.contains(node)) return among[i];
    }
    return null;
  }

  /* --- #stage-<id>: that stage's column in sight, and marked ---------------------------------- */

  function stageOf(hash) {
    var found = /^#stage-(.+)$/.exec(hash || "");
    if (!found) return null;
    try {
      return decodeURIComponent(found[1]);
    } catch (error) {  // a malformed escape: compare the id as written
      return found[1];
    }
  }

  function showStage(hash) {
    var id = stageOf(hash);
    var rows = document.querySelectorAll("tr.jm-stage[data-stage]");
    for (var i = 0; i < rows.length; i++) {
      rows[i].classList.toggle("jm-stage--marked", rows[i].getAttribute("data-stage") === id);
    }
    views.forEach(function (view) {
      if (!view.grid) return;
      var old = view.svg.querySelector(".jm-mark");
      if (old) old.parentNode.removeChild(old);
      var column = view.grid.columns.filter(function (c) {
        return c.id === id;
      })[0];
      if (!column) return;
      var grid = view.grid;
      var mark = element("rect", {"class": "jm-mark", x: column.x + 1.5, y: grid.top + 1.5,
        width: column.width - 3, height: grid.bottom - grid.top - 3});
      view.svg.insertBefore(mark, view.pins ? view.pins.stages : null);
      var region = view.region, scale = view.scale;
      var start = origin(view) + column.x * scale;
      var pinned = grid.left * scale;
      var room = region.clientWidth - pinned;
      var from = region.scrollLeft + pinned;
      if (start < from || start + column.width * scale > region.scrollLeft + region.clientWidth) {
        region.scrollLeft = start - pinned - Math.max(0, (room - column.width * scale) / 2);
      }
      schedule();
    });
  }

  function onLinkClick(event) {
    var link = event.target.closest && event.target.closest("a[href*='#stage-']");
    if (!link || link.pathname !== window.location.pathname) return;
    window.setTimeout(function () {
      showStage(link.hash);
    }, 0);
  }

  /* --- set-up --------------------------------------------------------------------------------- */

  function onKey(view, event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var action = {"+": "in", "=": "in", "-": "out", "_": "out", "0": "reset"}[event.key];
    if (!action) return;
    event.preventDefault();
    act(view, action);
  }

  function onWheel(view, event) {
    if (!event.ctrlKey) return;
    event.preventDefault();
    var lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    view.fitted = false;
    var factor = Math.exp(-event.deltaY * lines / 500);
    zoom(view, view.scale * factor, {x: event.clientX, y: event.clientY});
  }

  /* Two fingers on the region: the distance between them scales the diagram. */
  function pinch(view) {
    var touches = {};
    var start = null;
    function spread() {
      var points = Object.keys(touches).map(function (key) { return touches[key]; });
      if (points.length !== 2) return null;
      return {
        distance: Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y),
        x: (points[0].x + points[1].x) / 2,
        y: (points[0].y + points[1].y) / 2,
      };
    }
    function down(event) {
      if (event.pointerType !== "touch") return;
      touches[event.pointerId] = {x: event.clientX, y: event.clientY};
      var now = spread();
      start = now ? {distance: now.distance, scale: view.scale} : null;
    }
    function move(event) {
      if (!(event.pointerId in touches)) return;
      touches[event.pointerId] = {x: event.clientX, y: event.clientY};
      var now = spread();
      if (!start || !now || !start.distance) return;
      view.fitted = false;
      zoom(view, start.scale * now.distance / start.distance, {x: now.x, y: now.y});
    }
    function up(event) {
      delete touches[event.pointerId];
      start = null;
    }
    view.region.addEventListener("pointerdown", down);
    view.region.addEventListener("pointermove", move);
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      view.region.addEventListener(name, up);
    });
  }

  function create(figure) {
    var bar = figure.querySelector(".jm-diagram__bar");
    var region = figure.querySelector(".jm-diagram__scroll");
    var svg = region && region.querySelector("svg");
    if (!bar || !svg || !svg.viewBox || !svg.viewBox.baseVal || !svg.viewBox.baseVal.width) {
      return null;
    }
    var view = {
      figure: figure,
      bar: bar,
      frame: figure.querySelector(".jm-diagram__frame"),
      region: region,
      svg: svg,
      level: bar.querySelector(".jm-diagram__level"),
      buttons: {},
      more: {
        left: figure.querySelector(".jm-diagram__more--left"),
        right: figure.querySelector(".jm-diagram__more--right"),
      },
      width: svg.viewBox.baseVal.width,
      scale: 1,
      fitted: true,
      grid: null,
      pins: null,
      // "80 %" or "80%", as the page's language writes it.
      percent: new Intl.NumberFormat(document.documentElement.lang || undefined,
        {style: "percent", maximumFractionDigits: 0}),
    };
    var controls = figure.querySelectorAll("[data-jm-view]");
    for (var i = 0; i < controls.length; i++) {
      view.buttons[controls[i].getAttribute("data-jm-view")] = controls[i];
    }
    view.grid = measureGrid(svg);
    if (view.grid) view.pins = makePins(svg, view.grid);
    figure.addEventListener("click", function (event) {
      var control = event.target.closest && event.target.closest("[data-jm-view]");
      if (control && figure.contains(control)) act(view, control.getAttribute("data-jm-view"));
    });
    figure.addEventListener("keydown", function (event) {
      onKey(view, event);
    });
    region.addEventListener("wheel", function (event) {
      onWheel(view, event);
    }, {passive: false});
    region.addEventListener("scroll", schedule, {passive: true});
    pinch(view);
    bar.hidden = false;
    figure.classList.add("jm-diagram--live");
    return view;
  }

  /* Once per page. Material's instant navigation may render the same page again (a first
     link to one of its own #stage- anchors does): the diagrams then keep their zoom, and the
     page is scrolled to the anchor again, as the theme may have scrolled before the
     diagrams above it changed size. */
  function init() {
    var before = views;
    var samePage = shownPath === window.location.pathname;
    shownPath = window.location.pathname;
    if (resizes) resizes.disconnect();
    views = [];
    document.documentElement.classList.remove("jm-expanded");  // left by an earlier page
    var figures = document.querySelectorAll("figure.jm-diagram");
    for (var i = 0; i < figures.length; i++) {
      var view = viewOf(figures[i], before) || create(figures[i]);
      if (!view) continue;
      if (before.indexOf(view) === -1) {
        var old = samePage ? sameDrawing(view, before) : null;
        if (old && !old.fitted) {
          view.fitted = false;
          zoom(view, old.scale, null);
        } else {
          fit(view, true);
        }
      }
      views.push(view);
      if (resizes) resizes.observe(view.region);
    }
    showStage(window.location.hash);
    var target = samePage && stageOf(window.location.hash) !== null &&
      document.getElementById(window.location.hash.slice(1));
    if (target) target.scrollIntoView();
  }

  function sameDrawing(view, among) {
    return among.filter(function (other) {
      return other.svg.id === view.svg.id;
    })[0] || null;
  }

  window.addEventListener("scroll", schedule, {passive: true});
  window.addEventListener("resize", function () {
    if (!resizes) views.forEach(function (view) { if (view.fitted) fit(view, true); });
    schedule();
  });
  window.addEventListener("hashchange", function () {
    showStage(window.location.hash);
  });
  document.addEventListener("click", onLinkClick);
  document.addEventListener("fullscreenchange", function () {
    views.forEach(changedFull);
  });
  /* Esc leaves full screen. Browsers do that themselves for the Fullscreen API and keep the
     key; where the key reaches the page (the fixed-layer fallback, some embedded browsers),
     this does it. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    views.forEach(function (view) {
      if (document.fullscreenElement === view.figure) {
        document.exitFullscreen();
      } else if (view.figure.classList.contains("jm-diagram--expanded")) {
        expand(view, false);
        view.buttons.full.focus();
      }
    });
  });

  var documents = window.document$;
  if (documents && typeof documents.subscribe === "function") {
    documents.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
