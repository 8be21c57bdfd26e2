// candidate.js — the candidate page (web/candidate/index.html): shows the times a recruiter proposed in the
// candidate's own time zone and language, lets them pick one, and shows the outcome: when, with whom, where (the room
// or the video link), and "add to your calendar".
//
// The capability comes from the URL fragment (#p=<capability>; fragments never reach a server or a Referer). It is
// sent only as `Authorization: Bearer swp_<capability>` to this origin:
//   GET  /v1/candidate/proposal        → {status: open|picked|expired|cancelled, title, duration_minutes,
//                                         organizer_name, candidate: {name, time_zone, locale},
//                                         options: [{start, end, available}], picked?: {start, end},
//                                         interview?: {status, start, end, interviewers, room?, join_url?, passcode?}}
//   GET  /v1/candidate/proposal/invitation.ics → the picked interview's calendar file
//   POST /v1/candidate/proposal/pick   {start} + Idempotency-Key (one per pick attempt, reused when that attempt is
//                                      retried after a network failure) → 201/200 {status: "picked", interview_id,
//                                      start, end}; 409 {error: {code: slot_unavailable|slot_taken|already_picked},
//                                      options}; 410 proposal_expired; 401 bad capability.
// Every string exists in en/de/ja/nl; dates and times use Intl.DateTimeFormat with the candidate's locale and zone.
'use strict';
(function () {
  const kStrings = {
    en: {
      title: 'Choose a time for your interview',
      loading: 'Loading the proposed times…',
      summary: '{title} with {organizer} · {minutes} minutes',
      summaryNoOrganizer: '{title} · {minutes} minutes',
      greeting: 'Hello {name},',
      zone: 'Times are shown in your time zone: {zone}.',
      legend: 'Proposed times',
      confirm: 'Confirm this time',
      confirming: 'Confirming…',
      chooseFirst: 'Please choose one of the times first.',
      gone: 'no longer available',
      nowGone: 'Sorry, that time is no longer available. The list below is up to date; please choose another time.',
      noneLeft: 'None of the proposed times is available any more. Please contact {organizer} for new times.',
      confirmedHeading: 'Your interview is confirmed',
      confirmedNote: 'An invitation with the details is on its way to your e-mail address.',
      alreadyHeading: 'A time has already been chosen',
      expired: 'This invitation has expired. Please contact {organizer} for new times.',
      cancelled: 'This invitation was withdrawn. Please contact {organizer} if you have questions.',
      invalidLink: 'This link is not valid. Please open the link from your invitation e-mail again.',
      network: 'The connection failed. Please check your internet connection and try again.',
      serverError: 'Something went wrong on our side ({status}). Please try again in a moment.',
      retry: 'Try again',
      theOrganizer: 'the recruiter',
      options: '{count} times proposed, {available} still available.',
      when: 'When', with: 'With', where: 'Where', videoCall: 'Video call', joinLink: 'Join the video call',
      passcode: 'Passcode: {code}', preparing: 'Your time is booked. The invitation and the video link are being prepared…',
      addToCalendar: 'Add to your calendar', downloadIcs: 'Download (.ics)', googleCalendar: 'Google Calendar',
      outlookCalendar: 'Outlook', interviewCancelled: 'This interview was cancelled. Please contact {organizer} if you have questions.',
    },
    de: {
      title: 'Wählen Sie einen Termin für Ihr Interview',
      loading: 'Die vorgeschlagenen Termine werden geladen…',
      summary: '{title} mit {organizer} · {minutes} Minuten',
      summaryNoOrganizer: '{title} · {minutes} Minuten',
      greeting: 'Hallo {name},',
      zone: 'Die Zeiten werden in Ihrer Zeitzone angezeigt: {zone}.',
      legend: 'Vorgeschlagene Termine',
      confirm: 'Diesen Termin bestätigen',
      confirming: 'Wird bestätigt…',
      chooseFirst: 'Bitte wählen Sie zuerst einen der Termine.',
      gone: 'nicht mehr verfügbar',
      nowGone: 'Dieser Termin ist leider nicht mehr verfügbar. Die Liste unten ist aktuell; bitte wählen Sie einen anderen Termin.',
      noneLeft: 'Keiner der vorgeschlagenen Termine ist mehr verfügbar. Bitte wenden Sie sich für neue Termine an {organizer}.',
      confirmedHeading: 'Ihr Interview ist bestätigt',
      confirmedNote: 'Eine Einladung mit allen Details ist unterwegs an Ihre E-Mail-Adresse.',
      alreadyHeading: 'Es wurde bereits ein Termin gewählt',
      expired: 'Diese Einladung ist abgelaufen. Bitte wenden Sie sich für neue Termine an {organizer}.',
      cancelled: 'Diese Einladung wurde zurückgezogen. Bei Fragen wenden Sie sich bitte an {organizer}.',
      invalidLink: 'Dieser Link ist ungültig. Bitte öffnen Sie den Link aus Ihrer Einladungs-E-Mail erneut.',
      network: 'Die Verbindung ist fehlgeschlagen. Bitte prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
      serverError: 'Bei uns ist etwas schiefgelaufen ({status}). Bitte versuchen Sie es gleich noch einmal.',
      retry: 'Erneut versuchen',
      theOrganizer: 'die Recruiterin oder den Recruiter',
      options: '{count} Termine vorgeschlagen, {available} noch verfügbar.',
      when: 'Wann', with: 'Mit', where: 'Wo', videoCall: 'Videoanruf', joinLink: 'Am Videoanruf teilnehmen',
      passcode: 'Kenncode: {code}', preparing: 'Ihr Termin ist gebucht. Die Einladung und der Videolink werden vorbereitet…',
      addToCalendar: 'Zu Ihrem Kalender hinzufügen', downloadIcs: 'Herunterladen (.ics)', googleCalendar: 'Google Kalender',
      outlookCalendar: 'Outlook', interviewCancelled: 'Dieses Interview wurde abgesagt. Bei Fragen wenden Sie sich bitte an {organizer}.',
    },
    ja: {
      title: '面接の日時をお選びください',
      loading: '候補の日時を読み込んでいます…',
      summary: '{title}（担当: {organizer}）・{minutes}分',
      summaryNoOrganizer: '{title}・{minutes}分',
      greeting: '{name} 様',
      zone: '日時はお客様のタイムゾーンで表示しています: {zone}。',
      legend: '候補の日時',
      confirm: 'この日時で確定する',
      confirming: '確定しています…',
      chooseFirst: '先にいずれかの日時を選んでください。',
      gone: '選択できなくなりました',
      nowGone: '申し訳ありません。その日時は選択できなくなりました。下の一覧は最新です。別の日時をお選びください。',
      noneLeft: '候補の日時はすべて選択できなくなりました。新しい日時については {organizer} にご連絡ください。',
      confirmedHeading: '面接の日時が確定しました',
      confirmedNote: '詳細を記載した招待状をメールでお送りしています。',
      alreadyHeading: '日時はすでに選択されています',
      expired: 'この招待は有効期限が切れています。新しい日時については {organizer} にご連絡ください。',
      cancelled: 'この招待は取り消されました。ご不明な点は {organizer} にお問い合わせください。',
      invalidLink: 'このリンクは無効です。招待メールのリンクをもう一度開いてください。',
      network: '接続に失敗しました。インターネット接続を確認して、もう一度お試しください。',
      serverError: 'サーバーで問題が発生しました（{status}）。しばらくしてからもう一度お試しください。',
      retry: '再試行',
      theOrganizer: '採用担当者',
      options: '候補 {count} 件、うち {available} 件が選択可能です。',
      when: '日時', with: '面接官', where: '場所', videoCall: 'ビデオ通話', joinLink: 'ビデオ通話に参加',
      passcode: 'パスコード: {code}', preparing: '日時を予約しました。招待状とビデオ通話のリンクを準備しています…',
      addToCalendar: 'カレンダーに追加', downloadIcs: 'ダウンロード (.ics)', googleCalendar: 'Google カレンダー',
      outlookCalendar: 'Outlook', interviewCancelled: 'この面接はキャンセルされました。ご不明な点は {organizer} にお問い合わせください。',
    },
    nl: {
      title: 'Kies een tijd voor je sollicitatiegesprek',
      loading: 'De voorgestelde tijden worden geladen…',
      summary: '{title} met {organizer} · {minutes} minuten',
      summaryNoOrganizer: '{title} · {minutes} minuten',
      greeting: 'Hallo {name},',
      zone: 'De tijden staan in jouw tijdzone: {zone}.',
      legend: 'Voorgestelde tijden',
      confirm: 'Deze tijd bevestigen',
      confirming: 'Bezig met bevestigen…',
      chooseFirst: 'Kies eerst een van de tijden.',
      gone: 'niet meer beschikbaar',
      nowGone: 'Sorry, die tijd is niet meer beschikbaar. De lijst hieronder is bijgewerkt; kies een andere tijd.',
      noneLeft: 'Geen van de voorgestelde tijden is nog beschikbaar. Neem contact op met {organizer} voor nieuwe tijden.',
      confirmedHeading: 'Je sollicitatiegesprek is bevestigd',
      confirmedNote: 'Er is een uitnodiging met alle details onderweg naar je e-mailadres.',
      alreadyHeading: 'Er is al een tijd gekozen',
      expired: 'Deze uitnodiging is verlopen. Neem contact op met {organizer} voor nieuwe tijden.',
      cancelled: 'Deze uitnodiging is ingetrokken. Neem bij vragen contact op met {organizer}.',
      invalidLink: 'Deze link is niet geldig. Open de link uit je uitnodigingsmail opnieuw.',
      network: 'De verbinding is mislukt. Controleer je internetverbinding en probeer het opnieuw.',
      serverError: 'Er ging bij ons iets mis ({status}). Probeer het zo meteen opnieuw.',
      retry: 'Opnieuw proberen',
      theOrganizer: 'de recruiter',
      options: '{count} tijden voorgesteld, {available} nog beschikbaar.',
      when: 'Wanneer', with: 'Met', where: 'Waar', videoCall: 'Videogesprek', joinLink: 'Deelnemen aan het videogesprek',
      passcode: 'Toegangscode: {code}', preparing: 'Je tijd is geboekt. De uitnodiging en de videolink worden klaargezet…',
      addToCalendar: 'Aan je agenda toevoegen', downloadIcs: 'Downloaden (.ics)', googleCalendar: 'Google Agenda',
      outlookCalendar: 'Outlook', interviewCancelled: 'Dit gesprek is geannuleerd. Neem bij vragen contact op met {organizer}.',
    },
  };

  const $ = (id) => document.getElementById(id);
  const els = {
    main: $('main'), heading: $('heading'), summary: $('summary'), zone: $('zone'), status: $('status'),
    form: $('pick-form'), legend: $('legend'), options: $('options'), confirm: $('confirm'), done: $('done'),
    doneHeading: $('done-heading'), doneTime: $('done-time'), doneNote: $('done-note'), retry: $('retry'),
    details: $('done-details'), calendar: $('done-calendar'), calendarLabel: $('calendar-label'), addIcs: $('add-ics'),
    addGoogle: $('add-google'), addOutlook: $('add-outlook'),
  };

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
  function formatter(options) {
    try {
      return new Intl.DateTimeFormat(state.locale, Object.assign({ timeZone: state.timeZone }, options));
    } catch (error) {  // an unknown zone or locale: the browser's own
      return new Intl.DateTimeFormat(undefined, options);
    }
  }
  const dayText = (date) => formatter({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(date);
  const timeText = (date) => formatter({ timeStyle: 'short' }).format(date);
  function rangeText(start, end) {
    return timeText(start) + '\u2009–\u2009' + timeText(end);
  }
  function zoneText() {
    let name = '';
    try {
      const part = formatter({ timeZoneName: 'long' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
      name = part ? part.value : '';
    } catch (error) { name = ''; }
    const city = state.timeZone.split('/').pop().replace(/_/g, ' ');
    return name ? `${name} (${city})` : city;
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
      ? t('summary', { title: proposal.title || '', organizer: proposal.organizer_name, minutes: proposal.duration_minutes || '' })
      : t('summaryNoOrganizer', { title: proposal.title || '', minutes: proposal.duration_minutes || '' });
    els.summary.textContent = (candidate.name ? t('greeting', { name: candidate.name }) + ' ' : '') + summary;
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
      const hidden = document.createElement('span');  // the day, for screen readers reading one option alone
      hidden.className = 'visually-hidden';
      hidden.textContent = day + ', ';
      label.append(input, hidden, time);
      if (!option.available) {
        const note = document.createElement('span');
        note.className = 'note';
        note.textContent = '(' + t('gone') + ')';
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
    els.form.hidden = true;
    els.done.hidden = false;
    setStatus('', '');
    els.doneHeading.textContent = t(headingKey);
    if (picked && picked.start) {
      const start = new Date(picked.start), end = new Date(picked.end || picked.start);
      els.doneTime.replaceChildren();
      const time = document.createElement('time');
      time.dateTime = picked.start;
      time.textContent = dayText(start) + ', ' + rangeText(start, end);
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
    if (interview.status === 'cancelled' || interview.status === 'failed') {
      els.doneHeading.textContent = t('interviewCancelled', { organizer: organizerName() });
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
    row(t('when'), dayText(start) + ', ' + rangeText(start, end) + ' \u00b7 ' + zoneText());
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
  }

  function refreshInterview() {
    api('GET', '/v1/candidate/proposal').then((reply) => {
      if (reply.status === 200 && reply.json && reply.json.interview) renderInterview(reply.json.interview);
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
    els.form.hidden = true;
    els.done.hidden = true;
    setStatus(text, 'error');
  }

  function finishLoading() { els.main.setAttribute('aria-busy', 'false'); }

  // ---------------------------------------------------------------------------------------------------------------
  // Flow
  function load() {
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
      els.heading.focus();
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
      default: showOpen(proposal.options || []);
    }
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
    pick(chosen.value);
  });
  els.retry.addEventListener('click', () => { if (state.retryAction) state.retryAction(); });
  els.addIcs.addEventListener('click', downloadIcs);
  els.status.tabIndex = -1;

  document.documentElement.lang = state.language;
  els.heading.textContent = t('title');
  load();
}());
