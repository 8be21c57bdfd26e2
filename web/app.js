// app.js — starts the WebAssembly widget in web/index.html (no inline script: the page's CSP forbids it).
//
// Two ways in:
//   standalone  "/"            the token comes from the URL fragment (#token=swt1…, never the query string, so it
//                              is not sent to servers or logged), then the fragment is cleared; with no token, the
//                              demo server's GET /v1/demo/widget_token (only served by `slotwise serve --demo`).
//                              Options in the query string or fragment: locale, timeZone, candidateZone, type, host,
//                              theme (light | dark | auto), accent (#rrggbb), and interview (the embed API's `interview` option as JSON; its fields win).
//   embedded    "/?embed=1&parent=<origin>"  inside the iframe created by embed/slotwise.js. The token and options
//                              arrive by postMessage from exactly <origin> (the parent window only); events go back
//                              to exactly <origin>. The parent origin is not a secret; the frame-ancestors CSP and
//                              the exact-origin checks decide who may talk to the widget.
// The token stays in this file's closure: it is added to Slotwise API requests here and never enters the wasm heap.
'use strict';
(function () {
  const overlay = document.getElementById('slotwise-overlay');
  const canvas = document.getElementById('canvas');
  const params = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const embedded = params.get('embed') === '1';
  let parentOrigin = null;
  let token = null;
  let started = false;

  function showOverlay(text) { overlay.textContent = text; overlay.hidden = false; }

  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();
    showOverlay('The graphics context was lost. Reload the page to continue.');
    emit('error', { code: 'webgl_context_lost', message: 'The graphics context was lost.' });
  });
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());
  canvas.addEventListener('mousedown', () => canvas.focus());

  function emit(type, detail) {
    if (embedded && parentOrigin) {
      window.parent.postMessage({ type: 'slotwise:event', event: type, detail }, parentOrigin);
    }
    if (type === 'ready' && window.slotwiseReadyMs === undefined) window.slotwiseReadyMs = performance.now();  // bench/
    window.dispatchEvent(new CustomEvent('slotwise:' + type, { detail }));
    (window.slotwiseEvents = window.slotwiseEvents || []).push({ type, detail });
  }

  function apiFetch(method, url, body, idempotencyKey) {
    const headers = {};
    const sameOrigin = new URL(url, location.href).origin === location.origin;
    if (sameOrigin && /^\/v1\//.test(new URL(url, location.href).pathname) && token) headers.Authorization = 'Bearer ' + token;
    if (body !== null) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    // A DELETE may be sent as the page goes away (a cancel confirmed during its undo window): keepalive lets it finish.
    return fetch(url, { method, headers, body, credentials: 'omit', keepalive: method === 'DELETE',
                        cache: method === 'GET' && !/^\/v1\//.test(url) ? 'default' : 'no-store' })
      .then((response) => {
        if (response.status === 401) emit('error', { code: 'token_expired', message: 'The widget token was refused.' });
        return response;
      });
  }

  // The widget's look: the embed option theme.mode ('light' | 'dark' | 'auto', the default) and the browser's
  // preferences (prefers-color-scheme, forced-colors, prefers-contrast, prefers-reduced-motion) resolved into one
  // scheme the widget draws with (wasm/state/widget_palette.h), followed when the preferences change.
  const THEME_CODES = { light: 0, dark: 1, 'high-contrast-light': 2, 'high-contrast-dark': 3 };
  function colorScheme(theme) {
    const mode = (theme && theme.mode) || 'auto';
    const dark = mode === 'dark' || (mode !== 'light' && matchMedia('(prefers-color-scheme: dark)').matches);
    const contrast = matchMedia('(forced-colors: active)').matches || matchMedia('(prefers-contrast: more)').matches;
    return (contrast ? 'high-contrast-' : '') + (dark ? 'dark' : 'light');
  }
  function followAppearance(options) {
    const theme = Object.assign({}, options.theme || {});
    theme.scheme = colorScheme(theme);
    document.documentElement.dataset.scheme = theme.scheme;
    const update = () => {
      const scheme = colorScheme(theme);
      document.documentElement.dataset.scheme = scheme;
      if (window.Module && window.Module._slotwise_widget_set_theme) window.Module._slotwise_widget_set_theme(THEME_CODES[scheme]);
    };
    for (const query of ['(prefers-color-scheme: dark)', '(forced-colors: active)', '(prefers-contrast: more)']) {
      matchMedia(query).addEventListener('change', update);
    }
    return Object.assign(options, { theme, reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches });
  }

  function start(options) {
    if (started) return;
    started = true;
    followAppearance(options);
    document.documentElement.lang = options.locale || 'en';
    // The canvas's controls mirrored for assistive technology; their clicks and focus go back to the widget.
    const semantics = window.SlotwiseSemantics.mount(document.getElementById('slotwise-semantics'), {
      canvas,
      act: (id, kind) => { if (window.Module._slotwise_widget_semantic_action) window.Module._slotwise_widget_semantic_action(id, kind); },
    });
    window.Module = {
      canvas,
      slotwiseHost: { options, fetch: apiFetch, emit, openConnections: () => showConnections(true), semantics: semantics.update },
      onFirstFrame() {
        overlay.hidden = true;
        window.slotwiseFirstFrameMs = performance.now();  // read by bench/ and tests
        // The canvas is the page's only control: it takes the focus (Emscripten's GLFW keeps Tab for the widget's
        // own navigation, so focus could not move there by Tab). In a frame the host page decides focus.
        if (!embedded) canvas.focus();
      },
      print(text) { console.log(text); },
      printErr(text) { console.error(text); },
      onAbort(what) { showOverlay('Slotwise stopped: ' + what); emit('error', { code: 'aborted', message: String(what) }); },
    };
    // Leaving the page during a cancel's undo window sends the confirmed cancel at once (widget_main.cpp).
    window.addEventListener('pagehide', () => { if (window.Module._slotwise_widget_page_event) window.Module._slotwise_widget_page_event(1); });
    const script = document.createElement('script');
    script.src = 'widget.js';
    script.async = true;
    script.onerror = () => showOverlay('The Slotwise widget could not be loaded.');
    document.body.appendChild(script);
  }

  // The connections panel beside the canvas (web/connections/connections.js): opened from the bar above the canvas
  // (standalone) or from the widget's own "Your connections…" button (Module.slotwiseHost.openConnections, also in
  // the embed iframe).
  let connectionsPanel = null;
  function showConnections(open) {
    const side = document.getElementById('slotwise-connections');
    side.hidden = !open;
    document.getElementById('slotwise-connections-toggle').setAttribute('aria-expanded', String(open));
    if (!open) return canvas.focus();
    if (!connectionsPanel) {
      connectionsPanel = window.SlotwiseConnections.mount(document.getElementById('slotwise-connections-body'), { apiFetch });
    } else {
      connectionsPanel.refresh();
    }
    document.getElementById('slotwise-connections-close').focus();
  }
  document.getElementById('slotwise-connections-close').addEventListener('click', () => showConnections(false));

  function pick(name) { return fragment.get(name) || params.get(name) || undefined; }

  // The embed API's `interview` option as JSON (?interview={…} or #interview=…), so that an ATS can link to the
  // standalone page with the interview it plans (people, candidate, an interview loop). Not JSON: ignored, with a note.
  function interviewOption() {
    const text = pick('interview');
    if (!text) return {};
    try {
      const value = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch (error) { /* reported below */ }
    console.warn('Slotwise: the "interview" option is not a JSON object; it was ignored.');
    return {};
  }

  if (embedded) {
    const claimed = params.get('parent') || '';
    try {
      const url = new URL(claimed);
      if (url.origin === claimed) parentOrigin = claimed;
    } catch (error) { /* refused below */ }
    if (!parentOrigin || window.parent === window) {
      showOverlay('This page must be embedded with embed/slotwise.js.');
      return;
    }
    window.addEventListener('message', (event) => {
      if (event.origin !== parentOrigin || event.source !== window.parent) return;
      const data = event.data || {};
      if (data.type === 'slotwise:init' && typeof data.token === 'string') {
        token = data.token;
        start(Object.assign({}, data.options || {}));
      } else if (data.type === 'slotwise:token' && typeof data.token === 'string') {
        token = data.token;  // a refreshed token; the next requests use it
      } else if (data.type === 'slotwise:focus') {
        window.focus();
        canvas.focus();  // the host page hands the keyboard to the widget (embed API widget.focus())
      }
    });
    window.parent.postMessage({ type: 'slotwise:hello' }, parentOrigin);
    return;
  }

  const options = {
    locale: pick('locale') || (navigator.language || 'en'),
    timeZone: pick('timeZone') || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    theme: { mode: pick('theme'), accent: pick('accent') },  // as the embed option theme: ?theme=dark&accent=%23…
  };
  const candidateZone = pick('candidateZone');
  // Optional: the interview type and host account to start with (?type=zoom&host=zoom:lena@…), as the embed option
  // interview.conferencing does.
  const conferencing = pick('type') ? { provider: pick('type'), host: pick('host') } : undefined;
  // The bar above the canvas (standalone only): whose page it is, and the Connections button.
  function showBar(user) {
    document.getElementById('slotwise-user').textContent = user || '';
    document.getElementById('slotwise-bar').hidden = false;
    document.getElementById('slotwise-connections-toggle').addEventListener('click', () =>
      showConnections(document.getElementById('slotwise-connections').hidden));
  }

  if (fragment.get('token')) {
    token = fragment.get('token');
    showBar('');
    history.replaceState(null, '', location.pathname + location.search);  // the token leaves the address bar
    start(Object.assign(options, { interview: Object.assign({ conferencing, candidate: candidateZone ? { time_zone: candidateZone } : undefined },
                                                            interviewOption()) }));
    return;
  }
  // No token: the demo server mints one for its demo recruiter (only `slotwise serve --demo` has this route).
  fetch('/v1/demo/widget_token', { credentials: 'omit', cache: 'no-store' })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error('status ' + response.status))))
    .then((demo) => {
      token = demo.token;
      showBar(demo.user);
      start(Object.assign(options, {
        interview: Object.assign({
          organizer: demo.user,
          title: 'Interview: Jane Doe — Backend Engineer',
          conferencing,
          candidate: { id: 'demo-jane', name: 'Jane Doe', email: 'jane.doe@candidates.example',
                       time_zone: candidateZone || 'America/New_York', locale: 'en' },
        }, interviewOption()),
      }));
    })
    .catch(() => showOverlay('Open this page with a widget token: /#token=… (see docs/EMBEDDING.md).'));
}());
