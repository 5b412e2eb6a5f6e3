'use strict';
// The board is rebuilt from each "board" event; a chosen call's "trace" events mark its path on the drawing.
(function () {
  let source = null;
  let chosen = '';

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function duration(seconds) {
    const m = Math.floor(seconds / 60), s = seconds % 60;
    return m > 0 ? m + 'm ' + String(s).padStart(2, '0') + 's' : s + 's';
  }

  function fill(id, items, render) {
    const body = document.querySelector('#' + id + ' tbody');
    body.replaceChildren();
    items.forEach(item => {
      const row = document.createElement('tr');
      render(row, item);
      body.appendChild(row);
    });
  }

  function callRow(row, call, last) {
    row.className = 'call' + (call.callId === chosen ? ' chosen' : '');
    row.dataset.call = call.callId;
    cell(row, call.callId);
    cell(row, call.ani);
    cell(row, duration(call.seconds));
    cell(row, last);
    row.addEventListener('click', () => choose(call.callId));
  }

  function showBoard(board) {
    fill('queues', board.queues, (row, q) => {
      row.dataset.queue = q.name;
      cell(row, q.name);
      cell(row, q.today.offered, 'offered');
      cell(row, q.today.answered, 'answered');
      cell(row, q.today.missed, 'missed');
      cell(row, q.today.abandoned, 'abandoned');
      cell(row, q.staffed + ' / ' + q.available);
      cell(row, q.waiting.map(w => '#' + w.position + ' · ' + w.ani + ' · ' + duration(w.waitedSeconds)
          + ' · priority ' + w.priority).join('\n'), 'waiting');
    });
    fill('agents', board.agents, (row, a) => {
      row.dataset.agent = a.id;
      cell(row, a.name + ' (' + a.id + ')');
      cell(row, a.state, 'state');
      cell(row, a.reason, 'reason');
      cell(row, duration(a.secondsInState));
      cell(row, a.call);
    });
    fill('calls', board.calls, (row, c) => callRow(row, c, c.activity));
    fill('recent', board.recent, (row, c) => callRow(row, c, c.ending));
  }

  function clearPath(svg) {
    svg.querySelectorAll('.ran, .current, .taken').forEach(e => e.classList.remove('ran', 'current', 'taken'));
    svg.querySelectorAll('text.order').forEach(e => e.remove());
  }

  function mark(svg, from, to) {
    svg.querySelectorAll('g.link').forEach(g => {
      if (g.dataset.from === from && g.dataset.to === to) g.classList.add('taken');
    });
  }

  function node(svg, name) {
    return Array.from(svg.querySelectorAll('g[data-activity]')).find(g => g.dataset.activity === name);
  }

  function showTrace(trace) {
    document.getElementById('chosen').textContent = '— call ' + trace.callId
        + (trace.endedAt ? ' (ended: ' + trace.ending + ')' : ' (live)');
    const svg = document.querySelector('#drawing svg');
    if (svg) {
      clearPath(svg);
      trace.steps.forEach((step, i) => {
        const g = node(svg, step.activity);
        if (g) {
          g.classList.add('ran');
          const order = document.createElementNS('http://www.w3.org/2000/svg', 'text');
          order.setAttribute('class', 'order');
          order.setAttribute('x', String(parseFloat(g.querySelector('rect').getAttribute('width')) - 22));
          order.setAttribute('y', '14');
          order.textContent = String(i + 1);
          g.appendChild(order);
        }
        if (i === 0) mark(svg, step.section === 'main' ? 'start' : 'on ' + step.section, step.activity);
        else if (trace.steps[i - 1].section !== step.section && step.section !== 'main') mark(svg, 'on ' + step.section, step.activity);
        if (step.next) mark(svg, step.activity, step.next);
      });
      const current = trace.current && node(svg, trace.current);
      if (current) current.classList.add('current');
    }
    fill('steps', trace.steps, (row, s) => {
      row.dataset.activity = s.activity;
      cell(row, trace.steps.indexOf(s) + 1);
      cell(row, s.section);
      cell(row, s.activity);
      cell(row, s.type);
      cell(row, (Date.parse(s.endedAt) - Date.parse(s.startedAt)) + ' ms');
      cell(row, s.outcome || '');
      cell(row, JSON.stringify(s.inputs, null, 1), 'json');
      cell(row, JSON.stringify(s.outputs, null, 1), 'json');
      cell(row, (s.digits || []).join(''));
      cell(row, s.error || '');
    });
  }

  function connect() {
    if (source) source.close();
    source = new EventSource('/supervisor/events' + (chosen ? '?call=' + encodeURIComponent(chosen) : ''));
    const live = document.getElementById('live');
    source.addEventListener('board', e => {
      live.textContent = 'live';
      live.className = 'ok';
      showBoard(JSON.parse(e.data));
    });
    source.addEventListener('trace', e => showTrace(JSON.parse(e.data)));
    source.onerror = () => {
      live.textContent = 'reconnecting…';
      live.className = 'stale';
    };
  }

  function choose(callId) {
    chosen = callId;
    document.getElementById('steps').querySelector('tbody').replaceChildren();
    connect();
  }

  async function loadDrawing() {
    const answer = await fetch('/supervisor/flow.svg');
    const box = document.getElementById('drawing');
    if (!answer.ok) {
      box.textContent = 'No flow loaded.';
      return;
    }
    const parsed = new DOMParser().parseFromString(await answer.text(), 'image/svg+xml');
    box.replaceChildren(document.importNode(parsed.documentElement, true));
  }

  loadDrawing().finally(connect);
})();
