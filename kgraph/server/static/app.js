/* kgraph query page.
 *
 * Sends the editor's query to /sparql (SPARQL 1.1 Protocol, form-encoded POST) and shows the
 * answer: a table for SELECT, yes/no for ASK, a vis-network drawing plus a table of triples for
 * CONSTRUCT/DESCRIBE (asked for as JSON-LD).  Text that comes from documents is only ever put in
 * the page with textContent or as a DOM attribute, never parsed as HTML.
 */
(function () {
  'use strict';

  var LABELS = [
    'https://schema.org/name', 'http://purl.org/dc/terms/title',
    'http://www.w3.org/2000/01/rdf-schema#label', 'http://www.w3.org/2004/02/skos/core#prefLabel',
    'https://schema.org/text'
  ];
  var RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
  var GROUPS = {  // type IRI -> [group, colour]
    'https://schema.org/Person': ['person', '#4e79a7'],
    'http://www.w3.org/ns/org#Organization': ['organisation', '#f28e2b'],
    'https://schema.org/Quotation': ['quote', '#59a14f'],
    'https://w3id.org/kgraph/ns#Policy': ['policy', '#b07aa1'],
    'https://schema.org/NewsArticle': ['document', '#9c755f'],
    'https://w3id.org/kgraph/ns#PressRelease': ['document', '#9c755f'],
    'http://www.w3.org/ns/org#Membership': ['role', '#edc948']
  };

  var kgraph = window.kgraph = { ready: false, running: false, result: null, prefixes: {} };
  var editor = null;
  var network = null;

  function $(id) { return document.getElementById(id); }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function say(text, kind) {
    var box = $('message');
    box.textContent = text;
    box.className = kind || '';
  }

  function shorten(iri) {
    var best = null;
    Object.keys(kgraph.prefixes).forEach(function (prefix) {
      var ns = kgraph.prefixes[prefix];
      if (iri.indexOf(ns) === 0 && (best === null || ns.length > kgraph.prefixes[best].length)) {
        best = prefix;
      }
    });
    return best === null ? iri : best + ':' + iri.slice(kgraph.prefixes[best].length);
  }

  function getQuery() { return editor ? editor.getValue() : $('editor').value; }

  function setQuery(text) {
    if (editor) { editor.setValue(text); } else { $('editor').value = text; }
  }

  // -- the catalogue ------------------------------------------------------------------------
  function showCatalogue(entries) {
    var list = $('queries');
    clear(list);
    entries.forEach(function (entry) {
      var button = element('button', null);
      button.type = 'button';
      button.dataset.name = entry.name;
      button.appendChild(element('span', entry.name, 'name'));
      if (entry.description) { button.appendChild(element('span', entry.description, 'description')); }
      var params = Object.keys(entry.params || {});
      if (params.length) {
        button.title = 'Parameters (unbound unless you add VALUES): ' + params.join(', ');
      }
      button.addEventListener('click', function () {
        Array.prototype.forEach.call(list.querySelectorAll('button'), function (b) {
          b.classList.remove('active');
        });
        button.classList.add('active');
        setQuery(entry.text);
        run();
      });
      var item = element('li');
      item.appendChild(button);
      list.appendChild(item);
    });
    if (!entries.length) { list.appendChild(element('li', 'No catalogue queries.', 'muted')); }
  }

  // -- running a query ----------------------------------------------------------------------
  function run() {
    var query = getQuery();
    var started = performance.now();
    kgraph.running = true;
    say('Running…');
    return fetch('/sparql', {
      method: 'POST',
      headers: { 'Accept': 'application/sparql-results+json, application/ld+json;q=0.9' },
      body: new URLSearchParams({ query: query })
    }).then(function (response) {
      var type = (response.headers.get('Content-Type') || '').split(';')[0];
      var cut = response.headers.get('X-SPARQL-MaxRows');
      if (!response.ok) {
        return response.text().then(function (text) { throw new Error(text.trim()); });
      }
      return response.json().then(function (body) {
        var ms = Math.round(performance.now() - started);
        show(type, body, ms, cut);
      });
    }).catch(function (error) {
      kgraph.result = { kind: 'error', message: error.message };
      say(error.message, 'error');
    }).then(function () { kgraph.running = false; });
  }

  function show(type, body, ms, cut) {
    var note = cut ? ' — cut at ' + cut + ' (the server\'s result limit)' : '';
    hideNetwork();
    if (type === 'application/ld+json') {
      var graph = fromJsonLd(body);
      kgraph.result = { kind: 'graph', triples: graph.triples.length, nodes: graph.nodes.length };
      drawNetwork(graph);
      tripleTable(graph.triples);
      say(graph.triples.length + ' triples, ' + graph.nodes.length + ' nodes in ' + ms + ' ms' + note,
        cut ? 'warning' : '');
    } else if (body.boolean !== undefined) {
      kgraph.result = { kind: 'ask', value: body.boolean };
      clear($('table'));
      say((body.boolean ? 'yes' : 'no') + ' (' + ms + ' ms)');
    } else {
      var vars = body.head.vars;
      var rows = body.results.bindings;
      kgraph.result = { kind: 'select', rows: rows.length, vars: vars };
      table(vars, rows.map(function (row) {
        return vars.map(function (v) { return row[v] || null; });
      }));
      say(rows.length + ' row' + (rows.length === 1 ? '' : 's') + ' in ' + ms + ' ms' + note,
        cut ? 'warning' : '');
    }
  }

  // -- tables -------------------------------------------------------------------------------
  function cell(term) {
    var td = element('td');
    if (!term) { return td; }
    if (term.type === 'uri') {
      var link = element('span', shorten(term.value), 'iri');
      link.title = 'DESCRIBE ' + term.value;
      link.addEventListener('click', function () {
        setQuery('DESCRIBE <' + term.value + '>');
        run();
      });
      td.appendChild(link);
    } else if (term.type === 'bnode') {
      td.textContent = '_:' + term.value;
    } else {
      td.appendChild(element('span', term.value));
      if (term['xml:lang']) { td.appendChild(element('span', '@' + term['xml:lang'], 'lang')); }
      if (term.datatype) { td.appendChild(element('span', shorten(term.datatype), 'datatype')); }
    }
    return td;
  }

  function table(vars, rows) {
    var box = $('table');
    clear(box);
    var head = element('tr');
    vars.forEach(function (v) { head.appendChild(element('th', v)); });
    var thead = element('thead');
    thead.appendChild(head);
    box.appendChild(thead);
    var tbody = element('tbody');
    rows.forEach(function (row) {
      var tr = element('tr');
      row.forEach(function (term) { tr.appendChild(cell(term)); });
      tbody.appendChild(tr);
    });
    box.appendChild(tbody);
  }

  function tripleTable(triples) {
    table(['subject', 'predicate', 'object'], triples.map(function (t) {
      return [t.s, t.p, t.o];
    }));
  }

  // -- graphs -------------------------------------------------------------------------------
  function jsonLdTerm(value) {
    if (value['@id'] !== undefined) {
      var id = value['@id'];
      return id.indexOf('_:') === 0 ? { type: 'bnode', value: id.slice(2) } : { type: 'uri', value: id };
    }
    var term = { type: 'literal', value: String(value['@value']) };
    if (value['@language']) { term['xml:lang'] = value['@language']; }
    if (value['@type']) { term.datatype = value['@type']; }
    return term;
  }

  /* Expanded JSON-LD (what Oxigraph writes) -> triples, nodes and edges for vis-network. */
  function fromJsonLd(document) {
    var subjects = Array.isArray(document) ? document : (document['@graph'] || [document]);
    var nodes = {};
    var triples = [];
    var edges = [];
    function node(term) {
      var key = (term.type === 'bnode' ? '_:' : '') + term.value;
      if (!nodes[key]) {
        nodes[key] = { id: key, iri: term.value, types: [], props: [], labels: {}, label: null };
      }
      return nodes[key];
    }
    subjects.forEach(function (subject) {
      if (subject['@id'] === undefined) { return; }
      var s = jsonLdTerm({ '@id': subject['@id'] });
      var from = node(s);
      (subject['@type'] || []).forEach(function (type) {
        from.types.push(type);
        triples.push({ s: s, p: { type: 'uri', value: RDF_TYPE }, o: { type: 'uri', value: type } });
      });
      Object.keys(subject).forEach(function (predicate) {
        if (predicate.charAt(0) === '@') { return; }
        var p = { type: 'uri', value: predicate };
        subject[predicate].forEach(function (value) {
          var o = jsonLdTerm(value);
          triples.push({ s: s, p: p, o: o });
          if (o.type === 'literal') {
            from.props.push([shorten(predicate), o.value]);
            if (LABELS.indexOf(predicate) >= 0 && from.labels[predicate] === undefined) {
              from.labels[predicate] = o.value;
            }
          } else if (predicate === RDF_TYPE) {
            from.types.push(o.value);
          } else {
            var to = node(o);
            edges.push({ from: from.id, to: to.id, label: shorten(predicate), arrows: 'to' });
          }
        });
      });
    });
    var list = Object.keys(nodes).map(function (key) {
      var n = nodes[key];
      // the first of name, title, label, prefLabel, and a quote's text, that the node has
      LABELS.forEach(function (p) { if (n.label === null && n.labels[p] !== undefined) { n.label = n.labels[p]; } });
      return n;
    });
    return { nodes: list, edges: edges, triples: triples };
  }

  function hideNetwork() {
    if (network) { network.destroy(); network = null; }
    $('network').hidden = true;
    $('details').hidden = true;
  }

  function drawNetwork(graph) {
    if (!graph.nodes.length || typeof vis === 'undefined') { return; }
    var box = $('network');
    box.hidden = false;
    var byId = {};
    var nodes = graph.nodes.map(function (n) {
      byId[n.id] = n;
      var group = null;
      n.types.forEach(function (t) { if (!group && GROUPS[t]) { group = GROUPS[t]; } });
      var short = shorten(n.iri);
      // an IRI no prefix covers is drawn by its last segment; the details panel has it whole
      var label = n.label || (short === n.iri ? n.iri.replace(/^.*[/#]/, '') || n.iri : short);
      if (label.length > 40) { label = label.slice(0, 39) + '…'; }
      return {
        id: n.id, label: label, title: n.label || n.iri, shape: 'dot', size: 12,
        color: group ? group[1] : '#8c959f', group: group ? group[0] : 'other'
      };
    });
    var edges = graph.edges.map(function (e, i) {
      return { id: i, from: e.from, to: e.to, label: e.label, arrows: 'to',
        font: { size: 9, color: '#57606a' }, color: { color: '#afb8c1' } };
    });
    network = new vis.Network(box, {
      nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)
    }, {
      nodes: { font: { size: 12 } },
      physics: { stabilization: { iterations: 200 }, barnesHut: { springLength: 140 } },
      interaction: { hover: true, tooltipDelay: 150 }
    });
    kgraph.network = network;
    network.on('click', function (event) {
      if (event.nodes.length) { details(byId[event.nodes[0]]); }
    });
  }

  function details(n) {
    var box = $('details');
    clear(box);
    box.hidden = false;
    box.appendChild(element('h3', n.label || shorten(n.iri)));
    box.appendChild(element('code', n.iri));
    if (n.types.length) {
      box.appendChild(element('p', n.types.map(shorten).join(', '), 'muted'));
    }
    var list = element('dl');
    n.props.forEach(function (prop) {
      list.appendChild(element('dt', prop[0]));
      var dd = element('dd');
      dd.appendChild(element(prop[0] === 'schema:text' ? 'blockquote' : 'span', prop[1]));
      list.appendChild(dd);
    });
    box.appendChild(list);
  }

  // -- downloads, keys, start ---------------------------------------------------------------
  function wireDownloads() {
    Array.prototype.forEach.call(document.querySelectorAll('a.download'), function (link) {
      link.addEventListener('click', function () {
        link.href = '/sparql?format=' + encodeURIComponent(link.dataset.format) +
          '&query=' + encodeURIComponent(getQuery());
      });
    });
  }

  function start() {
    if (typeof CodeMirror !== 'undefined') {
      editor = CodeMirror.fromTextArea($('editor'), {
        mode: 'application/sparql-query', lineNumbers: true, matchBrackets: true,
        extraKeys: { 'Ctrl-Enter': function () { run(); }, 'Cmd-Enter': function () { run(); } }
      });
      kgraph.editor = editor;
    } else {
      $('editor').addEventListener('keydown', function (event) {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
      });
    }
    $('query-form').addEventListener('submit', function (event) { event.preventDefault(); run(); });
    wireDownloads();
    $('endpoint').textContent = location.origin + '/sparql';
    kgraph.run = run;
    kgraph.setQuery = setQuery;
    fetch('/catalogue').then(function (response) { return response.json(); }).then(function (body) {
      kgraph.prefixes = body.prefixes || {};
      showCatalogue(body.queries || []);
    }).catch(function (error) {
      say('The catalogue could not be loaded: ' + error.message, 'error');
    }).then(function () { kgraph.ready = true; });
  }

  start();
}());
