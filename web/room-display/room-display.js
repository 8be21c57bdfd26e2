// room-display.js — the room display page (index.html; docs/ROOM_DISPLAYS.md). Two screens:
// - pairing: the one-time code typed by a person → POST /v1/room-display/pair → the device token, kept in
//   localStorage (kTokenKey) and sent only as "Authorization: Bearer swd_…" to this origin;
// - the room: GET /v1/room-display every kRefreshMs, when the page gets focus or becomes visible again; the whole
//   screen free (green) or busy (red), the room, the clock, until when, the next two meetings — in the display's
//   language (strings.js) and zone (Intl). A 401 (the display was revoked) forgets the token, empties every room field
//   and goes back to pairing; other failures keep the last state and say so.
'use strict';
(function () {
  const kTokenKey = 'slotwise.roomDisplay.token';
  const kRefreshMs = 30000;
  const tables = window.SlotwiseRoomDisplayStrings;
  const $ = (id) => document.getElementById(id);

  let texts = tables.en;
  let locale = 'en';
  let zone = undefined;
  let refreshTimer = 0;
  let clockTimer = 0;
  let loading = false;

  function tableFor(tag) {
    const primary = String(tag || '').toLowerCase().split(/[-_]/)[0];
    return tables[primary] ? primary : 'en';
  }
  function useLanguage(tag) {
    locale = tableFor(tag);
    texts = tables[locale];
    document.documentElement.lang = locale;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }
  function storedToken() {
    try { return localStorage.getItem(kTokenKey) || ''; } catch (e) { return ''; }
  }
  function storeToken(token) {
    try {
      if (token) localStorage.setItem(kTokenKey, token); else localStorage.removeItem(kTokenKey);
    } catch (e) { /* private mode: the token lives as long as the page */ }
    memoryToken = token;
  }
  let memoryToken = storedToken();

  // Clock times as the language writes them: "9:05 AM" where the day has two halves, "09:05" where it has 24 hours.
  function clockFormat() {
    const twelve = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hour12;
    return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: twelve ? 'numeric' : '2-digit', minute: '2-digit' });
  }
  function timeText(iso) { return clockFormat().format(new Date(iso)); }

  // [pairing]
  function showPairing(message) {
    clearTimeout(refreshTimer);
    clearInterval(clockTimer);
    for (const id of ['room-name', 'room-place', 'clock', 'date', 'state', 'until', 'current', 'next-heading', 'room-status']) {
      $(id).textContent = '';
    }
    $('next-list').replaceChildren();
    $('room').className = 'room';
    $('room').hidden = true;
    useLanguage(navigator.language);
    document.title = texts.pairTitle;
    $('pair-title').textContent = texts.pairTitle;
    $('pair-intro').textContent = texts.pairIntro;
    $('code-label').textContent = texts.codeLabel;
    $('pair-button').textContent = texts.pair;
    $('pair-button').disabled = false;
    $('pair-status').textContent = message || '';
    $('pairing').hidden = false;
    $('code').value = '';
    $('code').focus();
  }

  async function pair(event) {
    event.preventDefault();
    const code = $('code').value.trim();
    if (!code) return;
    $('pair-button').disabled = true;
    $('pair-button').textContent = texts.pairing;
    $('pair-status').textContent = '';
    let message = texts.failed;
    try {
      const response = await fetch('/v1/room-display/pair', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }),
        cache: 'no-store', credentials: 'omit',
      });
      if (response.ok) {
        const answer = await response.json();
        storeToken(answer.token);
        $('pairing').hidden = true;
        await refresh();
        return;
      }
      if (response.status === 401 || response.status === 422) message = texts.pairRefused;
      else if (response.status === 429) message = texts.tooMany;
    } catch (e) { /* network: texts.failed */ }
    $('pair-button').disabled = false;
    $('pair-button').textContent = texts.pair;
    $('pair-status').textContent = message;
    $('code').select();
  }

  // [room]
  function tick() {
    const now = new Date();
    $('clock').textContent = clockFormat().format(now);
    $('date').textContent = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' }).format(now);
  }

  function meetingName(block) { return block.kind === 'interview' ? texts.interview : texts.meeting; }

  function render(feed) {
    useLanguage(feed.locale);
    zone = feed.time_zone;
    const room = feed.room || {};
    document.title = room.name || 'Slotwise';
    $('room-name').textContent = room.name || '';
    const place = [room.building, room.floor].filter(Boolean);
    if (room.capacity) place.push(fill(texts.capacity, { n: room.capacity }));
    $('room-place').textContent = place.join(' · ');
    const status = feed.now && feed.now.status;
    $('room').className = 'room ' + (status === 'busy' ? 'busy' : status === 'free' ? 'free' : 'unknown');
    $('state').textContent = status === 'busy' ? texts.busy : status === 'free' ? texts.free : texts.unknown;
    if (status === 'busy') {
      $('until').textContent = feed.now.until ? fill(texts.busyUntil, { time: timeText(feed.now.until) }) : '';
      // The meeting's own times; its kind only when it is an interview ("Busy" is already said twice above).
      const meeting = feed.now.meeting;
      const span = meeting ? fill(texts.span, { start: timeText(meeting.start), end: timeText(meeting.end) }) : '';
      $('current').textContent = meeting && meeting.kind === 'interview' ? texts.interview + ' · ' + span : span;
    } else if (status === 'free') {
      $('until').textContent = feed.now.until ? fill(texts.freeUntil, { time: timeText(feed.now.until) }) : texts.freeAllDay;
      $('current').textContent = '';
    } else {
      $('until').textContent = texts.unknownText;
      $('current').textContent = '';
    }
    $('next-heading').textContent = texts.next;
    const upcoming = [feed.next, ...(feed.later || [])].filter(Boolean).slice(0, 2);
    const items = upcoming.map((block) => {
      const li = document.createElement('li');
      const span = document.createElement('span');
      span.className = 'span';
      span.textContent = fill(texts.span, { start: timeText(block.start), end: timeText(block.end) });
      const what = document.createElement('span');
      what.className = 'what';
      what.textContent = meetingName(block);
      li.append(span, what);
      return li;
    });
    if (!items.length && status !== 'unknown') {
      const li = document.createElement('li');
      li.textContent = texts.nothingNext;
      items.push(li);
    }
    $('next-list').replaceChildren(...items);
    $('room-status').textContent = '';
    $('pairing').hidden = true;
    $('room').hidden = false;
    tick();
    clearInterval(clockTimer);
    clockTimer = setInterval(tick, 1000);
  }

  async function refresh() {
    clearTimeout(refreshTimer);
    const token = memoryToken;
    if (!token) return showPairing();
    if (loading) return;
    loading = true;
    try {
      const response = await fetch('/v1/room-display', {
        headers: { Authorization: 'Bearer ' + token }, cache: 'no-store', credentials: 'omit',
      });
      if (response.status === 401) {
        storeToken('');
        return showPairing();
      }
      if (response.ok) render(await response.json());
      else if (!$('room').hidden) $('room-status').textContent = texts.offline;
      else if (response.status >= 400) render({ locale, time_zone: zone, room: {}, now: { status: 'unknown' } });
    } catch (e) {
      if (!$('room').hidden) $('room-status').textContent = texts.offline;
    } finally {
      loading = false;
      if (memoryToken) refreshTimer = setTimeout(refresh, kRefreshMs);
    }
  }

  $('pair-form').addEventListener('submit', pair);
  window.addEventListener('focus', () => { if (memoryToken) refresh(); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden && memoryToken) refresh(); });
  if (memoryToken) refresh(); else showPairing();
}());
