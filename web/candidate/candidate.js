// candidate.js — the candidate page (web/candidate/index.html): shows the times a recruiter proposed in the
// candidate's own time zone and language, lets them pick one, and shows the outcome: when, with whom, where (the room
// or the video link), and "add to your calendar".
//
// The capability comes from the URL fragment (#p=<capability>; fragments never reach a server or a Referer). It is
// sent only as `Authorization: Bearer swp_<capability>` to this origin:
//   GET  /v1/candidate/proposal        → {status: open|declined|picked|expired|cancelled, title, duration_minutes,
//                                         organizer_name, candidate: {name, time_zone, locale},
//                                         options: [{start, end, available}], picked?: {start, end},
//                                         interview?: {status, start, end, interviewers, room?, join_url?, passcode?}}
//   GET  /v1/candidate/proposal/invitation.ics → the picked interview's calendar file
//   POST /v1/candidate/proposal/reschedule {start} → 200 (another proposed time), POST …/cancel {reason?} → 200 the
//                                      view; 403 change_not_allowed (the tenant's policy or its notice), 409.
//   POST /v1/candidate/proposal/decline {availability: [{start, end}], message?} → 200 the view above with status
//                                      "declined", offered, note ("none of these times work": the candidate's own
//                                      times, checked first by own_times.js); 422 naming availability[i]; 409; 410.
//   POST /v1/candidate/proposal/pick   {start} + Idempotency-Key (one per pick attempt, reused when that attempt is
//                                      retried after a network failure) → 201/200 {status: "picked", interview_id,
//                                      start, end}; 409 {error: {code: slot_unavailable|slot_taken|already_picked},
//                                      options}; 410 proposal_expired; 401 bad capability.
// The texts are in strings.js (en, de, ja, nl, fr, es, it, pt, zh, ko); dates, times, ranges, the zone's name and
// durations come from Intl (DateTimeFormat, NumberFormat) with the candidate's locale and zone, never from a table.
'use strict';
(function () {
  const kStrings = window.SlotwiseCandidateStrings;  // strings.js, one table per language

  const $ = (id) => document.getElementById(id);
  const els = {
    main: $('main'), heading: $('heading'), summary: $('summary'), zone: $('zone'), status: $('status'),
    form: $('pick-form'), legend: $('legend'), options: $('options'), confirm: $('confirm'), done: $('done'),
    doneHeading: $('done-heading'), doneTime: $('done-time'), doneNote: $('done-note'), retry: $('retry'),
    details: $('done-details'), calendar: $('done-calendar'), calendarLabel: $('calendar-label'), addIcs: $('add-ics'),
    addGoogle: $('add-google'), addOutlook: $('add-outlook'),
    noneWork: $('none-work'), offered: $('offered'), offeredHeading: $('offered-heading'), offeredList: $('offered-list'),
    offeredNote: $('offered-note'), offeredHint: $('offered-hint'), offerChange: $('offer-change'), offer: $('offer-form'),
    offerHeading: $('offer-heading'), offerIntro: $('offer-intro'), offerRows: $('offer-rows'), offerAdd: $('offer-add'),
    offerNoteLabel: $('offer-note-label'), offerNote: $('offer-note'), offerSend: $('offer-send'),
    offerCancel: $('offer-cancel'), moveKeep: $('move-keep'), changes: $('changes'), changesNote: $('changes-note'),
    changeTime: $('change-time'), cancelStart: $('cancel-start'), cancelBox: $('cancel-box'),
    cancelReasonLabel: $('cancel-reason-label'), cancelReason: $('cancel-reason'), cancelConfirm: $('cancel-confirm'),
    cancelKeep: $('cancel-keep'),
  };
  const ownTimes = window.SlotwiseOwnTimes;

  // The table for a BCP 47 tag, by its primary subtag ("fr-CA" → fr); English when there is none. "zh-TW" and
  // "zh-Hant" get the Simplified Chinese table for now (there is no Traditional one yet); Intl still formats their
  // dates in the full locale.
  function languageOf(tag) {
    const language = String(tag || '').toLowerCase().split(/[-_]/)[0];
    return kStrings[language] ? language : 'en';
  }

  const state = {
    language: languageOf(navigator.language),
    locale: navigator.language || 'en',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    proposal: null,
    attempt: null,     // {start, key}: the pick in flight or to retry with the same Idempotency-Key
    moving: false,     // choosing a new time for the picked interview (POST …/reschedule instead of …/pick)
    retryAction: null,
  };

  function t(name, values) {
    const text = kStrings[state.language][name] || kStrings.en[name];
    return text.replace(/\{(\w+)\}/g, (match, key) => (values && values[key] !== undefined ? String(values[key]) : match));
  }

  // The capability: #p=<capability> (also accepted with the "swp_" prefix already on it).
  const capability = new URLSearchParams(location.hash.replace(/^#/, '')).get('p') || '';
  const authorization = capability ? 'Bearer ' + (capability.startsWith('swp_') ? capability : 'swp_' + capability) : '';

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function api(method, path, body, idempotencyKey) {
    const headers = { Authorization: authorization, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                         credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' })
      .then((response) => response.text().then((text) => {
        let json = null;
        try { json = text ? JSON.parse(text) : null; } catch (error) { json = null; }
        return { status: response.status, json };
      }));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Formatting (Intl, the candidate's locale and zone)
  // Everything a date, a time, a range of times, the zone's name or a duration reads like is Intl's, in the
  // candidate's locale (its separators, "at"/"um"/"à", 오전/오후, 年月日 and 星期 included); the string tables never say it.
  function formatter(options) {
    // An unknown locale falls back to the page's language, an unknown zone to the browser's own.
    for (const [locale, zone] of [[state.locale, state.timeZone], [state.language, state.timeZone], [state.language, undefined]]) {
      try {
        return new Intl.DateTimeFormat(locale, Object.assign(zone ? { timeZone: zone } : {}, options));
      } catch (error) { /* the next */ }
    }
    return new Intl.DateTimeFormat(undefined, options);
  }
  // `options` applied to start and end as one range ("9:00 – 10:00 AM", "09:00–10:00 Uhr", "오전 9:00~10:00").
  function range(options, start, end) {
    const format = formatter(options);
    if (format.formatRange) return format.formatRange(start, end);
    return format.format(start) + ' \u2013 ' + format.format(end);  // browsers before formatRange (2019–2021)
  }
  const dayText = (date) => formatter({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(date);
  // The times of one option, under its day's heading; one that ends on the next day names both days, shortly
  // ("Dec 14, 11:00 PM – Dec 15, 12:00 AM", "12월 14일 오후 11:00 ~ 12월 15일 오전 12:00").
  function rangeText(start, end) {
    if (dayText(start) === dayText(end)) return range({ timeStyle: 'short' }, start, end);
    return range({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }, start, end);
  }
  // The day with the range of times ("Thursday, December 10, 2026, 9:00 – 10:00 AM", "2026年12月10日星期四 09:00–10:00").
  const dayRangeText = (start, end) => range({ dateStyle: 'full', timeStyle: 'short' }, start, end);
  // One instant with its day ("Thursday, December 10, 2026 at 9:00 AM", "jeudi 10 décembre 2026 à 09:00").
  const instantText = (date) => formatter({ dateStyle: 'full', timeStyle: 'short' }).format(date);
  // A duration in minutes ("60 minutes", "60 Minuten", "60分钟", "60분").
  function durationText(minutes) {
    if (!minutes) return '';
    try {
      return new Intl.NumberFormat(state.locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
    } catch (error) {
      return new Intl.NumberFormat(state.language, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
    }
  }
  // The zone's name in the candidate's language with the city of its IANA name (which Intl does not translate).
  function zoneText() {
    let name = '';
    try {
      const part = formatter({ timeZoneName: 'long' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
      name = part ? part.value : '';
    } catch (error) { name = ''; }
    const city = state.timeZone.split('/').pop().replace(/_/g, ' ');
    return name ? t('zoneWithCity', { name, city }) : city;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rendering
  function setStatus(text, kind) {
    els.status.textContent = text || '';
    els.status.className = 'status' + (kind ? ' ' + kind : '');
  }

  function showRetry(action) {
    state.retryAction = action;
    els.retry.textContent = t('retry');
    els.retry.hidden = !action;
  }

  function organizerName() {
    return (state.proposal && state.proposal.organizer_name) || t('theOrganizer');
  }

  function applyProposal(proposal) {
    state.proposal = proposal;
    const candidate = proposal.candidate || {};
    state.language = languageOf(candidate.locale || navigator.language);
    state.locale = candidate.locale || state.language;
    state.timeZone = candidate.time_zone || state.timeZone;
    document.documentElement.lang = state.language;
    document.title = t('title');
    els.heading.textContent = t('title');
    const summary = proposal.organizer_name
      ? t('summary', { title: proposal.title || '', organizer: proposal.organizer_name, duration: durationText(proposal.duration_minutes) })
      : t('summaryNoOrganizer', { title: proposal.title || '', duration: durationText(proposal.duration_minutes) });
    els.summary.textContent = candidate.name ? t('greeting', { name: candidate.name, summary }) : summary;
    els.summary.hidden = false;
    els.zone.textContent = t('zone', { zone: zoneText() });
    els.zone.hidden = false;
    els.legend.textContent = t('legend');
    els.confirm.textContent = t('confirm');
  }

  // The options as radio buttons, grouped by the candidate's local day; unavailable ones disabled and marked.
  function renderOptions(options, keepStart) {
    els.options.replaceChildren();
    let lastDay = '';
    let available = 0;
    (options || []).forEach((option, index) => {
      const start = new Date(option.start), end = new Date(option.end);
      const day = dayText(start);
      if (day !== lastDay) {
        const heading = document.createElement('p');
        heading.className = 'day';
        heading.textContent = day;
        els.options.appendChild(heading);
        lastDay = day;
      }
      const label = document.createElement('label');
      label.className = 'option' + (option.available ? '' : ' gone');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = 'start';
      input.value = option.start;
      input.id = 'option-' + index;
      input.disabled = !option.available;
      if (option.available && option.start === keepStart) input.checked = true;
      const time = document.createElement('time');
      time.className = 'time';
      time.dateTime = option.start;
      time.textContent = rangeText(start, end);
      time.setAttribute('aria-hidden', 'true');  // read from the hidden text below, which has the day too
      const hidden = document.createElement('span');  // the day and the times, for screen readers reading one option alone
      hidden.className = 'visually-hidden';
      hidden.textContent = dayRangeText(start, end);
      label.append(input, hidden, time);
      if (!option.available) {
        const note = document.createElement('span');
        note.className = 'note';
        note.textContent = t('gone');
        label.appendChild(note);
      } else {
        ++available;
      }
      els.options.appendChild(label);
    });
    return available;
  }

  function showOpen(options, message, kind) {
    els.done.hidden = true;
    els.form.hidden = false;
    const available = renderOptions(options, state.attempt && state.attempt.start);
    els.confirm.disabled = available === 0;
    els.confirm.hidden = available === 0;
    if (available === 0) {
      setStatus(t('noneLeft', { organizer: organizerName() }), 'error');
    } else {
      setStatus(message || t('options', { count: options.length, available }), kind);
    }
  }

  function showDone(headingKey, picked, interview) {
    hideOwnTimes();
    els.form.hidden = true;
    els.done.hidden = false;
    setStatus('', '');
    els.doneHeading.textContent = t(headingKey);
    if (picked && picked.start) {
      const start = new Date(picked.start), end = new Date(picked.end || picked.start);
      els.doneTime.replaceChildren();
      const time = document.createElement('time');
      time.dateTime = picked.start;
      time.textContent = dayRangeText(start, end);
      els.doneTime.appendChild(time);
    } else {
      els.doneTime.textContent = '';
    }
    els.doneNote.textContent = t('confirmedNote');
    renderInterview(interview);
    els.doneHeading.focus();
  }

  // After the pick: when, with whom, where (the room, or the video call's link and passcode once they exist) and
  // "add to your calendar" (the invitation's own .ics, Google Calendar, Outlook). While the booking is still being
  // carried out the page asks again every two seconds.
  let detailsTimer = null;
  function renderInterview(interview) {
    els.details.replaceChildren();
    els.calendar.hidden = true;
    els.doneTime.hidden = false;
    if (!interview) return;
    els.changes.hidden = true;
    if (interview.status === 'cancelled' || interview.status === 'failed') {
      els.doneHeading.textContent = t(state.cancelledHere ? 'youCancelled' : 'interviewCancelled', { organizer: organizerName() });
      els.doneTime.textContent = '';
      els.doneNote.textContent = '';
      return;
    }
    const row = (label, ...content) => {
      const term = document.createElement('dt');
      term.textContent = label;
      const value = document.createElement('dd');
      value.append(...content);
      els.details.append(term, value);
    };
    const start = new Date(interview.start), end = new Date(interview.end);
    els.doneTime.hidden = true;  // "When" below says it, with the zone
    row(t('when'), dayRangeText(start, end) + ' \u00b7 ' + zoneText());
    const people = (interview.interviewers || []).slice();
    if (state.proposal && state.proposal.organizer_name && !people.includes(state.proposal.organizer_name)) people.push(state.proposal.organizer_name);
    if (people.length) row(t('with'), people.join(', '));
    if (interview.room) {
      row(t('where'), interview.room);
    } else if (interview.join_url) {
      const link = document.createElement('a');
      link.href = interview.join_url;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      link.textContent = t('joinLink');
      const parts = [link];
      if (interview.passcode) parts.push(document.createElement('br'), t('passcode', { code: interview.passcode }));
      row(t('where'), t('videoCall'), document.createElement('br'), ...parts);
    }
    if (interview.status === 'pending') {
      els.doneNote.textContent = t('preparing');
      clearTimeout(detailsTimer);
      detailsTimer = setTimeout(refreshInterview, 2000);
      return;
    }
    els.doneNote.textContent = t('confirmedNote');
    showCalendarLinks(interview);
    showChanges(interview);
  }

  // Moving or cancelling, as the tenant's policy allows (the server says until when).
  function showChanges(interview) {
    const open = interview.can_reschedule || interview.can_cancel;
    els.changes.hidden = !open;
    if (!open) return;
    const until = new Date(interview.changeable_until);
    els.changesNote.textContent = t('changesNote', { when: instantText(until) });
    els.changeTime.textContent = t('changeTime');
    els.changeTime.hidden = !interview.can_reschedule;
    els.cancelStart.textContent = t('cancelStart');
    els.cancelStart.hidden = !interview.can_cancel;
    els.cancelStart.setAttribute('aria-expanded', 'false');
    els.cancelBox.hidden = true;
    els.cancelReasonLabel.textContent = t('cancelReason', { organizer: organizerName() });
    els.cancelConfirm.textContent = t('cancelConfirm');
    els.cancelKeep.textContent = t('cancelKeep');
  }

  // "Choose another time": the proposed times again (without the current one), confirmed with "Move to this time".
  function startMoving() {
    const proposal = state.proposal || {};
    const current = (proposal.interview && proposal.interview.start) || (proposal.picked && proposal.picked.start);
    state.moving = true;
    clearTimeout(detailsTimer);
    const options = (proposal.options || []).filter((option) => Date.parse(option.start) !== Date.parse(current));
    showOpen(options);
    els.legend.textContent = t('moveLegend');
    els.confirm.textContent = t('moveConfirm');
    els.moveKeep.textContent = t('moveKeep');
    els.moveKeep.hidden = false;
    els.legend.scrollIntoView({ block: 'start' });
    const first = els.form.querySelector('input[name="start"]:not(:disabled)');
    if (first) first.focus();
  }

  function stopMoving() {
    state.moving = false;
    els.moveKeep.hidden = true;
    els.legend.textContent = t('legend');
    els.confirm.textContent = t('confirm');
  }

  function moveTo(start) {
    els.confirm.disabled = true;
    els.confirm.textContent = t('moving');
    els.main.setAttribute('aria-busy', 'true');
    api('POST', '/v1/candidate/proposal/reschedule', { start }).then((reply) => {
      finishLoading();
      els.confirm.disabled = false;
      const code = reply.json && reply.json.error && reply.json.error.code;
      if (reply.status === 200) {
        stopMoving();
        load(t('moved'));
      } else if (reply.status === 409 && reply.json && reply.json.options) {  // taken meanwhile: the fresh list
        els.confirm.textContent = t('moveConfirm');
        const current = (state.proposal.interview && state.proposal.interview.start) || (state.proposal.picked && state.proposal.picked.start);
        showOpen(reply.json.options.filter((o) => Date.parse(o.start) !== Date.parse(current)), t('nowGone'), 'error');
      } else if (reply.status === 403 || code === 'interview_not_active') {
        stopMoving();
        load(t('changeClosed', { organizer: organizerName() }), 'error');
      } else {
        els.confirm.textContent = t('moveConfirm');
        setStatus(t('serverError', { status: reply.status }), 'error');
      }
    }).catch(() => {
      finishLoading();
      els.confirm.disabled = false;
      els.confirm.textContent = t('moveConfirm');
      setStatus(t('network'), 'error');
    });
  }

  function cancelInterview() {
    const reason = els.cancelReason.value.trim();
    els.cancelConfirm.disabled = true;
    els.cancelConfirm.textContent = t('cancelling');
    els.main.setAttribute('aria-busy', 'true');
    api('POST', '/v1/candidate/proposal/cancel', reason ? { reason } : {}).then((reply) => {
      finishLoading();
      els.cancelConfirm.disabled = false;
      els.cancelConfirm.textContent = t('cancelConfirm');
      if (reply.status === 200 && reply.json) {
        state.cancelledHere = true;
        state.proposal = reply.json;
        render(reply.json);
        els.doneHeading.focus();
      } else if (reply.status === 403 || reply.status === 409) {
        load(t('changeClosed', { organizer: organizerName() }), 'error');
      } else {
        setStatus(t('serverError', { status: reply.status }), 'error');
      }
    }).catch(() => {
      finishLoading();
      els.cancelConfirm.disabled = false;
      els.cancelConfirm.textContent = t('cancelConfirm');
      setStatus(t('network'), 'error');
    });
  }

  function refreshInterview() {
    api('GET', '/v1/candidate/proposal').then((reply) => {
      if (reply.status === 200 && reply.json && reply.json.interview) {
        state.proposal = Object.assign(state.proposal || {}, reply.json);  // the options and the picked time, fresh
        renderInterview(reply.json.interview);
      }
      else detailsTimer = setTimeout(refreshInterview, 4000);
    }).catch(() => { detailsTimer = setTimeout(refreshInterview, 4000); });
  }

  function showCalendarLinks(interview) {
    const title = (state.proposal && state.proposal.title) || '';
    const where = interview.room || interview.join_url || '';
    const details = interview.join_url ? interview.join_url + (interview.passcode ? '\n' + t('passcode', { code: interview.passcode }) : '') : '';
    const utc = (iso) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const google = new URL('https://calendar.google.com/calendar/render');
    google.search = new URLSearchParams({ action: 'TEMPLATE', text: title, dates: utc(interview.start) + '/' + utc(interview.end),
                                          details, location: where }).toString();
    const outlook = new URL('https://outlook.office.com/calendar/0/deeplink/compose');
    outlook.search = new URLSearchParams({ path: '/calendar/action/compose', rru: 'addevent', subject: title,
                                           startdt: new Date(interview.start).toISOString(), enddt: new Date(interview.end).toISOString(),
                                           body: details, location: where }).toString();
    els.calendarLabel.textContent = t('addToCalendar');
    els.addIcs.textContent = t('downloadIcs');
    els.addGoogle.textContent = t('googleCalendar');
    els.addGoogle.href = google.href;
    els.addOutlook.textContent = t('outlookCalendar');
    els.addOutlook.href = outlook.href;
    els.calendar.hidden = false;
  }

  // The .ics needs the capability (an Authorization header, never a URL): fetched, then saved from a blob.
  function downloadIcs() {
    fetch('/v1/candidate/proposal/invitation.ics', { headers: { Authorization: authorization }, credentials: 'omit',
                                                     cache: 'no-store', referrerPolicy: 'no-referrer' })
      .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = 'interview.ics';
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
      })
      .catch(() => setStatus(t('network'), 'error'));
  }

  function showMessage(text) {
    hideOwnTimes();
    els.form.hidden = true;
    els.done.hidden = true;
    setStatus(text, 'error');
  }

  function finishLoading() { els.main.setAttribute('aria-busy', 'false'); }

  // ---------------------------------------------------------------------------------------------------------------
  // Flow
  // Loads the proposal and shows it; `message` (and its `kind`) is then said in the status line (after a move).
  function load(message, kind) {
    showRetry(null);
    setStatus(t('loading'), '');
    if (!capability) {
      finishLoading();
      els.heading.textContent = t('title');
      showMessage(t('invalidLink'));
      return;
    }
    api('GET', '/v1/candidate/proposal').then((reply) => {
      finishLoading();
      if (reply.status === 401 || reply.status === 404) {
        els.heading.textContent = t('title');
        showMessage(t('invalidLink'));
        return;
      }
      if (reply.status === 410) {
        if (reply.json && reply.json.candidate) applyProposal(reply.json);
        showMessage(t('expired', { organizer: organizerName() }));
        return;
      }
      if (reply.status !== 200 || !reply.json) {
        showMessage(t('serverError', { status: reply.status }));
        showRetry(load);
        return;
      }
      applyProposal(reply.json);
      render(reply.json);
      if (message) {
        setStatus(message, kind || 'success');
        els.status.focus();
      } else {
        els.heading.focus();
      }
    }).catch(() => {
      finishLoading();
      showMessage(t('network'));
      showRetry(load);
    });
  }

  function render(proposal) {
    switch (proposal.status) {
      case 'picked': showDone('alreadyHeading', proposal.picked, proposal.interview); break;
      case 'expired': showMessage(t('expired', { organizer: organizerName() })); break;
      case 'cancelled': showMessage(t('cancelled', { organizer: organizerName() })); break;
      default:  // open, or declined (the candidate sent their own times; the proposed ones can still be picked)
        showOpen(proposal.options || [], proposal.status === 'declined' ? t('offerSent', { organizer: organizerName() }) : '',
                 proposal.status === 'declined' ? 'success' : '');
        showOwnTimes(proposal);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // "None of these times work": the candidate's own times (own_times.js checks them as the server will).
  function hideOwnTimes() {
    els.noneWork.hidden = true;
    els.offered.hidden = true;
    els.offer.hidden = true;
  }

  function showOwnTimes(proposal) {
    const offered = proposal.offered || [];
    els.offer.hidden = true;
    els.noneWork.textContent = t('noneWork');
    els.noneWork.hidden = offered.length > 0;
    els.noneWork.setAttribute('aria-expanded', 'false');
    els.offered.hidden = offered.length === 0;
    if (!offered.length) return;
    els.offeredHeading.textContent = t('offeredHeading');
    els.offeredList.replaceChildren(...offered.map((period) => {
      const item = document.createElement('li');
      const start = new Date(period.start), end = new Date(period.end);
      const time = document.createElement('time');
      time.dateTime = period.start;
      time.textContent = dayRangeText(start, end);
      item.appendChild(time);
      return item;
    }));
    els.offeredNote.textContent = proposal.note || '';
    els.offeredNote.hidden = !proposal.note;
    els.offeredHint.textContent = t('offeredHint');
    els.offerChange.textContent = t('offerChange');
  }

  // "YYYY-MM-DD" / "HH:MM" of `ms` in the candidate's zone (to fill a row from times sent before).
  // Read in en-US whatever the candidate's locale: these are the inputs' values, not text (and always Latin digits).
  function wallParts(ms) {
    const parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: state.timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
                                       hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms)).forEach((part) => { parts[part.type] = part.value; });
    return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour % 24}`.padStart(2, '0') + ':' + parts.minute };
  }

  let rowCount = 0;
  function addRow(values) {
    const number = els.offerRows.children.length + 1;
    const row = document.createElement('div');
    row.className = 'offer-row';
    row.setAttribute('role', 'group');
    row.setAttribute('aria-label', t('offerRowLabel', { number }));
    const id = 'offer-' + (++rowCount);
    const field = (labelKey, type, name, value) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = type;
      input.name = name;
      input.required = true;
      input.value = value || '';
      if (type === 'time') input.step = 900;
      if (type === 'date') {
        const now = Date.now();
        input.min = wallParts(now).date;
        input.max = wallParts(now + 60 * 86400000).date;
      }
      label.append(t(labelKey), input);
      return label;
    };
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary';
    remove.textContent = t('offerRemove');
    remove.addEventListener('click', () => {
      row.remove();
      renumberRows();
      if (!els.offerRows.children.length) addRow();
    });
    const error = document.createElement('p');
    error.className = 'row-error';
    error.id = id + '-error';
    error.hidden = true;
    row.append(field('offerDay', 'date', 'date', values && values.date), field('offerFrom', 'time', 'from', values && values.from),
               field('offerTo', 'time', 'to', values && values.to), remove, error);
    row.addEventListener('input', () => clearRowError(row));  // a corrected row loses its mark at once
    els.offerRows.appendChild(row);
    renumberRows();
    return row;
  }

  function renumberRows() {
    Array.from(els.offerRows.children).forEach((row, index) => row.setAttribute('aria-label', t('offerRowLabel', { number: index + 1 })));
    els.offerAdd.hidden = els.offerRows.children.length >= ownTimes.kMaxPeriods;
  }

  function openOfferForm() {
    const proposal = state.proposal || {};
    els.offerHeading.textContent = t('offerHeading');
    els.offerIntro.textContent = t('offerIntro', { organizer: organizerName(), duration: durationText(proposal.duration_minutes), zone: zoneText() });
    els.offerAdd.textContent = t('offerAdd');
    els.offerNoteLabel.textContent = t('offerNote', { organizer: organizerName() });
    els.offerSend.textContent = t('offerSend');
    els.offerCancel.textContent = t('offerCancel');
    els.offerRows.replaceChildren();
    const sent = proposal.offered || [];
    if (sent.length) {
      sent.forEach((period) => {
        const from = wallParts(Date.parse(period.start)), to = wallParts(Date.parse(period.end));
        addRow({ date: from.date, from: from.time, to: to.time });
      });
    } else {
      addRow({ date: ownTimes.nextWorkingDay(Date.now(), state.timeZone), from: '09:00', to: '12:00' });
    }
    els.offerNote.value = proposal.note || '';
    els.noneWork.hidden = true;
    els.noneWork.setAttribute('aria-expanded', 'true');
    els.offered.hidden = true;
    els.offer.hidden = false;
    els.offerHeading.focus();
  }

  function closeOfferForm() {
    if (state.proposal) showOwnTimes(state.proposal);
    (els.offered.hidden ? els.noneWork : els.offerChange).focus();
  }

  function readRows() {
    return Array.from(els.offerRows.children).map((row) => ({
      date: row.querySelector('input[name="date"]').value,
      from: row.querySelector('input[name="from"]').value,
      to: row.querySelector('input[name="to"]').value,
    }));
  }

  function clearRowError(row) {
    row.classList.remove('invalid');
    const message = row.querySelector('.row-error');
    message.hidden = true;
    message.textContent = '';
    row.querySelectorAll('input').forEach((input) => {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    });
  }

  const kRowErrors = { incomplete: 'offerIncomplete', too_short: 'offerTooShort', over: 'offerOver', too_far: 'offerTooFar',
                       overlap: 'offerOverlap' };
  function markRows(errors) {
    Array.from(els.offerRows.children).forEach((row, index) => {
      const error = errors.find((e) => e.index === index);
      clearRowError(row);
      if (!error) return;
      const message = row.querySelector('.row-error');
      row.classList.add('invalid');
      message.hidden = false;
      message.textContent = t(kRowErrors[error.code] || 'offerIncomplete', { duration: durationText((state.proposal || {}).duration_minutes) });
      row.querySelectorAll('input').forEach((input) => {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', message.id);
      });
    });
    const first = errors.length ? els.offerRows.children[errors[0].index] : null;
    if (first) first.querySelector('input').focus();
  }

  function sendOwnTimes() {
    const proposal = state.proposal || {};
    const checked = ownTimes.checkRows(readRows(), state.timeZone, proposal.duration_minutes || 0, Date.now());
    markRows(checked.errors);
    if (checked.errors.length) {
      setStatus(t('offerFix'), 'error');
      return;
    }
    const note = els.offerNote.value.trim();
    if (Array.from(note).length > 1000) {
      setStatus(t('offerTooLong'), 'error');
      els.offerNote.focus();
      return;
    }
    const body = { availability: checked.periods };
    if (note) body.message = note;
    els.offerSend.disabled = true;
    els.offerSend.textContent = t('offerSending');
    els.main.setAttribute('aria-busy', 'true');
    showRetry(null);
    api('POST', '/v1/candidate/proposal/decline', body).then((reply) => {
      finishLoading();
      els.offerSend.disabled = false;
      els.offerSend.textContent = t('offerSend');
      const error = reply.json && reply.json.error;
      if (reply.status === 200 && reply.json) {
        state.proposal = Object.assign(state.proposal || {}, reply.json);
        render(reply.json);
        els.status.focus();
      } else if (reply.status === 422 && error && /^availability\[(\d+)\]/.test(error.field || '')) {
        markRows([{ index: Number(/\[(\d+)\]/.exec(error.field)[1]), code: 'incomplete' }]);
        setStatus(t('offerFix'), 'error');
      } else if (reply.status === 409) {
        load();  // a time was picked meanwhile (perhaps in another tab)
      } else if (reply.status === 410) {
        showMessage(t('expired', { organizer: organizerName() }));
      } else if (reply.status === 401 || reply.status === 404) {
        showMessage(t('invalidLink'));
      } else {
        setStatus(t('serverError', { status: reply.status }), 'error');
        showRetry(sendOwnTimes);
      }
    }).catch(() => {
      finishLoading();
      els.offerSend.disabled = false;
      els.offerSend.textContent = t('offerSend');
      setStatus(t('network'), 'error');
      showRetry(sendOwnTimes);
    });
  }

  function pick(start) {
    // A new attempt gets a new key; the retry of the same attempt (same start, after a network failure) reuses it.
    if (!state.attempt || state.attempt.start !== start || state.attempt.done) state.attempt = { start, key: newKey(), done: false };
    const attempt = state.attempt;
    showRetry(null);
    els.confirm.disabled = true;
    els.confirm.textContent = t('confirming');
    els.main.setAttribute('aria-busy', 'true');
    api('POST', '/v1/candidate/proposal/pick', { start }, attempt.key).then((reply) => {
      finishLoading();
      els.confirm.disabled = false;
      els.confirm.textContent = t('confirm');
      const code = reply.json && reply.json.error && reply.json.error.code;
      if (reply.status === 200 || reply.status === 201) {
        attempt.done = true;
        showDone('confirmedHeading', reply.json || { start });
        refreshInterview();  // who, where, the link and "add to calendar"
      } else if (reply.status === 409 && code === 'already_picked') {
        attempt.done = true;
        load();
      } else if (reply.status === 409) {  // slot_unavailable, slot_taken: the refreshed options come with it
        attempt.done = true;
        const options = (reply.json && reply.json.options) || (state.proposal && state.proposal.options) || [];
        if (state.proposal) state.proposal.options = options;
        showOpen(options, t('nowGone'), 'error');
        els.status.focus();
      } else if (reply.status === 410) {
        attempt.done = true;
        showMessage(t('expired', { organizer: organizerName() }));
      } else if (reply.status === 401 || reply.status === 404) {
        attempt.done = true;
        showMessage(t('invalidLink'));
      } else {
        setStatus(t('serverError', { status: reply.status }), 'error');
        showRetry(() => pick(start));
      }
    }).catch(() => {
      finishLoading();
      els.confirm.disabled = false;
      els.confirm.textContent = t('confirm');
      setStatus(t('network'), 'error');
      showRetry(() => pick(start));  // same attempt, same Idempotency-Key
    });
  }

  els.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = els.form.querySelector('input[name="start"]:checked');
    if (!chosen) {
      setStatus(t('chooseFirst'), 'error');
      const first = els.form.querySelector('input[name="start"]:not(:disabled)');
      if (first) first.focus();
      return;
    }
    if (state.moving) moveTo(chosen.value);
    else pick(chosen.value);
  });
  els.moveKeep.addEventListener('click', () => {
    stopMoving();
    load();
  });
  els.changeTime.addEventListener('click', startMoving);
  els.cancelStart.addEventListener('click', () => {
    els.cancelBox.hidden = false;
    els.cancelStart.setAttribute('aria-expanded', 'true');
    els.cancelReason.focus();
  });
  els.cancelKeep.addEventListener('click', () => {
    els.cancelBox.hidden = true;
    els.cancelStart.setAttribute('aria-expanded', 'false');
    els.cancelStart.focus();
  });
  els.cancelConfirm.addEventListener('click', cancelInterview);
  els.retry.addEventListener('click', () => { if (state.retryAction) state.retryAction(); });
  els.noneWork.addEventListener('click', openOfferForm);
  els.offerChange.addEventListener('click', openOfferForm);
  els.offerAdd.addEventListener('click', () => addRow().querySelector('input').focus());
  els.offerCancel.addEventListener('click', closeOfferForm);
  els.offer.addEventListener('submit', (event) => {
    event.preventDefault();
    sendOwnTimes();
  });
  els.addIcs.addEventListener('click', downloadIcs);
  els.status.tabIndex = -1;

  document.documentElement.lang = state.language;
  els.heading.textContent = t('title');
  load();
}());
