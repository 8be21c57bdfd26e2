// daily_updates.js — the "Daily updates to Teams" panel of the administrator's page (index.html, ids daily-*): maps an
// office, department or team to a Teams channel for the HR daily absence update (docs/HR.md), picked from lists
// instead of typed ids. Plain DOM over
//   GET /v1/hr/connections (the tenant's Microsoft 365 accounts connected for hr_posting), GET /v1/hr/org_units,
//   GET /v1/hr/teams?connection_id=… (that account's teams, each with its channels, read through Graph),
//   GET/POST /v1/hr/channel_mappings, DELETE /v1/hr/channel_mappings/{id}
// with admin.js's widget token (organisation:manage). Every list is read to its end (next_cursor).
//   window.SlotwiseDailyUpdates(call) → { load() }
// `call` is page_kit's jsonCaller. What an add or delete did, or the API's error sentence, is said in the panel's own
// status line (#daily-result, next to the button pressed). load() draws the panel again; an answer overtaken by a
// later load is dropped. Only standard channels can be picked (private and shared ones are listed, disabled, with the
// reason).
'use strict';
(function () {
  const { el, errorText } = window.SlotwisePage;
  const KIND_NAMES = { office: 'Office', department: 'Department', team: 'Team' };
  const LANGUAGES = [['en', 'English'], ['de', 'Deutsch'], ['nl', 'Nederlands'], ['ja', '\u65e5\u672c\u8a9e']];

  window.SlotwiseDailyUpdates = function (call) {
    const $ = (id) => document.getElementById(id);
    const say = (text, kind) => {
      $('daily-result').textContent = text;
      $('daily-result').className = 'sw-status sw-' + kind;
    };
    const form = $('daily-form');
    const note = $('daily-note');
    const [connection, unit, team, channel, zone, language] =
      ['daily-connection', 'daily-unit', 'daily-team', 'daily-channel', 'daily-zone', 'daily-language'].map($);
    let units = [];
    let accounts = [];
    let teamList = [];        // the teams of the picked account, each with its channels
    let teamsOf = new Map();  // connection id → Promise of its GET /v1/hr/teams answer
    let loads = 0;

    // Every item of a paged list: {ok, items} or the first failed answer.
    async function all(route, key) {
      const items = [];
      let cursor = null;
      do {
        const page = await call('GET', route + (cursor ? (route.includes('?') ? '&' : '?') + 'cursor=' + encodeURIComponent(cursor) : ''));
        if (!page.ok) return page;
        items.push(...page.body[key]);
        cursor = page.body.next_cursor;
      } while (cursor);
      return { ok: true, items };
    }

    function teams(id) {
      if (!teamsOf.has(id)) teamsOf.set(id, call('GET', '/v1/hr/teams?connection_id=' + encodeURIComponent(id)));
      return teamsOf.get(id);
    }

    function tell(text, problem) {
      note.textContent = text;
      note.className = problem ? 'sw-message' : 'sw-account';
    }

    const unitText = (u) => (KIND_NAMES[u.kind] || u.kind) + ' ' + u.name;

    function fillChannels() {
      const picked = teamList.find((t) => t.id === team.value);
      const channels = picked ? picked.channels : [];
      channel.replaceChildren(...channels.map((c) => el('option', {
        value: c.id, disabled: c.membership_type !== 'standard',
        text: c.membership_type === 'standard' ? c.name
          : c.name + ' (' + c.membership_type + ': daily updates go to standard channels only)' })));
      const first = channels.find((c) => c.membership_type === 'standard');
      channel.value = first ? first.id : '';
      channel.disabled = !first;
    }

    async function fillTeams() {
      teamList = [];
      team.replaceChildren(el('option', { value: '', text: 'Loading\u2026' }));
      team.disabled = channel.disabled = true;
      channel.replaceChildren();
      if (!connection.value) return;
      const id = connection.value;
      const listed = await teams(id);
      if (id !== connection.value) return;
      if (!listed.ok) {
        team.replaceChildren();
        return tell('The teams of this account could not be read: ' + errorText(listed.body, 'Microsoft 365 did not answer.'), true);
      }
      teamList = listed.body.teams;
      team.replaceChildren(...teamList.map((t) => el('option', { value: t.id, text: t.name })));
      team.disabled = !teamList.length;
      if (!teamList.length) return tell('This account is a member of no team in Microsoft Teams: pick another account, or add it to the team first.', true);
      tell('Every working day at the chosen time, who of the office, department or team is absent is posted to the channel.');
      fillChannels();
    }

    // "Kumo Recruiting › Hiring Updates", read from the mapping's account's teams (the ids when that fails).
    async function targetText(target) {
      if (target.kind !== 'graph_channel') return 'Workflows webhook ' + target.url_hint;
      const listed = await teams(target.connection_id);
      const t = listed.ok ? listed.body.teams.find((x) => x.id === target.team_id) : null;
      const c = t ? t.channels.find((x) => x.id === target.channel_id) : null;
      return t && c ? t.name + ' \u203a ' + c.name : 'team ' + target.team_id + ', channel ' + target.channel_id;
    }

    async function drawMappings(load) {
      const rows = $('daily-rows');
      const listed = await all('/v1/hr/channel_mappings', 'channel_mappings');
      if (load !== loads) return;
      if (!listed.ok) return rows.replaceChildren(el('tr', {}, el('td', { colspan: 5, text: errorText(listed.body, 'Could not list the daily updates.') })));
      const texts = await Promise.all(listed.items.map((m) => targetText(m.target)));
      if (load !== loads) return;
      rows.replaceChildren(...listed.items.map((m, i) => {
        const account = accounts.find((a) => a.id === m.target.connection_id);
        const what = unitText(m.unit);
        return el('tr', { 'data-mapping': m.id },
          el('th', { scope: 'row', text: what }),
          el('td', { text: texts[i] }),
          el('td', { text: m.time_of_day + ' ' + m.time_zone + ', ' + m.weekdays.join(' ') + (m.enabled ? '' : ' (paused)') }),
          el('td', { text: account ? account.account_email : (m.target.connection_id || '') }),
          el('td', {}, el('button', { type: 'button', text: 'Delete', 'aria-label': 'Delete the daily update of ' + what + ' to ' + texts[i],
            onclick: async () => {
              const deleted = await call('DELETE', '/v1/hr/channel_mappings/' + encodeURIComponent(m.id));
              if (!deleted.ok) return say(errorText(deleted.body, 'The daily update could not be deleted.'), 'error');
              say('The daily update of ' + what + ' to ' + texts[i] + ' is deleted.', 'ok');
              drawMappings(++loads);
            } })));
      }));
      if (!listed.items.length) rows.replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'sw-empty', text: 'No daily updates yet.' })));
    }

    async function load() {
      const mine = ++loads;
      teamsOf = new Map();
      const [posting, listedUnits] = await Promise.all([all('/v1/hr/connections', 'connections'),
                                                        all('/v1/hr/org_units', 'org_units')]);
      if (mine !== loads) return;
      const chosen = connection.value;
      accounts = posting.ok ? posting.items : [];
      units = listedUnits.ok ? listedUnits.items : [];
      connection.replaceChildren(...accounts.map((a) => el('option', {
        value: a.id, text: a.account_email + (a.status === 'active' ? '' : ' (must sign in again)') })));
      if (accounts.some((a) => a.id === chosen)) connection.value = chosen;
      unit.replaceChildren(...units.map((u, i) => el('option', { value: String(i), text: unitText(u) })));
      const drawn = drawMappings(mine);
      form.hidden = !accounts.length || !units.length;
      if (!posting.ok) tell(errorText(posting.body, 'Could not read the connected accounts.'), true);
      else if (!listedUnits.ok) tell(errorText(listedUnits.body, 'Could not read the org units.'), true);
      else if (!accounts.length) {
        tell('No Microsoft 365 account is connected to post the daily updates. Under People below, choose ' +
             '\u201cMicrosoft Teams daily updates\u201d for the person whose account should post, make the connect link ' +
             'and send it to them; once they have connected, press Refresh.', true);
      } else if (!units.length) {
        tell('There are no offices, departments or teams yet: your HR system imports them (PUT /v1/hr/org_units, ' +
             'docs/HR.md).', true);
      } else await fillTeams();
      await drawn;
    }

    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    const here = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    zone.replaceChildren(...(zones.includes(here) ? zones : [here, ...zones]).map((z) => el('option', { value: z, text: z })));
    zone.value = here;
    language.replaceChildren(...LANGUAGES.map(([value, text]) => el('option', { value, text })));
    connection.addEventListener('change', () => fillTeams());
    team.addEventListener('change', fillChannels);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const picked = units[Number(unit.value)];
      if (!picked || !team.value || !channel.value) return say('Pick an office, department or team, a team and a channel.', 'error');
      const teamName = team.options[team.selectedIndex].text;
      const channelName = channel.options[channel.selectedIndex].text;
      const made = await call('POST', '/v1/hr/channel_mappings', {
        unit: { kind: picked.kind, name: picked.name },
        target: { kind: 'graph_channel', team_id: team.value, channel_id: channel.value, connection_id: connection.value },
        language: language.value, time_of_day: $('daily-time').value, time_zone: zone.value,
      });
      if (!made.ok) return say(errorText(made.body, 'The daily update could not be added.'), 'error');
      say('Daily update added: ' + unitText(picked) + ' to ' + teamName + ' \u203a ' + channelName + ' at ' +
          made.body.time_of_day + ' ' + made.body.time_zone + '.', 'ok');
      drawMappings(++loads);
    });
    return { load };
  };
}());
