// Fidelity: the official `botframework-connector` package judges the sandbox's Bot Connector (docs/SANDBOX.md "Bot
// Connector", docs/TEAMS_APP.md). A bot written with it receives the sandbox's activities and checks them with
// JwtTokenValidation.authenticateRequest — the sandbox's OpenID metadata, JWKS (endorsements), issuer, audience,
// lifetime and serviceurl claim must pass, and its forged tokens must fail — and it answers through ConnectorClient
// (replyToActivity, updateActivity) with a bot token from the sandbox's token endpoint.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  ChannelValidation, ConnectorClient, JwtTokenValidation, SimpleCredentialProvider,
} from 'botframework-connector';
import { startSandbox } from '../lib/sandbox.mjs';

const APP_ID = '5a0d7e1c-0000-4000-8000-5107317eb071';  // sandbox::kBotAppId
const APP_SECRET = 'sandbox-bot-secret';
const SANNE = 'sanne.devries@kumo-labs.example';

let box;
let bot;
let botUrl;
const received = [];  // what the bot saw: {activity, outcome: 'ok' | 'refused', claims?, error?}

before(async () => {
  box = await startSandbox();
  ChannelValidation.OpenIdMetadataEndpoint = `${box.root}/botframework/v1/.well-known/openidconfiguration`;
  const credentials = new SimpleCredentialProvider(APP_ID, APP_SECRET);
  bot = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', async () => {
      const activity = JSON.parse(body);
      try {
        const identity = await JwtTokenValidation.authenticateRequest(activity, req.headers.authorization ?? '', credentials, '');
        const claims = Object.fromEntries(identity.claims.map((c) => [c.type, c.value]));
        received.push({ activity, outcome: 'ok', claims });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      } catch (error) {
        received.push({ activity, outcome: 'refused', error: error.message });
        res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: error.message }));
      }
    });
  });
  await new Promise((resolve) => bot.listen(0, '127.0.0.1', resolve));
  botUrl = `http://127.0.0.1:${bot.address().port}/api/messages`;
});
after(async () => {
  if (bot) await new Promise((resolve) => bot.close(resolve));
  if (box) await box.stop();
});

async function send(extra) {
  return box.admin('POST', '/sandbox/teams/bot/send', { endpoint: botUrl, from: SANNE, text: 'request absence', ...extra });
}

async function botToken() {
  const response = await fetch(`${box.root}/botframework/botframework.com/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials', client_id: APP_ID, client_secret: APP_SECRET,
      scope: 'https://api.botframework.com/.default',
    }),
  });
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.token_type, 'Bearer');
  assert.ok(body.expires_in > 0);
  return body.access_token;
}

// ServiceClientCredentials for ConnectorClient: the bearer token on every request.
const bearer = (token) => ({ signRequest: async (request) => { request.headers.set('Authorization', `Bearer ${token}`); return request; } });

describe('Bot Connector (sandbox) judged by botframework-connector', () => {
  it('a signed activity passes JwtTokenValidation.authenticateRequest: issuer, audience, serviceurl', async () => {
    const answer = await send({});
    assert.equal(answer.status, 200, JSON.stringify(answer));
    const seen = received.at(-1);
    assert.equal(seen.outcome, 'ok', seen.error);
    assert.equal(seen.claims.aud, APP_ID);
    assert.equal(seen.claims.iss, 'https://api.botframework.com');
    assert.equal(seen.claims.serviceurl, seen.activity.serviceUrl);
    assert.equal(seen.activity.channelId, 'msteams');
    assert.equal(seen.activity.channelData.tenant.id, seen.activity.conversation.tenantId);
  });

  for (const mode of ['expired', 'wrong_audience', 'unknown_key', 'wrong_service_url', 'none']) {
    it(`a forged token (${mode}) is refused by the official validator`, async () => {
      const answer = await send({ token: mode });
      assert.equal(answer.status, 401, JSON.stringify(answer));
      assert.equal(received.at(-1).outcome, 'refused');
    });
  }

  it('the bot answers through ConnectorClient: a reply, then the reply updated in place', async () => {
    const answer = await send({ text: 'hello' });
    const activity = answer.activity;
    const client = new ConnectorClient(bearer(await botToken()), { baseUri: activity.serviceUrl });
    const reply = {
      type: 'message', text: 'Hello from the bot', replyToId: activity.id,
      from: activity.recipient, recipient: activity.from, conversation: activity.conversation,
    };
    const posted = await client.conversations.replyToActivity(activity.conversation.id, activity.id, reply);
    assert.ok(posted.id);
    const updated = await client.conversations.updateActivity(activity.conversation.id, posted.id,
      { ...reply, id: posted.id, text: 'Hello again' });
    assert.equal(updated.id, posted.id);
    const recorded = (await box.objects()).filter((o) => o.type === 'bot_activity' && o.id === posted.id);
    assert.deepEqual(recorded.map((o) => o.fields.method), ['POST', 'PUT']);
    assert.equal(recorded[0].fields.reply_to_id, activity.id);
    assert.equal(recorded[1].fields.activity.text, 'Hello again');

    // Without the bot's token, or into a conversation the sandbox never opened: refused as the connector does.
    const anonymous = new ConnectorClient(bearer('not-a-token'), { baseUri: activity.serviceUrl });
    await assert.rejects(anonymous.conversations.replyToActivity(activity.conversation.id, activity.id, reply),
      (error) => error.statusCode === 401);
    await assert.rejects(client.conversations.replyToActivity('a:unknown', activity.id, reply),
      (error) => error.statusCode === 404);
  });
});
