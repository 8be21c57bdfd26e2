// @slotwise/embed — the Slotwise embed API as an ES module. slotwise.js is the very script the Slotwise server serves
// at /embed/slotwise.js (web/embed/slotwise.js, copied in when the package is packed: scripts/pack-embed), so the
// script tag and the package never differ. Browser only (it defines window.Slotwise). Without a script tag there is
// no script origin to default to: pass `backend` to mount() and popup().
import './slotwise.js';

const Slotwise = window.Slotwise;
export default Slotwise;
export const mount = Slotwise.mount;
export const popup = Slotwise.popup;
export const on = Slotwise.on;
export const off = Slotwise.off;
export const version = Slotwise.version;
