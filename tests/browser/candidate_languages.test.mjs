// The candidate page (web/candidate/) in the languages added to en/de/ja/nl, in headless Chromium against
// `slotwise serve --demo`. The browser itself is English in Berlin; the language and zone come from the proposal's
// candidate (locale, time_zone). A French candidate in Paris (on a phone-sized screen) and a Korean one in Seoul each
// see the heading, dates, times, the duration and the zone in their language (expected values computed here with
// Intl or written out, not read from the page), pick a time with the mouse and get the confirmation in their language;
// the Korean one opens "none of these times work" first. Spanish, Italian, Portuguese and Chinese candidates see the
// options in their language. axe finds nothing on any of them, and no English text of the page is left.
// Screenshots: test-artifacts/candidate-<fr|ko>-<options|confirmed>.png, candidate-ko-own-times.png,
// candidate-<es|it|pt|zh>-options.png — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { clickWithMouse, launchBrowser } from '../lib/browser.mjs';
import { call, freeSlots, proposalBody } from '../lib/proposals.mjs';

const strings = createRequire(import.meta.url)('../../web/candidate/strings.js');
fs.mkdirSync(ARTIFACTS, { recursive: true });

function watchConsole(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}

// The parts of `iso` in `zone`, from en-US numbers (not the page's formatter): 24-hour hour, minute, day, month.
function wall(iso, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', hour: '2-digit',
    minute: '2-digit', day: 'numeric', month: 'numeric' }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return { hour: Number(parts.hour), minute: parts.minute, day: Number(parts.day), month: Number(parts.month) };
}
const weekday = (iso, zone, locale) => new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'long' }).format(new Date(iso));
const monthName = (iso, zone, locale) => new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'long' }).format(new Date(iso));

// English texts of the page (their literal parts of eight characters or more) found in `text`: none may be left in
// another language's page. Product names and pure templates are the same everywhere.
function englishLeft(text) {
  const same = new Set(['googleCalendar', 'outlookCalendar', 'zoneWithCity', 'summaryNoOrganizer']);
  const found = [];
  for (const [id, english] of Object.entries(strings.en)) {
    if (same.has(id)) continue;
    for (const piece of english.split(/\{\w+\}/).map((s) => s.trim()).filter((s) => s.length >= 8)) {
      if (text.includes(piece)) found.push(`${id}: "${piece}"`);
    }
  }
  return found;
}

// Elements whose text is cut off (wider or taller than their box with overflow hidden, or beyond the card).
async function clipped(page) {
  return page.evaluate(() => {
    const card = document.getElementById('main').getBoundingClientRect();
    const out = [];
    for (const el of document.querySelectorAll('#main *')) {
      if (el.closest('[hidden]') || el.classList.contains('visually-hidden') || el.closest('.visually-hidden')) continue;
      const box = el.getBoundingClientRect();
      if (!box.width && !box.height) continue;
      const style = getComputedStyle(el);
      const hides = /hidden|clip/.test(style.overflowX + style.overflowY) || el.tagName === 'BUTTON';
      if (hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) out.push(`${el.tagName}#${el.id}.${el.className}: overflows`);
      if (box.right > card.right + 1 || box.left < card.left - 1) out.push(`${el.tagName}#${el.id}.${el.className}: beyond the card`);
    }
    return out;
  });
}

async function propose(origin, key, candidate, options) {
  const created = await call(origin, 'POST', '/v1/proposals', { key, body: proposalBody(candidate, options), idempotencyKey: crypto.randomUUID() });
  assert.equal(created.status, 201, created.text);
  return created.json;
}

test('candidate page in French and Korean: text, dates, times, duration and zone in the candidate\'s language; a pick with the mouse', { timeout: 240000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const key = (await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1];
  // More than two days ahead, so that the default policy (changes until 24 hours before) shows "until when".
  const slots = (await freeSlots(origin, key)).filter((slot) => Date.parse(slot.start) > Date.now() + 2 * 86400000);
  assert.ok(slots.length >= 13, `free hours two days ahead: ${slots.length}`);
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const cases = [
    { language: 'fr', zone: 'Europe/Paris', options: [slots[0], slots[3], slots[6]], viewport: { width: 390, height: 844 },
      candidate: { id: 'cand-fr-1', name: 'Camille Durand', email: 'camille.durand@candidates.example' },
      heading: 'Choisissez l’horaire de votre entretien', duration: '60 minutes', zoneWords: /fuseau horaire\u00a0: .*Paris/,
      time: (w) => `${String(w.hour).padStart(2, '0')}:${w.minute}`, confirm: 'Confirmer cet horaire',
      confirmed: 'Votre entretien est confirmé', details: /Quand.*Avec.*Jonas Becker.*Où.*Appel vidéo/s,
      until: /^Vous pouvez déplacer ou annuler cet entretien jusqu’au .+ à \d\d:\d\d\.$/ },
    { language: 'ko', zone: 'Asia/Seoul', options: [slots[8], slots[10], slots[12]], viewport: { width: 640, height: 900 },
      candidate: { id: 'cand-ko-1', name: '김민준', email: 'minjun.kim@candidates.example' },
      heading: '면접 시간을 선택해 주십시오', duration: '60분', zoneWords: /시간대 기준으로 표시됩니다: [^ ]+ 표준시 \(Seoul\)\.$/,
      time: (w) => `${w.hour < 12 ? '오전' : '오후'} ${w.hour % 12 || 12}:${w.minute}`, confirm: '이 시간으로 확정',
      confirmed: '면접이 확정되었습니다', details: /일시.*참석자.*Jonas Becker.*장소.*화상 통화/s,
      until: /^\d{4}년 \d{1,2}월 \d{1,2}일 .요일 (오전|오후) \d{1,2}:\d\d까지 이 면접의 시간을 변경하거나 면접을 취소할 수 있습니다\.$/ },
  ];
  for (const c of cases) {
    const created = await propose(origin, key, { ...c.candidate, time_zone: c.zone, locale: c.language }, c.options);
    const page = await (await browser.newContext({ viewport: c.viewport, locale: 'en-US', timezoneId: 'Europe/Berlin' })).newPage();
    const problems = watchConsole(page);
    await page.goto(created.candidate_url);
    await page.waitForSelector('#options input[type=radio]');

    // The language, the heading, the duration and the zone.
    assert.equal(await page.evaluate(() => document.documentElement.lang), c.language, `${c.language}: <html lang>`);
    assert.equal(await page.textContent('h1'), c.heading);
    assert.equal(await page.title(), c.heading);
    assert.ok((await page.textContent('#summary')).includes(c.duration), `${c.language}: the duration in ${await page.textContent('#summary')}`);
    assert.match(await page.textContent('#zone'), c.zoneWords);
    assert.equal(await page.textContent('#confirm'), c.confirm);
    // Every option's day in the candidate's language and zone (the browser is in Berlin), and its start time.
    const days = await page.$$eval('#options .day', (nodes) => nodes.map((n) => n.textContent));
    const labels = await page.$$eval('#options label', (nodes) => nodes.map((n) => n.querySelector('time').textContent));
    c.options.forEach((option, i) => {
      const w = wall(option.start, c.zone);
      const name = weekday(option.start, c.zone, c.language);
      const date = c.language === 'ko' ? `${w.month}월 ${w.day}일` : `${w.day} ${monthName(option.start, c.zone, c.language)}`;
      assert.ok(days.some((d) => d.includes(name) && d.includes(date)), `${c.language}: the day of option ${i} (${name}, ${date}) in ${days}`);
      // (A time that ends after midnight in the zone has both dates in it, as Intl's formatRange writes it.)
      assert.ok(labels[i].includes(c.time(w)), `${c.language}: option ${i} starts at ${c.time(w)}: ${labels[i]}`);
    });
    // A screen reader hears the day with the time of each option (the visible time alone is hidden from it).
    const name0 = await page.getByRole('radio').first().evaluate((input) => input.labels[0].innerText);
    assert.ok(name0.includes(weekday(c.options[0].start, c.zone, c.language)), `${c.language}: the option's name: ${name0}`);
    assert.deepEqual(englishLeft(await page.innerText('body')), [], `${c.language}: English left on the options page`);
    assert.deepEqual(await clipped(page), [], `${c.language}: clipped on the options page`);
    await page.screenshot({ path: path.join(ARTIFACTS, `candidate-${c.language}-options.png`), fullPage: true });
    assert.deepEqual(await axeViolations(page), [], `axe: the ${c.language} options page`);

    if (c.language === 'ko') {
      // "None of these times work": the form's labels and a row's message in Korean, then back.
      await clickWithMouse(page, page.locator('#none-work'));
      await page.waitForSelector('#offer-form:not([hidden])');
      assert.equal(await page.textContent('#offer-heading'), '언제 가능하십니까?');
      assert.match(await page.textContent('#offer-intro'), /^면접\(60분\)이 가능한 시간을 Lena Fischer에게 알려 주십시오\./);
      await page.fill('.offer-row input[name=to]', '09:30');
      await clickWithMouse(page, page.locator('#offer-send'));
      await page.waitForSelector('.offer-row .row-error:not([hidden])');
      assert.equal(await page.textContent('.offer-row .row-error'), '이 시간은 면접 시간(60분)보다 짧습니다.');
      assert.equal(await page.textContent('#status'), '표시된 시간을 수정해 주십시오.');
      assert.deepEqual(englishLeft(await page.innerText('body')), [], 'ko: English left on the own-times form');
      assert.deepEqual(await clipped(page), [], 'ko: clipped on the own-times form');
      await page.screenshot({ path: path.join(ARTIFACTS, 'candidate-ko-own-times.png'), fullPage: true });
      assert.deepEqual(await axeViolations(page), [], 'axe: the Korean own-times form');
      await clickWithMouse(page, page.locator('#offer-cancel'));
      await page.waitForSelector('#offer-form', { state: 'hidden' });
    }

    // The second time, with the mouse: its row, then the button.
    await clickWithMouse(page, page.locator('#options label').nth(1));
    assert.equal(await page.isChecked('#option-1'), true, `${c.language}: the clicked time is chosen`);
    await clickWithMouse(page, page.locator('#confirm'));
    await page.waitForSelector('#done:not([hidden])', { timeout: 30000 });
    assert.equal(await page.textContent('#done-heading'), c.confirmed);
    await page.waitForSelector('#done-calendar:not([hidden])', { timeout: 30000 });
    const details = await page.textContent('#done-details');
    assert.match(details, c.details);
    const picked = wall(c.options[1].start, c.zone);
    assert.ok(details.includes(weekday(c.options[1].start, c.zone, c.language)) && details.includes(c.time(picked)),
              `${c.language}: the picked day and time in ${details}`);
    await page.waitForSelector('#changes:not([hidden])');
    assert.match(await page.textContent('#changes-note'), c.until);
    assert.deepEqual(englishLeft(await page.innerText('body')), [], `${c.language}: English left on the confirmation`);
    assert.deepEqual(await clipped(page), [], `${c.language}: clipped on the confirmation`);
    await page.screenshot({ path: path.join(ARTIFACTS, `candidate-${c.language}-confirmed.png`), fullPage: true });
    assert.deepEqual(await axeViolations(page), [], `axe: the ${c.language} confirmation`);
    assert.deepEqual(problems, []);
    // The server booked the time that was clicked.
    const view = await call(origin, 'GET', `/v1/proposals/${created.proposal_id}`, { key });
    assert.equal(view.json.status, 'picked', view.text);
    const interview = await call(origin, 'GET', `/v1/interviews/${view.json.interview_id}`, { key });
    assert.equal(Date.parse(interview.json.start), Date.parse(c.options[1].start), interview.text);
    await page.context().close();
  }

  // Spanish, Italian, Portuguese and Chinese: the options page (heading, <html lang>, each day, the duration).
  const others = [
    { language: 'es', zone: 'America/Mexico_City', heading: 'Elija un horario para su entrevista', duration: '60 minutos', name: 'Lucía García' },
    { language: 'it', zone: 'Europe/Rome', heading: 'Scelga un orario per il suo colloquio', duration: '60 minuti', name: 'Giulia Rossi' },
    { language: 'pt', zone: 'America/Sao_Paulo', heading: 'Escolha um horário para a sua entrevista', duration: '60 minutos', name: 'Ana Souza' },
    { language: 'zh', zone: 'Asia/Shanghai', heading: '请选择您的面试时间', duration: '60分钟', name: '王芳' },
  ];
  for (const [n, c] of others.entries()) {
    const options = [slots[n], slots[n + 4]];
    const created = await propose(origin, key, { id: `cand-${c.language}-1`, name: c.name, email: `${c.language}@candidates.example`,
                                                 time_zone: c.zone, locale: c.language }, options);
    const page = await (await browser.newContext({ viewport: { width: 480, height: 800 }, locale: 'en-US', timezoneId: 'Europe/Berlin' })).newPage();
    const problems = watchConsole(page);
    await page.goto(created.candidate_url);
    await page.waitForSelector('#options input[type=radio]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), c.language);
    assert.equal(await page.textContent('h1'), c.heading);
    assert.ok((await page.textContent('#summary')).includes(c.duration), `${c.language}: ${await page.textContent('#summary')}`);
    const days = await page.$$eval('#options .day', (nodes) => nodes.map((node) => node.textContent));
    for (const option of options) {
      const w = wall(option.start, c.zone);
      const date = c.language === 'zh' ? `${w.month}月${w.day}日` : String(w.day);
      assert.ok(days.some((d) => d.includes(weekday(option.start, c.zone, c.language)) && d.includes(date)), `${c.language}: ${days}`);
    }
    assert.deepEqual(englishLeft(await page.innerText('body')), [], `${c.language}: English left`);
    assert.deepEqual(await clipped(page), [], `${c.language}: clipped`);
    await page.screenshot({ path: path.join(ARTIFACTS, `candidate-${c.language}-options.png`), fullPage: true });
    assert.deepEqual(await axeViolations(page), [], `axe: the ${c.language} options page`);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('candidate page: without a candidate locale the browser\'s language is used, by its primary subtag (zh-TW → zh for now)', { timeout: 60000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  for (const [locale, language, text] of [['fr-CA', 'fr', 'n’est pas valide'], ['ko-KR', 'ko', '유효하지 않은 링크'],
                                           ['zh-TW', 'zh', '此链接无效'], ['pt-BR', 'pt', 'não é válido'], ['sv-SE', 'en', 'not valid']]) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto(new URL('/candidate/', server.url).href);
    await page.waitForFunction((want) => document.getElementById('status').textContent.includes(want), text);
    assert.equal(await page.evaluate(() => document.documentElement.lang), language, locale);
    await context.close();
  }
});
