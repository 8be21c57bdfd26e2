// page_kit.js — what the plain Slotwise pages share (the connections panel and page, the admin page):
//
//   SlotwisePage.obtainToken(demoRoute) → Promise<{token, user}>
//     The widget token comes from the URL fragment (#token=swt1…, minted by the ATS's server with
//     POST /v1/widget_tokens; never the query string, so it is not sent to servers or logged) and the fragment is
//     cleared at once. Without one, the demo server's route `demoRoute` (only `slotwise serve --demo` answers it).
//     The user is read from the token's payload only to show whose page it is; the server decides everything.
//   SlotwisePage.fetcher(token) → apiFetch(method, url, bodyText): same-origin API calls carrying the token.
//   SlotwisePage.jsonCaller(apiFetch) → call(method, url, bodyObject?) → Promise<{ok, status, body}> (body parsed).
//   SlotwisePage.el(tag, attributes, ...children): a DOM element ("text" sets textContent, "onclick" a listener).
//   SlotwisePage.errorText(body, fallback): the API error object's message, else `fallback`.
'use strict';
(function () {
  function userOf(token) {
    try {
      const payload = token.split('.')[2].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)).user || '';
    } catch (error) {
      return '';
    }
  }

  function obtainToken(demoRoute) {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    const token = fragment.get('token');
    if (token) {
      history.replaceState(null, '', location.pathname + location.search);
      return Promise.resolve({ token, user: userOf(token) });
    }
    return fetch(demoRoute, { credentials: 'omit', cache: 'no-store' })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error('no token'))))
      .then((demo) => ({ token: demo.token, user: demo.user }));
  }

  function fetcher(token) {
    return (method, url, body) => {
      const headers = { Authorization: 'Bearer ' + token };
      if (body !== null && body !== undefined) headers['Content-Type'] = 'application/json';
      return fetch(url, { method, headers, body: body === undefined ? null : body, credentials: 'omit', cache: 'no-store' });
    };
  }

  function jsonCaller(apiFetch) {
    return async (method, url, body) => {
      const response = await apiFetch(method, url, body === undefined ? null : JSON.stringify(body));
      const text = await response.text();
      let parsed = null;
      try { parsed = text ? JSON.parse(text) : null; } catch (error) { parsed = null; }
      return { ok: response.ok, status: response.status, body: parsed };
    };
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = value;
      else if (name === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function errorText(body, fallback) { return (body && body.error && body.error.message) || fallback; }

  window.SlotwisePage = { obtainToken, fetcher, jsonCaller, el, errorText };
}());
