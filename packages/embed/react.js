// @slotwise/embed/react — the widget as a React component: <SlotwiseWidget backend token interview … />. It mounts
// the widget into its own <div> once and unmounts it with the component; it mounts again only when what names the
// widget changes (backend, tenant, locale, time zone, interview, theme, auto-height). `token` and `onEvent` may be
// new functions on every render: the latest ones are used.
import { createElement, useEffect, useRef } from 'react';
import Slotwise from './index.js';

export function SlotwiseWidget(props) {
  const { className, style, token, onEvent, ...options } = props;
  const box = useRef(null);
  const latest = useRef({ token, onEvent });
  latest.current = { token, onEvent };
  const identity = JSON.stringify(options);
  useEffect(() => {
    const widget = Slotwise.mount(box.current, Object.assign({}, options, {
      token: () => (typeof latest.current.token === 'function' ? latest.current.token() : latest.current.token),
      onEvent: (event) => { if (typeof latest.current.onEvent === 'function') latest.current.onEvent(event); },
    }));
    return () => widget.unmount();
  }, [identity]);  // eslint-disable-line react-hooks/exhaustive-deps -- options are compared by value
  return createElement('div', { ref: box, className, style });
}

export default SlotwiseWidget;
