// Fidelity: the Teams app package scripts/teams-app-package builds (docs/TEAMS_APP.md) judged by Microsoft's own
// `@microsoft/teams-manifest` (ManifestUtil): it loads the manifest, reads its capabilities (a bot), and validates it
// against the published Teams manifest schema v1.17 — the copy Microsoft ships in the npm package
// `@microsoft/app-manifest` (build/json-schemas/teams/v1.17), so no network is needed. The icons are checked as Teams
// requires them: PNG, color 192×192, outline 32×32 white on transparent.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { ManifestUtil } from '@microsoft/teams-manifest';
import { ROOT } from '../lib/paths.mjs';

const require = createRequire(import.meta.url);
const SCRIPT = path.join(ROOT, 'scripts', 'teams-app-package');
const BOT_ID = '5A0D7E1C-0000-4000-8000-5107317EB071';
const ENDPOINT = 'https://slotwise.example.com/v1/teams/bot/messages';

let dir;
before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-teams-app-')); });
after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

function build(args, out = path.join(dir, 'teams-app.zip')) {
  return spawnSync('python3', [SCRIPT, ...args, '--out', out], { encoding: 'utf8' });
}

// The package's files, unpacked with Python's zipfile (the script's own dependency).
function unpack(zip, into) {
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, into]);
  return fs.readdirSync(into).sort();
}

// {width, height, colorType, pixels (RGBA rows)} of a non-interlaced 8-bit PNG with filter 0 on every row.
function readPng(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  let offset = 8;
  let header;
  const idat = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], colorType: data[9] };
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = header.width * 4 + 1;
  assert.equal(raw.length, stride * header.height);
  const pixels = [];
  for (let y = 0; y < header.height; ++y) {
    assert.equal(raw[y * stride], 0, 'filter 0');
    for (let x = 0; x < header.width; ++x) pixels.push([...raw.subarray(y * stride + 1 + x * 4, y * stride + 5 + x * 4)]);
  }
  return { ...header, pixels };
}

describe('Teams app package', () => {
  it('holds manifest.json and two icons; @microsoft/teams-manifest reads a bot app with the given bot id', async () => {
    const built = build(['--bot-id', BOT_ID, '--endpoint', ENDPOINT]);
    assert.equal(built.status, 0, built.stderr);
    const files = unpack(path.join(dir, 'teams-app.zip'), path.join(dir, 'unpacked'));
    assert.deepEqual(files, ['color.png', 'manifest.json', 'outline.png']);

    const manifest = await ManifestUtil.loadFromPath(path.join(dir, 'unpacked', 'manifest.json'));
    const common = ManifestUtil.parseCommonProperties(manifest);
    assert.ok(common.capabilities.includes('Bot'), JSON.stringify(common));
    assert.equal(common.manifestVersion, '1.17');
    assert.equal(manifest.bots[0].botId, BOT_ID.toLowerCase());
    assert.deepEqual(manifest.bots[0].scopes, ['personal']);
    assert.deepEqual(manifest.validDomains, ['slotwise.example.com']);
    assert.equal(manifest.icons.color, 'color.png');
    assert.equal(manifest.icons.outline, 'outline.png');
    assert.ok(manifest.name.short.length <= 30 && manifest.description.short.length <= 80);
    assert.match(manifest.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The same bot always gets the same app id (an update, not a second app).
    build(['--bot-id', BOT_ID, '--endpoint', ENDPOINT], path.join(dir, 'again.zip'));
    unpack(path.join(dir, 'again.zip'), path.join(dir, 'again'));
    const again = JSON.parse(fs.readFileSync(path.join(dir, 'again', 'manifest.json'), 'utf8'));
    assert.equal(again.id, manifest.id);

    const color = readPng(fs.readFileSync(path.join(dir, 'unpacked', 'color.png')));
    assert.deepEqual([color.width, color.height, color.depth, color.colorType], [192, 192, 8, 6]);
    const outline = readPng(fs.readFileSync(path.join(dir, 'unpacked', 'outline.png')));
    assert.deepEqual([outline.width, outline.height, outline.depth, outline.colorType], [32, 32, 8, 6]);
    // Outline: only white or fully transparent pixels, and some of each.
    const kinds = new Set(outline.pixels.map(([r, g, b, a]) => (a === 0 ? 'clear' : r === 255 && g === 255 && b === 255 && a === 255 ? 'white' : 'other')));
    assert.deepEqual([...kinds].sort(), ['clear', 'white']);
  });

  it('passes the Teams manifest schema (v1.17) as @microsoft/teams-manifest validates it', async () => {
    const built = build(['--bot-id', BOT_ID, '--endpoint', ENDPOINT]);
    assert.equal(built.status, 0, built.stderr);
    unpack(path.join(dir, 'teams-app.zip'), path.join(dir, 'schema-check'));
    const manifest = await ManifestUtil.loadFromPath(path.join(dir, 'schema-check', 'manifest.json'));
    assert.match(manifest.$schema, /^https:\/\/developer\.microsoft\.com\/(en-us\/)?json-schemas\/teams\/v1\.17\/MicrosoftTeams\.schema\.json$/);
    // The schema as published, from Microsoft's npm package; "\a" in one of its patterns is cleaned up the way
    // ManifestUtil.fetchSchema cleans the downloaded copy (ajv refuses that escape).
    const schemaFile = require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.17/MicrosoftTeams.schema.json');
    const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\x07'));
    assert.deepEqual(await ManifestUtil.validateManifestAgainstSchema(manifest, schema), []);
    // The validator does refuse: a manifest without its bot id is not valid.
    const broken = structuredClone(manifest);
    delete broken.bots[0].botId;
    assert.notDeepEqual(await ManifestUtil.validateManifestAgainstSchema(broken, schema), []);
  });

  it('refuses what Teams would refuse: a bot id that is not a GUID, an http endpoint', () => {
    const bad_id = build(['--bot-id', 'my-bot', '--endpoint', ENDPOINT], path.join(dir, 'bad1.zip'));
    assert.notEqual(bad_id.status, 0);
    assert.match(bad_id.stderr, /--bot-id must be/);
    const http = build(['--bot-id', BOT_ID, '--endpoint', 'http://slotwise.example.com/v1/teams/bot/messages'], path.join(dir, 'bad2.zip'));
    assert.notEqual(http.status, 0);
    assert.match(http.stderr, /https URL/);
    assert.equal(fs.existsSync(path.join(dir, 'bad1.zip')) || fs.existsSync(path.join(dir, 'bad2.zip')), false);
  });
});
