// admin.js — the tenant administrator's page (web/admin/index.html): the organisation connections (Google Workspace
// domain-wide delegation, Microsoft 365 admin consent) with their function checks, and every person of the tenant
// with their connections and state; a connect link to hand to a person. Plain DOM over the API:
//   GET /v1/organisation, PUT /v1/organisation/google, POST /v1/organisation/microsoft/consent,
//   POST /v1/organisation/{provider}/check, GET /v1/organisation/people, POST /v1/organisation/connect_links,
//   GET/POST /v1/directory/rooms/refresh (when the rooms were last read; read now), GET /v1/rooms (with
//   include_retired and building: the rooms, retired ones marked); the "Daily updates to Teams" panel is
//   daily_updates.js's (loaded first), drawn with the others on every refresh.
// The widget token (fragment #token=…, or the demo's /v1/demo/admin_token) needs organisation:manage (and
// availability:read for the room list).
'use strict';
(function () {
  const PROVIDER_NAMES = { google: 'Google', microsoft: 'Microsoft 365', zoom: 'Zoom', goto: 'GoTo' };
  const STATUS_WORDS = { active: 'connected', reauth_needed: 'must sign in again', consent_required: 'needs consent' };
  const LINK_CHOICES = [
    ['google', 'calendar', 'Google Calendar'],
    ['microsoft', 'calendar', 'Microsoft 365 calendar'],
    ['microsoft', 'calendar_rooms', 'Microsoft 365 calendar + rooms'],
    ['zoom', 'meetings', 'Zoom'],
    ['microsoft', 'meetings', 'Microsoft Teams'],
    ['goto', 'meetings', 'GoTo Meeting'],
    ['microsoft', 'hr_posting', 'Microsoft Teams daily updates'],
  ];
  const { el, errorText, jsonCaller } = window.SlotwisePage;  // ../connections/page_kit.js, loaded first
  const status = document.getElementById('status');
  let call = null;
  let dailyUpdates = null;  // daily_updates.js's panel, once the token is known

  function say(text, kind) {
    status.textContent = text;
    status.className = 'sw-status' + (kind ? ' sw-' + kind : '');
  }

  // ---- organisation ----
  function organisationCard(connection) {
    const ok = connection.status === 'active' && connection.check.ok;
    const what = connection.provider === 'google'
      ? 'Google Workspace ' + connection.domain + (connection.admin_email ? ' (checked as ' + connection.admin_email + ')' : '')
      : 'Microsoft 365 tenant ' + connection.microsoft_tenant_id;
    return el('section', { class: 'sw-connection', 'data-organisation': connection.provider },
      el('div', { class: 'sw-line' }, el('strong', { text: what }),
         el('span', { class: 'sw-badge ' + (ok ? 'sw-ok' : 'sw-attention'), text: ok ? 'Connected, working' : 'Needs attention' })),
      el('p', { class: ok ? 'sw-check' : 'sw-message', text: connection.check.message }),
      el('p', { class: 'sw-account', text: 'Verified domains: ' + (connection.domains || []).join(', ') }),
      el('div', { class: 'sw-actions' }, el('button', { type: 'button', text: 'Check again', onclick: async () => {
        const checked = await call('POST', '/v1/organisation/' + connection.provider + '/check');
        say(checked.ok ? 'Checked: ' + checked.body.check.message : errorText(checked.body, 'The check could not run.'),
            checked.ok && checked.body.check.ok ? 'ok' : 'error');
        loadOrganisation();
      } })));
  }

  function googleForm(offer) {
    const domain = el('input', { id: 'google-domain', name: 'domain', placeholder: 'example.com', required: true });
    const admin = el('input', { id: 'google-admin', name: 'admin_email', placeholder: 'admin@example.com', type: 'email' });
    const form = el('form', { class: 'sw-form', id: 'google-form' },
      el('p', { text: 'In the Google Admin console (Security \u2192 Access and data control \u2192 API controls \u2192 Domain-wide delegation), add this client ID with exactly these scopes, then enter your domain:' }),
      el('dl', {}, el('dt', { text: 'Client ID' }), el('dd', {}, el('code', { text: offer.client_id })),
         el('dt', { text: 'OAuth scopes' }), el('dd', {}, el('code', { text: (offer.scopes || []).join(',') }))),
      el('label', { for: 'google-domain', text: 'Domain' }), domain,
      el('label', { for: 'google-admin', text: 'An administrator\u2019s address (used for the check)' }), admin,
      el('button', { type: 'submit', class: 'sw-primary', text: 'Connect Google Workspace' }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      say('Checking ' + domain.value + '\u2026');
      const connected = await call('PUT', '/v1/organisation/google', { domain: domain.value.trim(), admin_email: admin.value.trim() });
      say(connected.ok ? 'Google Workspace ' + connected.body.domain + ': ' + connected.body.check.message
                       : errorText(connected.body, 'Not connected.'), connected.ok && connected.body.check.ok ? 'ok' : 'error');
      loadOrganisation();
    });
    return form;
  }

  async function loadOrganisation() {
    const box = document.getElementById('organisation');
    const listed = await call('GET', '/v1/organisation');
    if (!listed.ok) return box.replaceChildren(el('p', { class: 'sw-message', text: errorText(listed.body, 'Could not read the organisation.') }));
    const cards = listed.body.connections.map(organisationCard);
    const has = (provider) => listed.body.connections.some((c) => c.provider === provider);
    if (listed.body.microsoft.offered && !has('microsoft')) {
      cards.push(el('div', { class: 'sw-actions' }, el('button', { type: 'button', class: 'sw-primary', id: 'connect-microsoft',
        text: 'Connect Microsoft 365 organisation', onclick: async () => {
          const started = await call('POST', '/v1/organisation/microsoft/consent');
          if (!started.ok) return say(errorText(started.body, 'Could not start the consent.'), 'error');
          const popup = window.open(started.body.url, 'slotwise-consent', 'popup,width=560,height=720');
          if (!popup) say('Your browser blocked the consent window: allow pop-ups for this page and try again.', 'error');
          else say('Sign in as a Microsoft 365 administrator and grant the consent in the new window; then press Refresh.');
        } })));
    }
    if (listed.body.google.offered && !has('google')) cards.push(googleForm(listed.body.google));
    if (!cards.length) cards.push(el('p', { class: 'sw-empty', text: 'This deployment offers no organisation access.' }));
    box.replaceChildren(...cards);
  }

  // ---- rooms ----
  const SOURCE_NAMES = { google: 'Google Workspace', microsoft: 'Microsoft 365', '': 'added through the API' };
  function when(iso) {
    return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : null;
  }

  function showRefresh(refresh) {
    const line = document.getElementById('rooms-refresh');
    const last = when(refresh.last_refreshed_at);
    const counts = refresh.rooms || {};
    let text = last ? 'Last read ' + last + ' from ' + (refresh.sources || []).map((s) => SOURCE_NAMES[s] || s).join(' and ') +
                      ': ' + (counts.listed || 0) + ' rooms, ' + (counts.added || 0) + ' new, ' + (counts.retired || 0) + ' retired.'
                    : 'Not read yet.';
    if (refresh.outcome && refresh.outcome !== 'ok') text += ' The last attempt (' + when(refresh.last_attempt_at) + ') failed: ' + refresh.error.message;
    if (refresh.next_attempt_at) text += ' Next read: ' + when(refresh.next_attempt_at) + '.';
    line.textContent = text;
    line.className = refresh.outcome && refresh.outcome !== 'ok' ? 'sw-message' : 'sw-account';
    document.getElementById('rooms-notes').replaceChildren(...(refresh.notes || []).map((note) => el('li', { text: note })));
  }

  // The refresh line and the rows are drawn in one go, after both answers: a line saying "Last read" never stands
  // above the rows of before the read. An answer overtaken by a later load is dropped.
  let roomsLoad = 0;
  async function loadRooms() {
    const load = ++roomsLoad;
    const [refresh, all] = await Promise.all([call('GET', '/v1/directory/rooms/refresh'),
                                              call('GET', '/v1/rooms?include_retired=true')]);
    if (load !== roomsLoad) return;
    if (refresh.ok) showRefresh(refresh.body);
    else document.getElementById('rooms-refresh').textContent = errorText(refresh.body, 'Could not read when the rooms were read.');
    const building = document.getElementById('rooms-building');
    const chosen = building.value;
    const rows = document.getElementById('rooms-rows');
    if (!all.ok) return rows.replaceChildren(el('tr', {}, el('td', { colspan: 5, text: errorText(all.body, 'Could not list the rooms.') })));
    const buildings = [...new Set(all.body.rooms.map((r) => r.building).filter(Boolean))].sort();
    building.replaceChildren(el('option', { value: '', text: 'All buildings' }), ...buildings.map((b) => el('option', { value: b, text: b })));
    building.value = buildings.includes(chosen) ? chosen : '';
    const shown = all.body.rooms.filter((r) => !building.value || r.building === building.value);
    rows.replaceChildren(...shown.map((room) => el('tr', { 'data-room': room.email, class: room.retired ? 'sw-retired' : '' },
      el('th', { scope: 'row' }, el('div', { text: room.name || room.email }), el('div', { class: 'sw-account', text: room.email }),
         room.retired ? el('div', { class: 'sw-badge sw-attention', text: 'Retired ' + when(room.retired_at) }) : ''),
      el('td', { text: [room.building, room.floor ? 'floor ' + room.floor : ''].filter(Boolean).join(', ') }),
      el('td', { text: room.capacity == null ? '' : String(room.capacity) }),
      el('td', { text: (room.features || []).join(', ') }),
      el('td', { text: SOURCE_NAMES[room.source] || room.source }))));
    if (!shown.length) rows.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'sw-empty', text: 'No rooms.' })));
  }

  document.getElementById('rooms-building').addEventListener('change', () => loadRooms());
  document.getElementById('read-rooms').addEventListener('click', async () => {
    say('Reading the rooms\u2026');
    const read = await call('POST', '/v1/directory/rooms/refresh');
    if (!read.ok) return say(errorText(read.body, 'The rooms could not be read.'), 'error');
    say(read.body.outcome === 'ok' ? 'Rooms read.' : 'Rooms read with a problem: ' + read.body.error.message,
        read.body.outcome === 'ok' ? 'ok' : 'error');
    loadRooms();
  });

  // ---- people ----
  function connectionSummary(connection) {
    const failed = (connection.checks || []).filter((c) => c.outcome === 'failed');
    const ok = connection.status === 'active' && !failed.length;
    const item = el('li', { class: 'sw-person-connection ' + (ok ? 'sw-passed' : 'sw-failed'), 'data-provider': connection.provider },
      el('span', { class: 'sw-mark', 'aria-hidden': 'true', text: ok ? '\u2713' : '\u2717' }),
      el('span', { text: (PROVIDER_NAMES[connection.provider] || connection.provider) + ' \u00b7 ' + connection.account_email + ' \u00b7 ' +
                         (ok ? 'working' : (STATUS_WORDS[connection.status] || connection.status) +
                          (failed.length ? ': ' + failed.map((c) => c.detail).join(' ') : '') +
                          (connection.status_message ? ': ' + connection.status_message : '')) }));
    return item;
  }

  function linkMaker(person) {
    const choice = el('select', { 'aria-label': 'Service to connect for ' + person.email });
    for (const [provider, purpose, label] of LINK_CHOICES) choice.append(el('option', { value: provider + ' ' + purpose, text: label }));
    const output = el('input', { class: 'sw-link', readonly: true, 'aria-label': 'Connect link for ' + person.email, hidden: true });
    const button = el('button', { type: 'button', text: 'Make connect link', onclick: async () => {
      const [provider, purpose] = choice.value.split(' ');
      const made = await call('POST', '/v1/organisation/connect_links', { user: person.email, provider, purpose });
      if (!made.ok) return say(errorText(made.body, 'Could not make the link.'), 'error');
      output.value = made.body.url;
      output.hidden = false;
      output.select();
      say('Link for ' + person.email + ' made (valid until ' + made.body.expires_at + '). Send it to them: it opens a page that connects.', 'ok');
    } });
    return el('div', { class: 'sw-actions' }, choice, button, output);
  }

  async function loadPeople() {
    const body = document.getElementById('people-rows');
    const listed = await call('GET', '/v1/organisation/people');
    if (!listed.ok) return body.replaceChildren(el('tr', {}, el('td', { colspan: 3, text: errorText(listed.body, 'Could not read the people.') })));
    body.replaceChildren(...listed.body.people.map((person) => el('tr', { 'data-email': person.email },
      el('th', { scope: 'row' }, el('div', { text: person.name || person.email }), el('div', { class: 'sw-account', text: person.email })),
      el('td', { text: (person.roles || []).join(', ') }),
      el('td', {}, person.connections.length
        ? el('ul', { class: 'sw-checks' }, ...person.connections.map(connectionSummary))
        : el('p', { class: 'sw-empty', text: 'Nothing connected' }), linkMaker(person)))));
  }

  function refresh() { return Promise.all([loadOrganisation(), loadRooms(), dailyUpdates.load(), loadPeople()]); }

  document.getElementById('refresh').addEventListener('click', () => refresh().then(() => say('Refreshed.', 'ok')));
  window.SlotwisePage.obtainToken('/v1/demo/admin_token')
    .then(({ token, user }) => {
      document.getElementById('who').textContent = user ? 'Signed in to Slotwise as ' + user : '';
      call = jsonCaller(window.SlotwisePage.fetcher(token));
      dailyUpdates = window.SlotwiseDailyUpdates(call);
      return refresh();
    })
    .catch(() => say('Open this page with an administrator\u2019s widget token: /admin/#token=\u2026 (docs/EMBEDDING.md).', 'error'));
}());
