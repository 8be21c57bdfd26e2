// slotwise.js — the Slotwise embed API. An ATS page includes
//   <script src="https://slotwise.example.com/embed/slotwise.js"></script>
// and calls
//   const widget = Slotwise.mount(element, {backend, token, tenant, interview, locale, timeZone, theme, autoHeight,
//                                           onEvent});   // inline, in `element`
//   const dialog = Slotwise.popup({…the same options…, closeOnBooked});  // in a modal dialog over the page
//   widget.on('booked', fn); widget.off('booked', fn);    // one widget's events
//   Slotwise.on('booked', fn); Slotwise.off('booked', fn);  // every widget's events on the page
//   widget.focus();     // gives the widget the keyboard (the ATS demo page does this on "ready")
//   widget.unmount();   // (a popup: also dialog.close())
// Loaded with `async`, the page may call before the script is there, through a one-line queue:
//   <script>window.Slotwise = window.Slotwise || function () { (Slotwise.q = Slotwise.q || []).push(arguments); };</script>
//   <script async src="https://slotwise.example.com/embed/slotwise.js"></script>
//   <script>Slotwise('on', 'booked', fn); Slotwise('mount', element, {…});</script>
// (Slotwise(method, …) is Slotwise[method](…); queued calls run in order once the script has loaded.)
// The widget runs in an iframe on the Slotwise origin (its own CSP, its own canvas and keyboard handling, fetches
// only to its own origin). The page and the frame talk with postMessage to EXACT origins both ways and check the
// sender's window. The only credential the page ever holds is the short-lived widget token its own server minted
// (POST /v1/widget_tokens with the tenant's API key, server-side). `token` may be a string or a function returning
// (a promise of) a string: the function is called again when the frame reports an expired token.
// The frame's URL names the tenant (`tenant`, or else the tenant the first token was minted for): the widget page may
// only be framed by that tenant's allowed origins (its Content-Security-Policy frame-ancestors).
// Events, to onEvent({type, detail}) and to on(type, fn) listeners: ready, slot_selected, booked, cancelled, error,
// resize ({height}: the widget's preferred height; `autoHeight: true` sizes the frame to it), closed (a popup).
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

  // Listeners of every widget on the page (Slotwise.on / off), by event type.
  const pageListeners = new Map();

  function addListener(map, type, fn) {
    if (typeof type !== 'string' || typeof fn !== 'function') throw new Error('Slotwise: on(type, fn) needs an event type and a function');
    if (!map.has(type)) map.set(type, new Set());
    map.get(type).add(fn);
  }
  function removeListener(map, type, fn) {
    if (map.has(type)) map.get(type).delete(fn);
  }
  function deliver(map, event, widget) {
    for (const fn of Array.from(map.get(event.type) || [])) {
      try { fn(event.detail, { type: event.type, widget }); } catch (error) { setTimeout(() => { throw error; }); }
    }
  }

  function mount(element, options) {
    if (!(element instanceof Element)) throw new Error('Slotwise.mount: element must be a DOM element');
    options = options || {};
    const backend = originOf(options.backend || scriptOrigin);
    const onEvent = typeof options.onEvent === 'function' ? options.onEvent : function () {};
    const listeners = new Map();
    let handle = null;
    // Every event reaches onEvent, this widget's listeners and the page's.
    function dispatch(event) {
      onEvent(event);
      deliver(listeners, event, handle);
      deliver(pageListeners, event, handle);
    }
    const frame = document.createElement('iframe');
    const frameUrl = (tenant) => backend + '/?embed=1&parent=' + encodeURIComponent(location.origin) +
      (tenant ? '&tenant=' + encodeURIComponent(tenant) : '');
    let firstToken = null;  // resolved before the frame loads when the tenant comes from the token
    frame.title = options.title || 'Slotwise scheduling assistant';
    frame.setAttribute('allow', 'clipboard-write');
    frame.referrerPolicy = 'no-referrer';
    frame.style.cssText = 'border:0;width:100%;display:block;' +
      (options.autoHeight ? 'height:560px;' : 'height:100%;min-height:560px;') +
      (options.theme && options.theme.background ? 'background:' + options.theme.background + ';' : '');
    let mounted = true;
    if (options.tenant) {
      frame.src = frameUrl(String(options.tenant));
    } else {
      resolveToken(options.token).then((token) => {
        firstToken = token;
        if (mounted) frame.src = frameUrl(tenantOfToken(token));
      }).catch((error) => dispatch({ type: 'error', detail: { code: 'token_unavailable', message: String(error.message || error) } }));
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
                     timeZone: options.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone, theme: options.theme,
                     candidateHours: options.candidateHours },
        })).catch((error) => dispatch({ type: 'error', detail: { code: 'token_unavailable', message: String(error.message || error) } }));
      } else if (data.type === 'slotwise:event') {
        if (data.event === 'error' && data.detail && data.detail.code === 'token_expired' && typeof options.token === 'function') {
          resolveToken(options.token).then((token) => send({ type: 'slotwise:token', token })).catch(() => {});
        }
        // Auto-height: the frame takes the height the widget needs (within 320 px and 4000 px).
        if (data.event === 'resize' && options.autoHeight && data.detail && Number.isFinite(data.detail.height)) {
          frame.style.height = Math.min(Math.max(Math.round(data.detail.height), 320), 4000) + 'px';
        }
        dispatch({ type: data.event, detail: data.detail });
      }
    }

    window.addEventListener('message', onMessage);
    element.appendChild(frame);
    handle = {
      element: frame,
      // Moves the keyboard focus into the widget (the frame, then its canvas), so arrows, J/K and Enter work at once.
      focus() {
        if (!mounted) return;
        frame.focus();
        send({ type: 'slotwise:focus' });
      },
      on(type, fn) { addListener(listeners, type, fn); return handle; },
      off(type, fn) { removeListener(listeners, type, fn); return handle; },
      unmount() {
        if (!mounted) return;
        mounted = false;
        window.removeEventListener('message', onMessage);
        frame.remove();
      },
      dispatch,  // internal: the popup reports "closed" through the same listeners
    };
    return handle;
  }

  // The widget in a modal dialog over the page: a <dialog> with a close button, closed by it, by Escape on the page,
  // and (unless closeOnBooked is false) once an interview is booked. Returns the widget's handle plus close().
  function popup(options) {
    options = Object.assign({}, options || {});
    const dialog = document.createElement('dialog');
    const title = options.title || 'Slotwise scheduling assistant';
    dialog.setAttribute('aria-label', title);
    dialog.style.cssText = 'padding:0;border:0;border-radius:8px;width:min(1280px,96vw);height:min(880px,94vh);' +
      'box-shadow:0 12px 48px rgba(0,0,0,0.35);overflow:hidden;flex-direction:column;background:#f7f7fa;';
    // A bar above the widget with its title and the close button (never over the widget's own controls).
    const bar = document.createElement('div');
    bar.style.cssText = 'display:flex;align-items:center;justify-content:space-between;padding:4px 8px 4px 14px;' +
      'font:600 14px/1.4 system-ui,sans-serif;color:#1f2328;border-bottom:1px solid #d0d7de;background:#fff;';
    const heading = document.createElement('span');
    heading.textContent = title;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', options.closeLabel || 'Close the scheduling assistant');
    close.style.cssText = 'font:22px/1 sans-serif;border:1px solid #afb8c1;background:#f6f8fa;color:#1f2328;' +
      'border-radius:6px;padding:2px 10px;cursor:pointer;';
    bar.append(heading, close);
    const body = document.createElement('div');
    body.style.cssText = 'flex:1 1 auto;min-height:0;';
    dialog.append(bar, body);
    document.body.appendChild(dialog);
    const widget = mount(body, options);
    widget.element.style.minHeight = '0';  // the dialog's own height bounds it
    let open = true;
    function closeDialog() {
      if (!open) return;
      open = false;
      widget.unmount();
      if (dialog.open) dialog.close();
      dialog.remove();
      widget.dispatch({ type: 'closed', detail: {} });
    }
    close.addEventListener('click', closeDialog);
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); closeDialog(); });
    if (options.closeOnBooked !== false) widget.on('booked', () => setTimeout(closeDialog, options.closeDelayMs || 1500));
    widget.on('ready', () => widget.focus());
    dialog.showModal();
    dialog.style.display = 'flex';
    return Object.assign(widget, { close: closeDialog, dialog });
  }

  // Calls queued before this script arrived (the async snippet below) run once it is here, in order.
  const queued = typeof window.Slotwise === 'function' && Array.isArray(window.Slotwise.q) ? window.Slotwise.q : [];
  const api = {
    mount,
    popup,
    on(type, fn) { addListener(pageListeners, type, fn); },
    off(type, fn) { removeListener(pageListeners, type, fn); },
    version: '2',
  };
  // Slotwise('mount', element, options) is Slotwise.mount(element, options), and so on.
  function Slotwise(method, ...args) {
    if (typeof method !== 'string' || typeof api[method] !== 'function') throw new Error('Slotwise: unknown method ' + method);
    return api[method](...args);
  }
  window.Slotwise = Object.freeze(Object.assign(Slotwise, api));
  for (const args of queued) {
    try { Slotwise(...args); } catch (error) { setTimeout(() => { throw error; }); }
  }
}());
