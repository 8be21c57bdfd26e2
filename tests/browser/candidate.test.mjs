// The candidate page (web/candidate/) in headless Chromium against `slotwise serve --demo`: a recruiter proposes
// times through the API (POST /v1/proposals, the demo API key) for a German-speaking candidate in New York; the page
// shows German text and New York times (expected values computed here with Intl, not read from the page), the pick is
// confirmed by the server (the interview ends confirmed, its candidate invitation exists), a second browser sees the
// proposal as picked, and a time booked by someone else first is refused with the refreshed options.
// Screenshots land in test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { call, freeSlots, kInterviewer, kOrganizer, proposalBody } from '../lib/proposals.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

const kZone = 'America/New_York';

function watchConsole(page) {
  const problems = [];
  page.on('console', (message) => {
    // The race test's pick is answered 409 on purpose; the browser logs every non-2xx fetch as an error.
    if (message.type() === 'error' && !/status of 409/.test(message.text())) problems.push(message.text());
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}

// The wall-clock time of `iso` in New York as German text would show it, computed from the parts (not the page's
// formatter): hour without leading zero (the page may pad it), two-digit minutes, and the German weekday.
function expectedLocal(iso) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: kZone, hourCycle: 'h23', hour: '2-digit',
    minute: '2-digit', weekday: 'long', day: 'numeric' }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const weekday = new Intl.DateTimeFormat('de-DE', { timeZone: kZone, weekday: 'long' }).format(new Date(iso));
  return { hour: String(Number(parts.hour)), minute: parts.minute, day: parts.day, weekday };
}

async function waitForInterview(origin, key, id) {
  for (let i = 0; i < 100; ++i) {
    const reply = await call(origin, 'GET', `/v1/interviews/${id}`, { key });
    assert.equal(reply.status, 200, reply.text);
    if (reply.json.status !== 'pending') return reply.json;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`interview ${id} still pending`);
}

test('candidate page: German, New York times, pick, confirmation, second browser, and a lost race', { timeout: 180000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const key = (await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1];
  const slots = await freeSlots(origin, key);
  // Three times on different days where possible: every fourth free hour.
  const options = [slots[0], slots[4], slots[8]];
  const candidate = { id: 'cand-de-1', name: 'Jana Müller', email: 'jana.mueller@candidates.example', time_zone: kZone, locale: 'de' };

  const created = await call(origin, 'POST', '/v1/proposals', { key, body: proposalBody(candidate, options), idempotencyKey: crypto.randomUUID() });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.status, 'open');
  assert.equal(created.json.options.length, 3);
  const url = new URL(created.json.candidate_url);
  assert.equal(url.origin, origin);
  assert.equal(url.pathname, '/candidate/');
  assert.match(url.hash, /^#p=[A-Za-z0-9_-]{20,}$/, 'the capability is in the fragment only');
  assert.equal(url.search, '?tenant=kumo', 'only the tenant (for its frame-ancestors) is in the query');

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 420, height: 860 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const problems = watchConsole(page);
  const requests = [];
  page.on('request', (request) => requests.push({ url: request.url(), authorization: request.headers().authorization || '' }));
  await page.goto(url.href);
  await page.waitForSelector('#options input[type=radio]');

  // German everywhere, the candidate's zone, the organiser's title.
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.match(await page.textContent('h1'), /Wählen Sie einen Termin/);
  assert.match(await page.textContent('#zone'), /Zeitzone/);
  assert.match(await page.textContent('#zone'), /New York/);
  assert.match(await page.textContent('#confirm'), /Diesen Termin bestätigen/);
  // Each option shows its New York wall time and the German weekday of that day; the browser itself is in Berlin.
  const labels = await page.$$eval('#options label', (nodes) => nodes.map((n) => n.textContent));
  const days = await page.$$eval('#options .day', (nodes) => nodes.map((n) => n.textContent));
  assert.equal(labels.length, 3);
  options.forEach((option, i) => {
    const local = expectedLocal(option.start);
    const end = expectedLocal(option.end);
    assert.match(labels[i], new RegExp(`(^|\\D)0?${local.hour}:${local.minute}\\D+0?${end.hour}:${end.minute}`), `option ${i}: ${labels[i]}`);
    assert.ok(days.some((d) => d.includes(local.weekday) && new RegExp(`(^|\\D)${local.day}\\.`).test(d)), `day of option ${i}: ${days}`);
  });
  // The capability never appears in a URL that was requested; API calls carry it as the header only.
  const capability = url.hash.slice(3);
  for (const r of requests) assert.ok(!r.url.includes(capability), `capability in a URL: ${r.url}`);
  const apiCalls = requests.filter((r) => new URL(r.url).pathname.startsWith('/v1/'));
  assert.ok(apiCalls.length >= 1);
  for (const r of apiCalls) assert.match(r.authorization, /^Bearer swp_/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'candidate-de-options.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'axe: the options page');

  // Pick the second option (keyboard: focus the radio, Space, then the button).
  await page.focus('#option-1');
  await page.keyboard.press('Space');
  await page.click('#confirm');
  await page.waitForSelector('#done:not([hidden])', { timeout: 30000 });
  assert.match(await page.textContent('#done-heading'), /Ihr Interview ist bestätigt/);
  const picked = expectedLocal(options[1].start);
  assert.match(await page.textContent('#done-time'), new RegExp(`${picked.weekday}.*0?${picked.hour}:${picked.minute}`));
  // When, with whom, where: the video link once the booking is carried out, and "add to your calendar".
  await page.waitForSelector('#done-calendar:not([hidden])', { timeout: 30000 });
  const details = await page.textContent('#done-details');
  assert.match(details, /Wann.*Mit.*Jonas Becker.*Lena Fischer.*Wo.*Videoanruf/s);
  const join = await page.getAttribute('#done-details a', 'href');
  assert.match(join, /^https:\/\/meet\.google\.com\//, 'the join link');
  const google = new URL(await page.getAttribute('#add-google', 'href'));
  assert.equal(google.hostname, 'calendar.google.com');
  const utc = (iso) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  assert.equal(google.searchParams.get('dates'), `${utc(options[1].start)}/${utc(options[1].end)}`);
  assert.equal(google.searchParams.get('location'), join);
  assert.match(await page.getAttribute('#add-outlook', 'href'), /^https:\/\/outlook\.office\.com\/calendar\//);
  // The .ics comes with the capability in a header and is saved from the page, with the mouse.
  const box = await page.locator('#add-ics').boundingBox();
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)]);
  assert.equal(download.suggestedFilename(), 'interview.ics');
  const file = fs.readFileSync(await download.path(), 'utf8');
  assert.match(file, /^BEGIN:VCALENDAR[\s\S]*DTSTART;TZID=America\/New_York:/);
  assert.ok(file.includes(join), 'the calendar file carries the join link');
  await page.screenshot({ path: path.join(ARTIFACTS, 'candidate-de-confirmed.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'axe: the confirmation');
  assert.deepEqual(problems, []);

  // Through the API: the proposal is picked, its interview confirmed at that time, the candidate invitation exists.
  const view = await call(origin, 'GET', `/v1/proposals/${created.json.proposal_id}`, { key });
  assert.equal(view.status, 200, view.text);
  assert.equal(view.json.status, 'picked');
  assert.ok(view.json.interview_id);
  const interview = await waitForInterview(origin, key, view.json.interview_id);
  assert.equal(interview.status, 'confirmed', JSON.stringify(interview));
  assert.equal(Date.parse(interview.start), Date.parse(options[1].start));
  const ics = await call(origin, 'GET', `/v1/interviews/${view.json.interview_id}/candidate.ics`, { key });
  assert.equal(ics.status, 200);
  assert.match(ics.text, /BEGIN:VCALENDAR[\s\S]*METHOD:REQUEST/);

  // A second browser (another device of the candidate) sees the proposal as picked, with the picked time.
  const other = await browser.newContext({ viewport: { width: 1024, height: 700 }, locale: 'ja-JP' });
  const second = await other.newPage();
  const secondProblems = watchConsole(second);
  await second.goto(url.href);
  await second.waitForSelector('#done:not([hidden])');
  assert.match(await second.textContent('#done-heading'), /Es wurde bereits ein Termin gewählt/);
  assert.match(await second.textContent('#done-time'), new RegExp(`0?${picked.hour}:${picked.minute}`));
  assert.equal(await second.isHidden('#pick-form'), true);
  await second.screenshot({ path: path.join(ARTIFACTS, 'candidate-second-browser.png'), fullPage: true });
  assert.deepEqual(secondProblems, []);
  await other.close();

  // The race: a second proposal for another candidate; the page is open while someone books its first time for the
  // same interviewer through the API; the pick is then refused and the page shows the refreshed options.
  const raceOptions = [slots[2], slots[6], slots[10]];
  const racer = { id: 'cand-de-2', name: 'Lukas Weber', email: 'lukas.weber@candidates.example', time_zone: kZone, locale: 'de' };
  // (Not held: a held time would refuse that booking — the race is with a time nobody holds.)
  const race = await call(origin, 'POST', '/v1/proposals', { key, body: { ...proposalBody(racer, raceOptions), hold_times: false },
                                                              idempotencyKey: crypto.randomUUID() });
  assert.equal(race.status, 201, race.text);
  const racePage = await context.newPage();
  const raceProblems = watchConsole(racePage);
  await racePage.goto(race.json.candidate_url);
  await racePage.waitForSelector('#option-0:not([disabled])');
  const booked = await call(origin, 'POST', '/v1/interviews', { key, idempotencyKey: crypto.randomUUID(), body: {
    title: 'Interview: someone else', organizer: kOrganizer, start: raceOptions[0].start, end: raceOptions[0].end,
    interviewers: [{ sub: kInterviewer }], conferencing: { provider: 'google_meet' },
    candidate: { id: 'cand-other', name: 'Other Person', email: 'other@candidates.example', time_zone: 'Europe/Berlin', locale: 'en' },
    query: { start_interval: { minutes: 60 }, time_zone: 'Europe/Berlin' } } });
  assert.equal(booked.status, 201, booked.text);
  await racePage.check('#option-0');
  await racePage.click('#confirm');
  await racePage.waitForFunction(() => /nicht mehr verfügbar/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  assert.equal(await racePage.isDisabled('#option-0'), true, 'the taken time is shown as unavailable');
  assert.equal(await racePage.isDisabled('#option-1'), false, 'the other times can still be picked');
  assert.match(await racePage.textContent('#options label:first-of-type'), /nicht mehr verfügbar/);
  await racePage.screenshot({ path: path.join(ARTIFACTS, 'candidate-race.png'), fullPage: true });
  const raceView = await call(origin, 'GET', `/v1/proposals/${race.json.proposal_id}`, { key });
  assert.equal(raceView.json.status, 'open', 'a lost race leaves the proposal open');
  assert.deepEqual(raceProblems, []);
});

test('candidate page: a missing or unknown capability says the link is not valid, in the browser\'s language', { timeout: 60000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ locale: 'nl-NL' });
  const page = await context.newPage();
  await page.goto(new URL('/candidate/#p=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', server.url).href);
  await page.waitForFunction(() => /niet geldig/.test(document.getElementById('status').textContent));
  assert.equal(await page.isHidden('#pick-form'), true);
  await page.goto(new URL('/candidate/', server.url).href);
  await page.waitForFunction(() => /niet geldig/.test(document.getElementById('status').textContent));
});
