// Types of @slotwise/embed (index.js): the options of mount() and popup(), the events and the widget's handle.
// docs/EMBEDDING.md in the Slotwise repository describes each option and event.

export interface SlotwisePerson { sub: string }

export interface SlotwiseCandidate {
  id?: string;
  name?: string;
  email?: string;
  /** IANA zone, e.g. "America/New_York": shown beside the recruiter's, and suggestions keep to the candidate's hours. */
  time_zone?: string;
  locale?: string;
}

export interface SlotwiseLoopStage {
  id: string;
  duration_minutes: number;
  pool: SlotwisePerson[];
  max_gap_minutes?: number;
}

export interface SlotwiseInterview {
  /** An existing interview: the widget opens it for rescheduling. */
  id?: string;
  title?: string;
  organizer?: string;
  interviewers?: SlotwisePerson[];
  observers?: SlotwisePerson[];
  candidate?: SlotwiseCandidate;
  duration_minutes?: number;
  conferencing?: { provider: 'google_meet' | 'zoom' | 'teams' | 'goto' | string; host?: string };
  loop?: { stages: SlotwiseLoopStage[] };
}

export interface SlotwiseTheme {
  /** The frame's CSS background. */
  background?: string;
  /** 'auto' (the default) follows the browser's prefers-color-scheme. */
  mode?: 'light' | 'dark' | 'auto';
  /** '#rrggbb': the main action's colour, darkened as far as needed for its label to keep 4.5:1 contrast. */
  accent?: string;
}

export interface SlotwiseEventDetails {
  ready: { rows: number; suggestions: number; locale: string; time_zone: string };
  slot_selected: { start: string; end: string; available: boolean; participants: string[] };
  booked: { interview_id: string; status: 'confirmed'; start: string; end: string; join_url?: string;
            moved_from?: { start: string; end: string } };
  cancelled: { interview_id: string };
  loop_booked: { stages: Array<{ stage: string; interview_id: string; start: string; end: string; error: string }> };
  proposal_created: { proposal_id: string; candidate_url: string; expires_at: string;
                      options: Array<{ start: string; end: string; available: boolean }> };
  /** The candidate answered the proposal this widget sent last (watched every 10 s while the widget is open). */
  proposal_answered: { proposal_id: string; status: 'picked' | 'declined' | 'expired'; start?: string };
  error: { code: string; message: string; [key: string]: unknown };
  /** The widget's preferred height in CSS pixels (what autoHeight sizes the frame to). */
  resize: { height: number };
  /** A popup was closed. */
  closed: Record<string, never>;
}

export type SlotwiseEventType = keyof SlotwiseEventDetails;

export type SlotwiseEvent = { [K in SlotwiseEventType]: { type: K; detail: SlotwiseEventDetails[K] } }[SlotwiseEventType];

export type SlotwiseListener<K extends SlotwiseEventType> =
  (detail: SlotwiseEventDetails[K], event: { type: K; widget: SlotwiseWidgetHandle }) => void;

export interface SlotwiseOptions {
  /** The Slotwise origin. Required from the package (there is no script tag to default to). */
  backend?: string;
  /** A widget token, or a function returning one (or a promise of one), called again when it expires. */
  token: string | (() => string | Promise<string>);
  tenant?: string;
  interview?: SlotwiseInterview;
  locale?: string;
  timeZone?: string;
  candidateHours?: { start?: string; end?: string; required?: boolean };
  theme?: SlotwiseTheme;
  /** The frame takes the widget's preferred height (the resize event) instead of its container's. */
  autoHeight?: boolean;
  title?: string;
  onEvent?: (event: SlotwiseEvent) => void;
}

export interface SlotwisePopupOptions extends SlotwiseOptions {
  /** Close the dialog once an interview is booked (default true), after closeDelayMs (default 1500). */
  closeOnBooked?: boolean;
  closeDelayMs?: number;
  closeLabel?: string;
}

export interface SlotwiseWidgetHandle {
  /** The iframe. */
  readonly element: HTMLIFrameElement;
  focus(): void;
  on<K extends SlotwiseEventType>(type: K, listener: SlotwiseListener<K>): SlotwiseWidgetHandle;
  off<K extends SlotwiseEventType>(type: K, listener: SlotwiseListener<K>): SlotwiseWidgetHandle;
  unmount(): void;
}

export interface SlotwisePopupHandle extends SlotwiseWidgetHandle {
  readonly dialog: HTMLDialogElement;
  close(): void;
}

export interface SlotwiseApi {
  /** The queue form (usable before the script has loaded, with the async snippet): Slotwise('mount', element, options). */
  (method: 'mount', element: Element, options: SlotwiseOptions): SlotwiseWidgetHandle;
  (method: 'popup', options: SlotwisePopupOptions): SlotwisePopupHandle;
  <K extends SlotwiseEventType>(method: 'on' | 'off', type: K, listener: SlotwiseListener<K>): void;
  mount(element: Element, options: SlotwiseOptions): SlotwiseWidgetHandle;
  popup(options: SlotwisePopupOptions): SlotwisePopupHandle;
  on<K extends SlotwiseEventType>(type: K, listener: SlotwiseListener<K>): void;
  off<K extends SlotwiseEventType>(type: K, listener: SlotwiseListener<K>): void;
  readonly version: string;
}

declare const Slotwise: SlotwiseApi;
export default Slotwise;
export declare const mount: SlotwiseApi['mount'];
export declare const popup: SlotwiseApi['popup'];
export declare const on: SlotwiseApi['on'];
export declare const off: SlotwiseApi['off'];
export declare const version: string;

declare global {
  interface Window { Slotwise: SlotwiseApi }
}
