// Safe changes from the widget with the mouse, in headless Chromium against `slotwise serve --demo`:
// - cancelling: "Cancel interview" asks first and takes a message for the candidate; after confirming, an 8-second
//   countdown offers Undo — undone, nothing reaches the backend or the sandbox; left alone, the interview is cancelled
//   and the candidate's cancellation carries the message;
// - moving: "Reschedule" shows what is being moved; an interviewer added on the way is shown and must be agreed to
//   before anything is sent; the panel ends with "Moved from … to …".
// Each step leaves one state message in the panel. Screenshots land in test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { decodePng, findColorBands, isColor } from '../lib/png.mjs';
import { assertBookedEverywhere, clickAt, demoToken, getInterview, liveText, openWidget, waitForEvent, waitSettled } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

const BUTTON = [175, 208, 250];      // a plain button on the light theme
const RED_BUTTON = [179, 41, 41];    // "Cancel the interview" in the confirmation (palette::kDangerButton)
const GREEN_TEXT = [20, 115, 60];    // "Booked …" (palette::kTextGreen)
const PRIMARY = [36, 102, 196];      // the panel's main action, "Move and apply these changes" (palette::kPrimaryButton)
const SUGGESTIONS_ROW = [240, 248, 242];  // the grid's suggestions row
const ROW_PITCH = 29;                // one resource row at device scale 1
const AMBER_TEXT = [150, 86, 0];     // the countdown (palette::kTextAmber)

// The buttons drawn side by side in one band, as [left, right] runs along a line just inside its top edge (above the
// text, which would break the runs).
function buttonsIn(image, band) {
  const runs = [];
  const y = band.top + 1;
  for (let x = band.left; x <= band.right; ++x) {
    if (!isColor(image, x, y, BUTTON)) continue;
    const last = runs[runs.length - 1];
    if (last && x - last[1] <= 2) last[1] = x; else runs.push([x, x]);
  }
  return runs.filter(([a, b]) => b - a > 20);
}

// J and Enter: the first suggestion booked, and there everywhere (the sandbox, the candidate's invitation).
async function bookFirstSuggestion(server, page) {
  await page.keyboard.press('j');
  await waitForEvent(page, 'slot_selected');
  await page.keyboard.press('Enter');
  const booked = await waitForEvent(page, 'booked', 60000);
  await assertBookedEverywhere(server, booked.interview_id);
  await page.waitForTimeout(500);
  return booked;
}

async function screenshot(page, name) {
  return decodePng(await page.screenshot({ path: path.join(ARTIFACTS, name) }));
}

// Clicks "Reschedule" (0) or "Cancel interview" (1): the buttons side by side under the green "Booked" heading.
async function clickBookedAction(page, index, name) {
  const image = await screenshot(page, name);
  const panel = { x0: Math.round(image.width * 0.72), x1: image.width };
  const heading = findColorBands(image, GREEN_TEXT, { ...panel, minPixels: 3 });
  assert.ok(heading.length > 0, 'the green "Booked" heading is drawn');
  const pair = findColorBands(image, BUTTON, { ...panel, y0: heading[0].bottom, minPixels: 60 })
    .map((band) => ({ band, buttons: buttonsIn(image, band) })).find(({ buttons }) => buttons.length === 2);
  assert.ok(pair, '"Reschedule" and "Cancel interview" side by side');
  const [left, right] = pair.buttons[index];
  await clickAt(page, Math.round((left + right) / 2), pair.band.y);
}

// In the confirmation: clicks into the message box (above the red button), types, and clicks the red button.
async function confirmWithMessage(page, message, name) {
  await page.waitForFunction(() => /Cancel the interview on /.test(document.getElementById('slotwise-live').textContent));
  await page.waitForTimeout(300);
  let image = await screenshot(page, name);
  const panel = { x0: Math.round(image.width * 0.72), x1: image.width };
  const red = findColorBands(image, RED_BUTTON, { ...panel, minPixels: 40 });
  assert.equal(red.length, 1, 'one red "Cancel the interview" button');
  await clickAt(page, red[0].left + 60, red[0].top - 30);  // the message box, 3½ lines above it
  await page.keyboard.type(message, { delay: 10 });
  await page.waitForTimeout(300);
  image = await screenshot(page, name.replace('.png', '-typed.png'));
  await clickAt(page, red[0].x, red[0].y);
}

test('widget: cancel asks first, Undo within the countdown sends nothing, and left alone it cancels with the message', { timeout: 150000 }, async (t) => {
  const { server, page, problems } = await openWidget(t);
  const origin = new URL(server.url).origin;
  const headers = { Authorization: `Bearer ${await demoToken(origin)}` };
  const booked = await bookFirstSuggestion(server, page);

  // Asked, confirmed with a message, then undone within the window.
  await clickBookedAction(page, 1, 'widget-cancel-1-booked.png');
  await confirmWithMessage(page, 'Sorry, Anna is ill.', 'widget-cancel-2-confirm.png');
  await page.waitForFunction(() => /cancelled in 8 s/.test(document.getElementById('slotwise-live').textContent));
  const countdown = await screenshot(page, 'widget-cancel-3-countdown.png');
  const panel = { x0: Math.round(countdown.width * 0.72), x1: countdown.width };
  const amber = findColorBands(countdown, AMBER_TEXT, { ...panel, minPixels: 3 });
  assert.ok(amber.length > 0, 'the amber countdown is drawn');
  const undo = findColorBands(countdown, BUTTON, { ...panel, y0: amber[amber.length - 1].bottom, minPixels: 30 })[0];
  assert.ok(undo, 'the Undo button under the countdown');
  await clickAt(page, undo.x, undo.y);
  await page.waitForFunction(() => /^Booked /.test(document.getElementById('slotwise-live').textContent));
  await page.waitForTimeout(9000);  // past the window: nothing went out
  await assertBookedEverywhere(server, booked.interview_id);
  const history = await (await fetch(`${origin}/v1/interviews/${booked.interview_id}/history`, { headers })).json();
  assert.equal(history.history.filter((entry) => entry.action === 'cancelled').length, 0, JSON.stringify(history));
  assert.equal((await page.evaluate(() => window.slotwiseEvents.filter((e) => e.type === 'cancelled'))).length, 0);

  // Again, and left alone: cancelled after the countdown, the message in the candidate's cancellation.
  await clickBookedAction(page, 1, 'widget-cancel-4-booked-again.png');
  const message = 'Sorry, Anna is ill. We will send new times.';
  await confirmWithMessage(page, message, 'widget-cancel-5-confirm.png');
  const started = Date.now();
  await waitForEvent(page, 'cancelled', 30000);
  assert.ok(Date.now() - started >= 7000, `the DELETE waited for the undo window (${Date.now() - started} ms)`);
  const view = await getInterview(server, booked.interview_id);
  assert.equal(view.status, 'cancelled');
  const ics = await (await fetch(`${origin}/v1/interviews/${booked.interview_id}/candidate.ics`, { headers })).text();
  const unfolded = ics.replace(/\r\n[ \t]/g, '').replace(/\\([,;\\])/g, '$1');  // unfolded, unescaped (RFC 5545 3.1, 3.3.11)
  assert.match(unfolded, /METHOD:CANCEL/);
  assert.ok(unfolded.includes(message), `the candidate's cancellation carries the message: ${unfolded}`);
  await page.waitForFunction(() => /^Cancelled/.test(document.getElementById('slotwise-live').textContent));
  await screenshot(page, 'widget-cancel-6-cancelled.png');
  assert.match(await liveText(page), /^Cancelled/);
  assert.deepEqual(problems, []);
});

test('widget: moving an interview with an interviewer added asks before applying, then says where it moved from', { timeout: 150000 }, async (t) => {
  const { server, page, problems } = await openWidget(t);
  const booked = await bookFirstSuggestion(server, page);

  await clickBookedAction(page, 0, 'widget-move-1-booked.png');  // "Reschedule"
  await page.waitForFunction(() => /^Moving the interview of /.test(document.getElementById('slotwise-live').textContent));
  await waitSettled(page);  // the calendars without this interview are in (they would re-apply the rows)
  const moving = await screenshot(page, 'widget-move-2-moving.png');
  // Emily Carter (the third person row, not in the interview) is ticked with the mouse.
  const band = findColorBands(moving, SUGGESTIONS_ROW, { minPixels: 100 })[0];
  await clickAt(page, 35, band.bottom + 3 + 2 * ROW_PITCH + ROW_PITCH / 2);
  // Included, she is in the suggestions' sums: "Without Emily Carter: N more times" is read out.
  await page.waitForFunction(() => /Without Emily Carter/.test(document.getElementById('slotwise-live').textContent));
  await page.keyboard.press('Escape');  // the keyboard back to the grid
  await page.waitForTimeout(300);
  const before = (await page.evaluate(() => window.slotwiseEvents.filter((e) => e.type === 'slot_selected').length));
  await page.keyboard.press('j');
  await page.waitForFunction((n) => window.slotwiseEvents.filter((e) => e.type === 'slot_selected').length > n, before);
  const target = await waitForEvent(page, 'slot_selected');
  assert.equal(target.available, true, JSON.stringify(target));
  // Enter books what is explained: wait until the new time's explanation is read out (with Emily in it).
  await page.waitForFunction(() => /Selected .*Possible with .*Emily Carter/.test(document.getElementById('slotwise-live').textContent));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Moving it also changes: Emily Carter is added \(Interviewer\)/.test(document.getElementById('slotwise-live').textContent));
  await page.waitForTimeout(300);
  const asked = await screenshot(page, 'widget-move-3-confirm-changes.png');
  const unchanged = await getInterview(server, booked.interview_id);
  assert.equal(unchanged.start, booked.start, 'nothing is sent before the recruiter agrees');
  const panel = { x0: Math.round(asked.width * 0.72), x1: asked.width };
  const apply = findColorBands(asked, PRIMARY, { ...panel, minPixels: 40 });
  assert.equal(apply.length, 1, 'one "Move and apply these changes" button');
  await clickAt(page, apply[0].x, apply[0].y);

  await page.waitForFunction(() => /^Moved from /.test(document.getElementById('slotwise-live').textContent), null, { timeout: 60000 });
  const events = await page.evaluate(() => window.slotwiseEvents.filter((e) => e.type === 'booked'));
  const movedEvent = events[events.length - 1].detail;
  assert.equal(movedEvent.start, target.start);
  assert.deepEqual(movedEvent.moved_from, { start: booked.start, end: booked.end });
  const moved = await getInterview(server, booked.interview_id);
  assert.equal(moved.status, 'confirmed');
  assert.equal(moved.start, target.start);
  assert.ok(moved.interviewers.some(({ sub }) => sub === 'emily.carter@kumo.example'), JSON.stringify(moved.interviewers));
  await assertBookedEverywhere(server, booked.interview_id);
  await page.waitForTimeout(500);
  await screenshot(page, 'widget-move-4-moved.png');
  assert.doesNotMatch(await liveText(page), /Not possible/, 'the moved interview is not explained as a conflict with itself');
  assert.deepEqual(problems, []);
});
