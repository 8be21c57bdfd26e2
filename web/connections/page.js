// page.js — starts the connections page (web/connections/index.html).
'use strict';
(function () {
  const container = document.getElementById('connections');
  window.SlotwisePage.obtainToken('/v1/demo/widget_token')
    .then(({ token, user }) => {
      document.getElementById('who').textContent = user ? 'Signed in to Slotwise as ' + user : '';
      window.SlotwiseConnections.mount(container, { apiFetch: window.SlotwisePage.fetcher(token) });
    })
    .catch(() => {
      container.textContent = 'Open this page with a widget token: /connections/#token=… (docs/EMBEDDING.md).';
    });
}());
