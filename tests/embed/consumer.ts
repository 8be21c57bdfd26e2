// A page's TypeScript using @slotwise/embed as an integrator would: compiled with tsc --noEmit by
// tests/browser/embed_package.test.mjs against the packed package. The @ts-expect-error lines must stay errors: they
// show that the types refuse what the widget would not understand.
import Slotwise, { mount, type SlotwiseEvent, type SlotwiseWidgetHandle } from '@slotwise/embed';
import { SlotwiseWidget } from '@slotwise/embed/react';
import { createElement } from 'react';

const widget: SlotwiseWidgetHandle = mount(document.body, {
  backend: 'https://slotwise.example.com',
  token: () => Promise.resolve('swt1.x'),
  interview: { title: 'Interview', candidate: { name: 'Jane', time_zone: 'America/New_York' } },
  theme: { mode: 'dark', accent: '#14287a' },
  autoHeight: true,
  onEvent: (event: SlotwiseEvent) => {
    if (event.type === 'booked') console.log(event.detail.interview_id, event.detail.moved_from?.start);
    if (event.type === 'resize') console.log(event.detail.height.toFixed(0));
  },
});
widget.on('booked', (detail) => console.log(detail.join_url));
widget.on('slot_selected', (detail, { widget: from }) => console.log(detail.available, from.element.src));
Slotwise.on('ready', (detail) => console.log(detail.suggestions));
Slotwise('on', 'booked', (detail) => console.log(detail.interview_id));
const queued: SlotwiseWidgetHandle = Slotwise('mount', document.body, { token: 'swt1.x', backend: 'https://slotwise.example.com' });
queued.unmount();
const dialog = Slotwise.popup({ backend: 'https://slotwise.example.com', token: 'swt1.x', closeOnBooked: false });
dialog.close();

// @ts-expect-error -- not an event the widget sends
widget.on('booking', () => {});
// @ts-expect-error -- a booked event has no "time"
widget.on('booked', (detail) => console.log(detail.time));
// @ts-expect-error -- the token is required
mount(document.body, { backend: 'https://slotwise.example.com' });
// @ts-expect-error -- theme.mode is light, dark or auto
mount(document.body, { token: 'x', theme: { mode: 'sepia' } });

export const element = createElement(SlotwiseWidget, { backend: 'https://slotwise.example.com', token: 'swt1.x', autoHeight: true,
                                                      style: { minHeight: 400 } });
// @ts-expect-error -- not a method of the queue form
Slotwise('book', document.body);
// @ts-expect-error -- the component needs a token
export const broken = createElement(SlotwiseWidget, { backend: 'https://slotwise.example.com' });
