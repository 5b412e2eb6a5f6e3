'use strict';
// The agent's page: renders the snapshots the server pushes (server-sent events) and posts the
// agent's state changes with the session's CSRF token. The server decides everything shown; the
// page only counts the timers between snapshots.
(function () {
  const $ = (id) => document.getElementById(id);
  let session = null;
  let latest = null;
  let clockOffset = 0; // this browser's clock minus the server's, so timers agree with the server
  const STATE_LABELS = {
    LOGGED_OUT: 'Logged out: register your phone',
    AVAILABLE: 'Available',
    NOT_READY: 'Not ready',
    RESERVED: 'Your phone is ringing',
    ON_CALL: 'On a call',
    WRAP_UP: 'Wrap-up'
  };

  function serverNow() {
    return Date.now() - clockOffset;
  }

  function duration(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const ss = String(s % 60).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + ss : m + ':' + ss;
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : '';
  }

  async function post(path, form) {
    $('message').textContent = '';
    const response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': session.csrfToken, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form || {}).toString()
    });
    if (response.status === 401) {
      location.replace('/desk/');
      return null;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('message').textContent = body.error || ('refused: ' + response.status);
      return null;
    }
    return body;
  }

  // The one tab every sameBrowserTab pop (target existing-tab) reuses: window.open finds it by name.
  const POP_TAB = 'popline-pop';

  // The server sends a pop until one of the agent's pages says it has opened it (on any node), so a
  // page that missed it gets it once; this tab's memory also keeps a pop from opening twice here.
  // Opened where its target says: a new tab each time, the one named pop tab, or the panel inside this page.
  function popOnce(pop) {
    const key = 'popped:' + pop.callId;
    if (!sessionStorage.getItem(key)) {
      sessionStorage.setItem(key, pop.url);
      openPop(pop);
    }
    post('/desk/pop-seen', { id: pop.id });
  }

  function openPop(pop) {
    if (pop.target === 'inside-desktop') {
      showInside(pop);
      $('pop-blocked').hidden = true;
      return;
    }
    const sameTab = pop.target === 'existing-tab';
    const opened = window.open(pop.url, sameTab ? POP_TAB : '_blank');
    // A tab cut from its opener may no longer be navigated from here, so the one reused tab keeps it.
    if (opened && !sameTab) {
      try {
        opened.opener = null; // the CRM's page gets no handle on this one
      } catch (e) {
        // Some browsers refuse once the tab has navigated; rel=noopener on the link covers the rest.
      }
    }
    $('pop-blocked').hidden = !!opened;
  }

  function showInside(pop) {
    $('pop-panel-label').textContent = pop.label;
    if ($('pop-frame').getAttribute('src') !== pop.url) {
      $('pop-frame').src = pop.url;
    }
    $('pop-panel').hidden = false;
  }

  function linkTarget(pop) {
    return pop.target === 'existing-tab' ? POP_TAB : '_blank';
  }

  function render(s) {
    latest = s;
    clockOffset = Date.now() - Date.parse(s.now);
    document.body.dataset.state = s.state;
    $('agent-name').textContent = s.agent.name + ' (' + s.agent.id + ')';
    $('state').textContent = STATE_LABELS[s.state] || s.state;
    $('state').dataset.state = s.state;
    $('reason').textContent = s.reason ? '(' + s.reason + ')' : '';
    $('ready').disabled = s.state === 'AVAILABLE' || s.state === 'LOGGED_OUT';

    $('offer').hidden = !s.offer;
    if (s.offer) {
      $('offer-name').textContent = s.offer.name || 'Unknown caller';
      $('offer-number').textContent = s.offer.number || 'withheld';
      $('offer-queue').textContent = s.offer.queue || '';
      $('offer-case-line').hidden = !s.offer.caseNumber;
      $('offer-case').textContent = s.offer.caseNumber || '';
    }

    $('call').hidden = !s.call;
    if (s.call) {
      $('call-name').textContent = s.call.name || 'Unknown caller';
      $('call-number').textContent = s.call.number || 'withheld';
      $('call-case-line').hidden = !s.call.caseNumber;
      $('call-case').textContent = s.call.caseNumber || '';
      $('pop').hidden = !s.call.pop;
      if (s.call.pop) {
        $('pop-link').href = s.call.pop.url;
        $('pop-link').textContent = s.call.pop.label;
        $('pop-link').target = linkTarget(s.call.pop);
        $('pop').dataset.target = s.call.pop.target;
      }
    }

    $('wrap-up').hidden = !s.wrapUpEndsAt;

    const rows = $('recent').tBodies[0];
    rows.replaceChildren(...s.recent.map((c) => {
      const tr = document.createElement('tr');
      const talk = c.answeredAt ? duration(Date.parse(c.endedAt) - Date.parse(c.answeredAt)) : '';
      [time(c.offeredAt), c.name || 'Unknown caller', c.number || 'withheld', c.caseNumber || '', c.outcome, talk].forEach((text) => {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      });
      const page = document.createElement('td');
      if (c.pop) {
        const a = document.createElement('a');
        a.href = c.pop.url;
        a.target = linkTarget(c.pop);
        a.rel = 'noopener noreferrer';
        a.textContent = c.pop.label;
        page.appendChild(a);
      }
      tr.appendChild(page);
      return tr;
    }));
    tick();
  }

  function tick() {
    if (!latest) {
      return;
    }
    const now = serverNow();
    $('in-state').textContent = 'for ' + duration(now - Date.parse(latest.since));
    if (latest.call && latest.call.answeredAt) {
      $('call-timer').textContent = duration(now - Date.parse(latest.call.answeredAt));
    }
    if (latest.wrapUpEndsAt) {
      $('wrap-up-countdown').textContent = String(Math.max(0, Math.ceil((Date.parse(latest.wrapUpEndsAt) - now) / 1000)));
    }
  }

  function connect() {
    const events = new EventSource('/desk/events');
    events.addEventListener('state', (e) => render(JSON.parse(e.data)));
    events.addEventListener('pop', (e) => popOnce(JSON.parse(e.data)));
    events.onopen = () => { $('connection').textContent = 'live'; };
    events.onerror = async () => {
      $('connection').textContent = 'reconnecting';
      if (events.readyState === EventSource.CLOSED) {
        // The server refused the stream (session over): back to the login form if so, else retry.
        const check = await fetch('/desk/session', { credentials: 'same-origin' });
        if (check.status === 401) {
          location.replace('/desk/');
        } else {
          setTimeout(connect, 2000);
        }
      }
    };
  }

  async function start() {
    const response = await fetch('/desk/session', { credentials: 'same-origin' });
    if (!response.ok) {
      location.replace('/desk/');
      return;
    }
    session = await response.json();
    const buttons = $('not-ready-buttons');
    session.notReadyReasons.forEach((reason) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'not-ready';
      b.dataset.reason = reason;
      b.id = 'not-ready-' + reason.replace(/[^A-Za-z0-9_-]/g, '-');
      b.textContent = 'Not ready: ' + reason;
      b.addEventListener('click', () => post('/desk/not-ready', { reason: reason }).then((s) => s && render(s)));
      buttons.appendChild(b);
    });
    $('ready').addEventListener('click', () => post('/desk/ready').then((s) => s && render(s)));
    $('pop-panel-close').addEventListener('click', () => {
      $('pop-panel').hidden = true;
      $('pop-frame').removeAttribute('src');
    });
    $('logout').addEventListener('click', () => post('/desk/logout').then(() => location.replace('/desk/')));
    setInterval(tick, 1000);
    connect();
  }

  start();
}());
