// slotwise.js — the Slotwise embed API. An ATS page includes
//   <script src="https://slotwise.example.com/embed/slotwise.js"></script>
// and calls
//   const widget = Slotwise.mount(element, {backend, token, tenant, interview, locale, timeZone, theme, onEvent});
//   widget.focus();     // gives the widget the keyboard (the ATS demo page does this on "ready")
//   widget.unmount();
// The widget runs in an iframe on the Slotwise origin (its own CSP, its own canvas and keyboard handling, fetches
// only to its own origin). The page and the frame talk with postMessage to EXACT origins both ways and check the
// sender's window. The only credential the page ever holds is the short-lived widget token its own server minted
// (POST /v1/widget_tokens with the tenant's API key, server-side). `token` may be a string or a function returning
// (a promise of) a string: the function is called again when the frame reports an expired token.
// The frame's URL names the tenant (`tenant`, or else the tenant the first token was minted for): the widget page may
// only be framed by that tenant's allowed origins (its Content-Security-Policy frame-ancestors).
// Events passed to onEvent({type, detail}): ready, slot_selected, booked, cancelled, error.
(function () {
  'use strict';
  const current = document.currentScript;
  const scriptOrigin = current && current.src ? new URL(current.src).origin : null;

  function originOf(value) {
    const url = new URL(value, location.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('Slotwise: backend must be an http(s) URL');
    return url.origin;
  }

  function resolveToken(token) {
    return Promise.resolve(typeof token === 'function' ? token() : token).then((value) => {
      if (typeof value !== 'string' || !value) throw new Error('Slotwise: no widget token');
      return value;
    });
  }

  // The tenant a widget token was minted for: swt1.<kid>.<payload>.<signature>, the payload base64url JSON (signed,
  // not secret). "" when the token does not read that way.
  function tenantOfToken(token) {
    try {
      const payload = token.split('.')[2].replace(/-/g, '+').replace(/_/g, '/');
      return String(JSON.parse(atob(payload)).tenant_id || '');
    } catch (error) {
      return '';
    }
  }

  function mount(element, options) {
    if (!(element instanceof Element)) throw new Error('Slotwise.mount: element must be a DOM element');
    options = options || {};
    const backend = originOf(options.backend || scriptOrigin);
    const onEvent = typeof options.onEvent === 'function' ? options.onEvent : function () {};
    const frame = document.createElement('iframe');
    const frameUrl = (tenant) => backend + '/?embed=1&parent=' + encodeURIComponent(location.origin) +
      (tenant ? '&tenant=' + encodeURIComponent(tenant) : '');
    let firstToken = null;  // resolved before the frame loads when the tenant comes from the token
    frame.title = options.title || 'Slotwise scheduling assistant';
    frame.setAttribute('allow', 'clipboard-write');
    frame.referrerPolicy = 'no-referrer';
    frame.style.cssText = 'border:0;width:100%;height:100%;min-height:560px;display:block;' +
      (options.theme && options.theme.background ? 'background:' + options.theme.background + ';' : '');
    let mounted = true;
    if (options.tenant) {
      frame.src = frameUrl(String(options.tenant));
    } else {
      resolveToken(options.token).then((token) => {
        firstToken = token;
        if (mounted) frame.src = frameUrl(tenantOfToken(token));
      }).catch((error) => onEvent({ type: 'error', detail: { code: 'token_unavailable', message: String(error.message || error) } }));
    }

    function send(message) {
      if (mounted && frame.contentWindow) frame.contentWindow.postMessage(message, backend);
    }

    function onMessage(event) {
      if (event.origin !== backend || event.source !== frame.contentWindow) return;
      const data = event.data || {};
      if (data.type === 'slotwise:hello') {
        const first = firstToken ? Promise.resolve(firstToken) : resolveToken(options.token);
        firstToken = null;
        first.then((token) => send({
          type: 'slotwise:init', token,
          options: { interview: options.interview, locale: options.locale || document.documentElement.lang || 'en',
                     timeZone: options.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone, theme: options.theme },
        })).catch((error) => onEvent({ type: 'error', detail: { code: 'token_unavailable', message: String(error.message || error) } }));
      } else if (data.type === 'slotwise:event') {
        if (data.event === 'error' && data.detail && data.detail.code === 'token_expired' && typeof options.token === 'function') {
          resolveToken(options.token).then((token) => send({ type: 'slotwise:token', token })).catch(() => {});
        }
        onEvent({ type: data.event, detail: data.detail });
      }
    }

    window.addEventListener('message', onMessage);
    element.appendChild(frame);
    return {
      element: frame,
      // Moves the keyboard focus into the widget (the frame, then its canvas), so arrows, J/K and Enter work at once.
      focus() {
        if (!mounted) return;
        frame.focus();
        send({ type: 'slotwise:focus' });
      },
      unmount() {
        if (!mounted) return;
        mounted = false;
        window.removeEventListener('message', onMessage);
        frame.remove();
      },
    };
  }

  window.Slotwise = Object.freeze({ mount, version: '1' });
}());
