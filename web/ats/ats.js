// ats.js — the demo ATS page's script: asks its own server for a widget token, loads the embed API from the Slotwise
// origin and mounts the widget. The ATS server's answer names the Slotwise origin ({"token", "expires_at",
// "backend"}); `?slotwise=<origin>` overrides it (for tests). Nothing secret is in this page.
'use strict';
(function () {
  const events = document.getElementById('events');
  const log = (type, detail) => {
    const item = document.createElement('li');
    item.textContent = type + ' ' + JSON.stringify(detail || {});
    events.appendChild(item);
    (window.atsEvents = window.atsEvents || []).push({ type, detail });
  };
  const mintToken = () => fetch('/ats/widget_token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error('token: status ' + response.status))));

  mintToken().then((first) => {
    const slotwise = new URLSearchParams(location.search).get('slotwise') || (first.backend || first.slotwise_url);
    const origin = new URL(slotwise).origin;
    const script = document.createElement('script');
    script.src = origin + '/embed/slotwise.js';
    script.onload = () => {
      let firstToken = first.token;
      window.atsWidget = window.Slotwise.mount(document.getElementById('slotwise'), {
        backend: origin,
        token: () => (firstToken ? Promise.resolve(firstToken).finally(() => { firstToken = null; }) : mintToken().then((t) => t.token)),
        locale: new URLSearchParams(location.search).get('locale') || 'en',
        timeZone: 'Europe/Berlin',
        interview: {
          title: 'Interview: Jane Doe — Backend Engineer',
          organizer: first.user || 'lena.fischer@kumo.example',
          interviewers: [{ sub: 'jonas.becker@kumo.example' }, { sub: 'emily.carter@kumo.example' }],
          candidate: { id: 'ats-jane', name: 'Jane Doe', email: 'jane.doe@candidates.example', time_zone: 'America/New_York', locale: 'en' },
        },
        onEvent: (event) => {
          log(event.type, event.detail);
          // Keyboard use: once the widget is ready it gets the focus, so arrows, J/K and Enter work without a click.
          if (event.type === 'ready') window.atsWidget.focus();
        },
      });
    };
    script.onerror = () => log('error', { message: 'could not load ' + script.src });
    document.head.appendChild(script);
  }).catch((error) => log('error', { message: String(error.message || error) }));
}());
