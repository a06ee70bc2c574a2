// kgraph network page. Every piece of text from a document is set with textContent (or a
// property), never innerHTML, so a quote that contains markup is shown as that markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kgraph-data").textContent);
  var info = data.info;
  var kindStyle = {};
  data.kinds.forEach(function (k) { kindStyle[k.kind] = k; });

  var hiddenKinds = {};
  // the other filters: an organisation's or a policy's scope (node ids, from the page's data)
  // and a date range; a node without any known date is kept by the date filter
  var filter = {organisation: null, policy: null, from: "", to: ""};
  var scopes = {};  // kind -> chosen id -> {node id: true}, so a check is one lookup
  Object.keys(data.scopes).forEach(function (kind) {
    scopes[kind] = {};
    Object.keys(data.scopes[kind]).forEach(function (id) {
      var members = {};
      data.scopes[kind][id].forEach(function (member) { members[member] = true; });
      scopes[kind][id] = members;
    });
  });
  function inScope(kind, id) {
    var chosen = filter[kind];
    return !chosen || !!(scopes[kind][chosen] && scopes[kind][chosen][id]);
  }
  function inRange(item) {
    if (!item.dates || !item.dates.length || !(filter.from || filter.to)) { return true; }
    return item.dates.some(function (d) {
      return (!filter.from || d >= filter.from) && (!filter.to || d <= filter.to);
    });
  }
  function isShown(id) {
    var item = info[id];
    return !hiddenKinds[item.kind] && inScope("organisation", id) && inScope("policy", id) &&
      inRange(item);
  }
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  // a view, not a `hidden` flag: hidden nodes would still push the others around in physics
  var visibleNodes = new vis.DataView(nodes, {
    filter: function (node) { return isShown(node.id); }
  });
  var container = document.getElementById("network");
  var network = new vis.Network(container, {nodes: visibleNodes, edges: edges}, data.options);
  var selected = null;

  var api = {
    network: network, nodes: nodes, edges: edges, info: info, ready: false,
    show: showDetails, focus: focusNode, find: findNode, setKindVisible: setKindVisible,
    setFilter: setFilter, visibleIds: function () { return visibleNodes.getIds(); }
  };
  window.kgraph = api;
  window.network = network;

  function markReady() {
    if (api.ready) { return; }
    api.ready = true;
    api.readyAt = performance.now();  // ms since navigation began: benchmarks/viz_load.py reads it
    document.body.setAttribute("data-ready", "true");
    if (data.focus) { focusNode(data.focus); }
  }
  if (data.options.physics && data.options.physics.enabled) {
    // once laid out, stop the simulation: the page stays still and costs no CPU
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      network.fit();
      markReady();
    });
  }
  network.once("afterDrawing", function () {
    if (!(data.options.physics && data.options.physics.enabled)) { markReady(); }
  });

  // ---- details panel ------------------------------------------------------------------------
  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function showDetails(id) {
    var panel = document.getElementById("details");
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var item = id === null || id === undefined ? null : info[id];
    if (!item) {
      panel.appendChild(el("p", "Survoler ou cliquer un nœud pour voir ses détails.", "placeholder"));
      return;
    }
    var style = kindStyle[item.kind] || {label: item.kind, color: "#999999"};
    var badge = el("span", style.label, "kind-badge");
    badge.style.background = style.color;
    panel.appendChild(badge);
    panel.appendChild(el("h3", item.label));
    var list = el("dl");
    item.details.forEach(function (row) {
      var key = row[0], heading = row[1], value = row[2];
      if (key === "text") {
        panel.appendChild(el("blockquote", value));
        return;
      }
      list.appendChild(el("dt", heading));
      var dd = el("dd", null, key === "iri" ? "iri" : "");
      var href = item.links && item.links[key];
      if (href) {
        // the href was percent-encoded in Python: it is a relative path or an http(s) URL
        var link = el("a", value);
        link.href = href;
        link.rel = "noopener";
        link.target = "_blank";
        dd.appendChild(link);
      } else if (Array.isArray(value)) {
        var ul = el("ul");
        value.forEach(function (v) { ul.appendChild(el("li", v)); });
        dd.appendChild(ul);
      } else {
        dd.textContent = String(value);
      }
      list.appendChild(dd);
    });
    panel.appendChild(list);
  }

  network.on("hoverNode", function (params) { showDetails(params.node); });
  network.on("blurNode", function () { showDetails(selected); });
  network.on("click", function (params) {
    selected = params.nodes.length ? params.nodes[0] : null;
    showDetails(selected);
  });

  // ---- kinds shown / hidden -----------------------------------------------------------------
  function setKindVisible(kind, visible) {
    hiddenKinds[kind] = !visible;
    var box = document.querySelector('input.kind-toggle[data-kind="' + CSS.escape(kind) + '"]');
    if (box) { box.checked = visible; }
    if (kind === "quote") { document.getElementById("hide-quotes").checked = !visible; }
    refresh();
  }

  // ---- organisation, policy and date filters ------------------------------------------------
  var filterStatus = document.getElementById("filter-status");
  function refresh() {
    visibleNodes.refresh();
    var shown = visibleNodes.length, total = nodes.length;
    filterStatus.textContent = shown === total ? "" : shown + " nœuds sur " + total;
  }
  function setFilter(name, value) {
    filter[name] = value || (name === "from" || name === "to" ? "" : null);
    var input = document.getElementById("filter-" + name);
    if (input && input.value !== (value || "")) { input.value = value || ""; }
    refresh();
  }
  ["organisation", "policy", "from", "to"].forEach(function (name) {
    var input = document.getElementById("filter-" + name);
    input.addEventListener("change", function () { setFilter(name, input.value); });
  });
  document.getElementById("hide-quotes").addEventListener("change", function (event) {
    setKindVisible("quote", !event.target.checked);
  });
  document.getElementById("filter-reset").addEventListener("click", function () {
    ["organisation", "policy", "from", "to"].forEach(function (name) { setFilter(name, ""); });
    Object.keys(hiddenKinds).forEach(function (kind) { setKindVisible(kind, true); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input.kind-toggle"), function (box) {
    box.addEventListener("change", function () {
      setKindVisible(box.getAttribute("data-kind"), box.checked);
    });
  });

  // ---- search -------------------------------------------------------------------------------
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  var kindRank = {};
  data.kinds.forEach(function (k, i) { kindRank[k.kind] = i; });
  var index = Object.keys(info).map(function (id) {
    return {id: id, keys: info[id].search.map(fold), rank: kindRank[info[id].kind] || 0};
  });

  // best match: whole name, then start of the name, then start of a word, then anywhere
  function findNode(query) {
    var q = fold(query);
    if (!q) { return null; }
    var best = null;
    index.forEach(function (entry) {
      entry.keys.forEach(function (key) {
        var score = key === q ? 0 : key.indexOf(q) === 0 ? 1
          : (" " + key).indexOf(" " + q) >= 0 ? 2 : key.indexOf(q) >= 0 ? 3 : -1;
        if (score < 0) { return; }
        var candidate = [score, entry.rank, key.length, entry.id];
        if (best === null || compare(candidate, best) < 0) { best = candidate; }
      });
    });
    return best === null ? null : best[3];
  }
  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) { return -1; }
      if (a[i] > b[i]) { return 1; }
    }
    return 0;
  }

  function focusNode(id) {
    if (!(id in info)) { return; }
    if (hiddenKinds[info[id].kind]) { setKindVisible(info[id].kind, true); }
    if (!isShown(id)) {  // a filter hides what was searched for: lift the filters
      ["organisation", "policy", "from", "to"].forEach(function (name) { setFilter(name, ""); });
    }
    selected = id;
    network.selectNodes([id]);
    network.focus(id, {scale: 1.4, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    showDetails(id);
  }

  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  var names = document.getElementById("search-names");
  Object.keys(info).forEach(function (id) {
    if (info[id].kind === "quote") { return; }  // quotes are found by their speaker
    var option = document.createElement("option");
    option.value = info[id].label;
    names.appendChild(option);
  });
  var timer = null;
  function runSearch() {
    timer = null;
    if (!search.value.trim()) { status.textContent = ""; return; }
    var id = findNode(search.value);
    if (id === null) {
      status.textContent = "Aucun résultat";
      return;
    }
    status.textContent = "";
    focusNode(id);
  }
  search.addEventListener("input", function () {
    if (timer !== null) { clearTimeout(timer); }
    timer = setTimeout(runSearch, 150);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      if (timer !== null) { clearTimeout(timer); }
      runSearch();
    }
  });

  document.getElementById("fit").addEventListener("click", function () {
    network.fit({animation: {duration: 400}});
  });
})();
