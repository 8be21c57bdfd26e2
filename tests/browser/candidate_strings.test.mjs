// The candidate page's texts (web/candidate/strings.js), without a browser: every language has exactly the English
// ids, each with the same {placeholders}; no text is empty or left in English where it should be translated; every id
// the page uses exists and every id exists for a reason; index.html loads the tables before the page's script.
// Plain node (no server, no build): it lives here because scripts/test runs tests/browser/*.test.mjs with node --test.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ROOT } from '../lib/paths.mjs';

const kDir = path.join(ROOT, 'web', 'candidate');
const strings = createRequire(import.meta.url)(path.join(kDir, 'strings.js'));
const kLanguages = ['en', 'de', 'ja', 'nl', 'fr', 'es', 'it', 'pt', 'zh', 'ko'];
// Texts that may read the same as the English one: product names, and templates made only of placeholders.
const kSameAsEnglish = new Set(['googleCalendar', 'outlookCalendar', 'zoneWithCity', 'summaryNoOrganizer']);

const placeholders = (text) => [...new Set(Array.from(text.matchAll(/\{(\w+)\}/g), (m) => m[1]))].sort();

test('candidate strings: the ten languages, each with exactly the English ids and the same placeholders', () => {
  assert.deepEqual(Object.keys(strings).sort(), [...kLanguages].sort(), 'the languages');
  const english = Object.keys(strings.en).sort();
  assert.ok(english.length > 50, `English ids: ${english.length}`);
  const problems = [];
  for (const language of kLanguages) {
    const table = strings[language];
    const ids = Object.keys(table);
    const missing = english.filter((id) => !Object.hasOwn(table, id));
    const extra = ids.filter((id) => !Object.hasOwn(strings.en, id));
    if (missing.length) problems.push(`${language}: missing ${missing.join(', ')}`);
    if (extra.length) problems.push(`${language}: not in English ${extra.join(', ')}`);
    for (const id of english.filter((id) => Object.hasOwn(table, id))) {
      const text = table[id];
      if (typeof text !== 'string' || !text.trim()) {
        problems.push(`${language}.${id}: empty`);
        continue;
      }
      const want = placeholders(strings.en[id]), have = placeholders(text);
      if (want.join() !== have.join()) problems.push(`${language}.${id}: placeholders {${have.join('}, {')}} instead of {${want.join('}, {')}}`);
      if (/\{\s|\s\}|\{\{|\}\}/.test(text)) problems.push(`${language}.${id}: a malformed placeholder in "${text}"`);
      if (language !== 'en' && text === strings.en[id] && !kSameAsEnglish.has(id)) problems.push(`${language}.${id}: still English`);
    }
  }
  assert.deepEqual(problems, []);
});

test('candidate strings: the page uses only ids that exist, and every id is used', () => {
  const source = fs.readFileSync(path.join(kDir, 'candidate.js'), 'utf8');
  // t('id' …), and the ids passed on as arguments (showDone('alreadyHeading', …), field('offerDay', …), kRowErrors).
  const quoted = new Set(Array.from(source.matchAll(/'([a-zA-Z]+)'/g), (m) => m[1]));
  const called = Array.from(source.matchAll(/\bt\('(\w+)'/g), (m) => m[1]);
  const unknown = called.filter((id) => !Object.hasOwn(strings.en, id));
  assert.deepEqual([...new Set(unknown)], [], 'ids the page asks for that the tables lack');
  const unused = Object.keys(strings.en).filter((id) => !quoted.has(id));
  assert.deepEqual(unused, [], 'ids no code names');
});

test('candidate strings: index.html loads strings.js before candidate.js', () => {
  const html = fs.readFileSync(path.join(kDir, 'index.html'), 'utf8');
  const scripts = Array.from(html.matchAll(/<script src="([^"]+)"><\/script>/g), (m) => m[1]);
  assert.ok(scripts.includes('strings.js'), `scripts: ${scripts}`);
  assert.ok(scripts.indexOf('strings.js') < scripts.indexOf('candidate.js'), `order: ${scripts}`);
  assert.equal(html.match(/<html lang="(\w+)">/)[1], 'en', 'the page says English until a language is chosen');
});
