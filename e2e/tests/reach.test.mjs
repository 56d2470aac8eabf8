// The reach report and feedback: a coordinator opens "Rapporter" from the
// menu, sees the charts beside their tables, picks the calendar year and
// downloads a table as CSV (checked: BOM, semicolons, the figures'
// names); a staff member prints the room's QR sheet for a session under
// way, a participant fills the anonymous 1–5 form on a phone (first
// without a score: the error summary), and staff read the answer. Every
// page at phone width (390 px) and desktop width (1280 px), screenshotted
// and scanned with axe.
//
// One demo server (fresh SQLite database, the real clock) for this file;
// the first demo session is moved to "under way" in its database, as the
// room's form is open only from a session's start.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { goto, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

let sessionId;

const { journey } = suite('reach', {
  onServer: async (server) => {
    const db = path.join(server.tmpDir, 'e2e.db');
    const sql = (q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();
    sessionId = sql('SELECT MIN(id) FROM event_session WHERE cancelled_at IS NULL');
    // Stored as the server writes them: `YYYY-MM-DD HH:MM:SS+00:00`.
    const at = (ms) => new Date(Date.now() + ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
    sql(`UPDATE event_session SET starts_at = '${at(-3_600_000)}', ends_at = '${at(3_600_000)}' WHERE id = ${sessionId}`);
  },
});

for (const [width, options] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  journey(`1 a coordinator reads the reach report and exports a table (${width})`, options, async (page) => {
    await logIn(page, 'bibliotek@dragoer.demo', `report-${width}`);
    await page.getByRole('navigation').getByRole('link', { name: 'Rapporter' }).click();
    await page.waitForURL(/\/rapporter/);
    await visited(page, `report-${width}`);
    assert.match(await page.locator('h1').innerText(), /^Rækkevidde: Dragør Bibliotek/);
    assert.ok((await page.locator('svg[role="img"] title').count()) >= 3, 'charts with a text alternative');
    assert.ok((await page.locator('table caption').count()) >= 8, 'a table for each part');

    await page.getByLabel('Periode').selectOption({ label: `Kalenderåret ${new Date().getFullYear()}` });
    await page.getByRole('button', { name: 'Vis rapport' }).click();
    await page.waitForURL(/periode=ar-/);
    await visited(page, `report-year-${width}`);

    const link = page.getByRole('link', { name: 'Hent "Nøgletal" som CSV' });
    const href = await link.getAttribute('href');
    const res = await page.request.get(href);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'text/csv; charset=utf-8');
    const body = await res.body();
    assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM');
    const lines = body.toString('utf8').slice(1).split('\r\n');
    assert.equal(lines[0], 'Tal;Egne;Fælles;I alt');
    assert.match(lines[1], /^Afholdte arrangementer;\d+;\d+;\d+$/);
    assert.match(lines[5], /^Unikke borgere;\d+;\d+;\d+$/);

    // A custom period the wrong way round: the error summary, dates kept.
    await page.getByLabel('Periode').selectOption({ label: 'Selvvalgt periode (fra–til)' });
    await page.getByLabel('Fra og med').fill('2026-05-01');
    await page.getByLabel('Til og med').fill('2026-04-01');
    await page.getByRole('button', { name: 'Vis rapport' }).click();
    await page.waitForURL(/periode=valgt/);
    await visited(page, `report-error-${width}`);
    assert.match(await page.title(), /^Fejl:/);
    assert.equal(await page.getByLabel('Til og med').inputValue(), '2026-04-01');
  });
}

journey('2 staff print the room sheet; a participant gives feedback on a phone; staff read it', DESKTOP, async (page, { open }) => {
  await logIn(page, 'bibliotekar@dragoer.demo', 'staff');
  await goto(page, `/sessions/${sessionId}/tilbagemelding`, 'feedback-results-empty');
  await page.getByRole('link', { name: 'Udskriv QR-ark til lokalet' }).click();
  await page.waitForURL(/tilbagemelding\/ark/);
  await visited(page, 'feedback-sheet');
  assert.equal(await page.locator('svg[role="img"][aria-labelledby="feedback-qr-title"]').count(), 1);
  const url = (await page.locator('.feedback-url').innerText()).trim();
  const roomPath = new URL(url).pathname;

  const phone = await open(PHONE);
  await goto(phone, roomPath, 'feedback-form');
  await phone.getByLabel('Vil du fortælle mere? (valgfri)').fill('Rart med tid til spørgsmål');
  await phone.getByRole('button', { name: 'Send' }).click();
  await phone.waitForLoadState('load');
  await visited(phone, 'feedback-form-error');
  assert.match(await phone.title(), /^Fejl:/);
  assert.equal(await phone.getByLabel('Vil du fortælle mere? (valgfri)').inputValue(), 'Rart med tid til spørgsmål');
  await phone.getByLabel('4 – Godt').check();
  await phone.getByRole('button', { name: 'Send' }).click();
  await phone.waitForURL(/\/tilbagemelding\/tak/);
  await visited(phone, 'feedback-thanks');

  await goto(page, `/sessions/${sessionId}/tilbagemelding`, 'feedback-results');
  assert.ok((await page.content()).includes('Rart med tid til spørgsmål'));
  const row = page.locator('tr', { hasText: '4 – Godt' });
  assert.equal((await row.locator('td').innerText()).trim(), '1');
});
