// connections.js — a person's connections panel: what is connected and whether it works (the function checks in
// words), connect buttons for the calendar and each video provider, check again, reconnect, disconnect. Plain DOM.
//
//   window.SlotwiseConnections.mount(container, { apiFetch, onChange })   (needs page_kit.js loaded first)
//     apiFetch(method, url, body)  → Promise<Response>: the page's own fetch that adds the widget token (the token never
//                                    reaches this file); the token needs connections:manage.
//     onChange()                   optional: called after a connection was added, checked or removed.
//   → { refresh() }
//
// Connecting: POST /v1/connections/start with return_origin = this page's origin, then a top-level popup at the
// answered URL (the provider's sign-in; a popup cannot carry the token, the URL carries a single-use ticket). The
// callback page posts {type: "slotwise:connection", connection | error} to exactly this origin; only messages from
// this origin are read. A blocked popup is reported with a link to open it by hand.
'use strict';
(function () {
  const SERVICES = [
    { group: 'calendar', provider: 'google', purpose: 'calendar', label: 'Google Calendar' },
    { group: 'calendar', provider: 'microsoft', purpose: 'calendar', label: 'Microsoft 365 calendar' },
    { group: 'calendar', provider: 'microsoft', purpose: 'calendar_rooms', label: 'Microsoft 365 calendar + rooms',
      note: 'Rooms need your Microsoft 365 administrator\u2019s consent once for the organisation.' },
    { group: 'video', provider: 'zoom', purpose: 'meetings', label: 'Zoom' },
    { group: 'video', provider: 'microsoft', purpose: 'meetings', label: 'Microsoft Teams',
      note: 'Teams meetings need an ordinary user mailbox with a Teams licence: a shared mailbox cannot host them, so connect the interviewer\u2019s own account.' },
    { group: 'video', provider: 'goto', purpose: 'meetings', label: 'GoTo Meeting' },
  ];
  const PROVIDER_NAMES = { google: 'Google', microsoft: 'Microsoft 365', zoom: 'Zoom', goto: 'GoTo' };
  // When the sign-in window closes without reporting an outcome, the provider stopped the person on its own page.
  // What each provider is known to stop for (docs/PROVIDER_SETUP.md, troubleshooting).
  const UNFINISHED = {
    zoom: 'The Zoom sign-in closed before it finished. If Zoom said the app is not installed for your account, needs ' +
          'an account admin, or offered \u201cRequest pre-approval\u201d: your Zoom account owner or admin must ' +
          'pre-approve Slotwise in the Zoom App Marketplace (or approve your request under Manage \u2192 App Requests); ' +
          'then connect again.',
    microsoft: 'The Microsoft sign-in closed before it finished. If Microsoft asked for an administrator\u2019s ' +
               'approval, ask your Microsoft 365 administrator to connect the organisation (or grant consent), or ' +
               'connect \u201cMicrosoft 365 calendar\u201d without rooms.',
    google: 'The Google sign-in closed before it finished. If Google said the app is blocked, your Workspace ' +
            'administrator must allow Slotwise (Security \u2192 API controls); then connect again.',
    goto: 'The GoTo sign-in closed before it finished; connect again when you are ready.',
  };
  const STATUS_WORDS = { active: 'Connected', reauth_needed: 'Needs you to sign in again', consent_required: 'Needs consent' };
  const { el, errorText, jsonCaller } = window.SlotwisePage;  // page_kit.js, loaded first

  // The server's words for a check (Connection.checks[].title), else its name made readable.
  function checkTitle(check) {
    return check.title || (check.name.charAt(0).toUpperCase() + check.name.slice(1)).replace(/_/g, ' ');
  }

  // The function checks of one connection as a list a person reads: ✓ / ✗ / – and the sentence.
  function checksList(checks) {
    const list = el('ul', { class: 'sw-checks' });
    for (const check of checks || []) {
      list.append(el('li', { class: 'sw-check sw-' + check.outcome, 'data-check': check.name },
                     el('span', { class: 'sw-mark', 'aria-hidden': 'true', text: check.outcome === 'passed' ? '\u2713' : check.outcome === 'failed' ? '\u2717' : '\u2013' }),
                     el('span', { text: checkTitle(check) + ': ' + (check.detail || check.outcome) })));
    }
    return list;
  }

  function mount(container, { apiFetch, onChange }) {
    const status = el('p', { class: 'sw-status', role: 'status', 'aria-live': 'polite', id: 'sw-connect-status' });
    const list = el('div', { class: 'sw-list', id: 'sw-connection-list' });
    const buttons = el('div', { class: 'sw-add' });
    container.replaceChildren(
      el('h2', { class: 'sw-heading', text: 'Your connections' }), list,
      el('h3', { class: 'sw-subheading', text: 'Connect an account' }), buttons, status);

    function say(text, kind) {
      status.textContent = text;
      status.className = 'sw-status' + (kind ? ' sw-' + kind : '');
    }

    const call = jsonCaller(apiFetch);
    let reported = false;  // the current sign-in window has reported its outcome (postMessage)

    // The sign-in window; when it closes (a reconnect link reports nothing by postMessage), the list is read again.
    function openPopup(url, provider) {
      reported = false;
      const popup = window.open(url, 'slotwise-connect', 'popup,width=520,height=700');
      if (!popup) {
        say('Your browser blocked the sign-in window. Allow pop-ups for this page, or ', 'error');
        status.append(el('a', { href: url, target: '_blank', rel: 'opener', text: 'open the sign-in here' }), '.');
        return;
      }
      const watch = setInterval(() => {
        if (!popup.closed) return;
        clearInterval(watch);
        if (!reported && provider && UNFINISHED[provider]) say(UNFINISHED[provider], 'error');
        refresh().then(() => { if (onChange) onChange(); });
      }, 700);
    }

    async function connect(service) {
      say('Opening ' + service.label + ' sign-in\u2026');
      const started = await call('POST', '/v1/connections/start',
                                 { provider: service.provider, purpose: service.purpose, return_origin: location.origin });
      if (!started.ok) return say(errorText(started.body, 'Could not start connecting (' + started.status + ').'), 'error');
      openPopup(started.body.url, service.provider);
    }

    function row(connection) {
      const item = el('section', { class: 'sw-connection', 'data-provider': connection.provider, 'data-status': connection.status });
      const healthy = connection.status === 'active' && !(connection.checks || []).some((c) => c.outcome === 'failed');
      item.append(el('div', { class: 'sw-line' },
        el('strong', { text: PROVIDER_NAMES[connection.provider] || connection.provider }),
        el('span', { class: 'sw-account', text: connection.account_email }),
        el('span', { class: 'sw-badge ' + (healthy ? 'sw-ok' : 'sw-attention'),
                     text: healthy ? 'Connected, working' : (STATUS_WORDS[connection.status] || connection.status) +
                           (connection.status === 'active' ? ', a check failed' : '') })));
      if (connection.status_message) item.append(el('p', { class: 'sw-message', text: connection.status_message }));
      item.append(checksList(connection.checks));
      const actions = el('div', { class: 'sw-actions' });
      if (connection.fix_url) {
        actions.append(el('button', { type: 'button', class: 'sw-primary', text: 'Reconnect', onclick: () => openPopup(connection.fix_url) }));
      }
      actions.append(el('button', { type: 'button', text: 'Check again', onclick: async () => {
        say('Checking ' + connection.account_email + '\u2026');
        const checked = await call('POST', '/v1/connections/' + encodeURIComponent(connection.id) + '/check');
        if (!checked.ok) return say(errorText(checked.body, 'The check could not run.'), 'error');
        say('Checked ' + connection.account_email + '.', 'ok');
        await refresh();
        if (onChange) onChange();
      } }));
      actions.append(el('button', { type: 'button', text: 'Disconnect', onclick: async () => {
        if (!window.confirm('Disconnect ' + connection.account_email + '? Slotwise will no longer see or book this account.')) return;
        const removed = await call('DELETE', '/v1/connections/' + encodeURIComponent(connection.id));
        if (!removed.ok) return say(errorText(removed.body, 'Could not disconnect.'), 'error');
        say('Disconnected ' + connection.account_email + '.', 'ok');
        await refresh();
        if (onChange) onChange();
      } }));
      item.append(actions);
      return item;
    }

    async function refresh() {
      const listed = await call('GET', '/v1/connections');
      if (!listed.ok) {
        list.replaceChildren(el('p', { class: 'sw-message', text: errorText(listed.body, 'Your connections could not be read.') }));
        return;
      }
      const connections = listed.body.connections || [];
      list.replaceChildren(...(connections.length ? connections.map(row)
        : [el('p', { class: 'sw-empty', text: 'Nothing is connected yet. Connect your calendar first, then the video service you host interviews with.' })]));
    }

    for (const group of [['calendar', 'Calendar'], ['video', 'Video meetings']]) {
      const line = el('div', { class: 'sw-group' }, el('span', { class: 'sw-group-label', text: group[1] }));
      for (const service of SERVICES.filter((s) => s.group === group[0])) {
        line.append(el('button', { type: 'button', class: 'sw-connect', 'data-provider': service.provider,
                                   'data-purpose': service.purpose, title: service.note, text: service.label,
                                   onclick: () => connect(service) }));
      }
      buttons.append(line);
      for (const service of SERVICES.filter((s) => s.group === group[0] && s.note)) {
        buttons.append(el('p', { class: 'sw-note', text: service.label + ': ' + service.note }));
      }
    }

    window.addEventListener('message', (event) => {
      if (event.origin !== location.origin) return;
      const data = event.data || {};
      if (data.type !== 'slotwise:connection') return;
      reported = true;
      if (data.error) {
        say('Not connected: ' + data.error.message, 'error');
      } else {
        const failed = (data.connection.checks || []).filter((c) => c.outcome === 'failed');
        say('Connected ' + data.connection.account_email + '. ' +
            (failed.length ? failed.map((c) => checkTitle(c) + ' failed: ' + c.detail).join(' ')
                           : 'Every check passed: Slotwise can use it for interviews now.'), failed.length ? 'error' : 'ok');
      }
      refresh().then(() => { if (onChange) onChange(); });
    });

    refresh();
    return { refresh };
  }

  window.SlotwiseConnections = { mount, checksList, checkTitle };
}());
