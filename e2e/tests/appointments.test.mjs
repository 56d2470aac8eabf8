// Appointments (issue 10): a citizen answers "Hvad skal du have hjælp
// til?", picks a free time of the library's "book en bibliotekar", books it
// with name and e-mail, gets the receipt, and cancels by the link in the
// confirmation e-mail (.eml file, the demo has no SMTP); the link then says
// the time is cancelled. A librarian books a citizen at the desk and sees
// the day's list. At phone width (390 px) and desktop width; every page is
// screenshotted into e2e/test-results/ and scanned with axe.
//
// One demo server (fresh SQLite database, the real clock) for this file.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, newContext, screenshot } from '../lib/browser.mjs';
import { expectPath, fillLogin, goto, screenshotsFor, shotName, visited, watchPage } from '../lib/journey.mjs';
import { startServer } from '../lib/server.mjs';

const PASSWORD = 'samvirke-demo';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

let server;
let browser;

before(async () => {
  await screenshotsFor('appointments');
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function journey(name, options, fn) {
  test(name, { timeout: 300_000 }, async () => {
    const context = await newContext(browser, server.baseURL, options);
    const page = await context.newPage();
    const watch = watchPage(page, server.baseURL);
    try {
      await fn(page);
      watch.check();
    } catch (err) {
      await screenshot(page, shotName(`FAILED-${name}`)).catch(() => {});
      const log = (await server?.readLog()) ?? '';
      console.error(`[e2e] ---- last lines of the server log ----\n${log.split('\n').slice(-40).join('\n')}`);
      throw err;
    } finally {
      await context.close().catch(() => {});
    }
  });
}

/** Every text part of an .eml file, decoded (quoted-printable or base64). */
function emlText(raw) {
  const qp = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  const b64 = (raw.match(/(?:^[A-Za-z0-9+/=]{20,}\r?\n)+/gm) || [])
    .map((block) => Buffer.from(block.replace(/\s+/g, ''), 'base64').toString('utf8'))
    .join('\n');
  return `${Buffer.from(qp, 'latin1').toString('utf8')}\n${b64}`;
}

/** The cancel link of the newest booking e-mail to `email`. */
async function cancelLink(email) {
  const dir = path.join(server.tmpDir, 'data', 'outbox');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.eml')).sort();
    for (const f of files.reverse()) {
      const raw = await readFile(path.join(dir, f), 'utf8');
      if (!raw.includes(email)) continue;
      const m = /https?:\/\/[^\s/]+(\/bestil-tid\/afmeld\/[A-Za-z0-9_-]+)/.exec(emlText(raw));
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no e-mail with a cancel link to ${email} in ${dir} within 30 s`);
}

for (const [width, options] of [
  ['390', PHONE],
  ['1280', DESKTOP],
]) {
  journey(`a citizen books a librarian from the guided question and cancels by the e-mail's link (${width} px)`, options, async (page) => {
    const email = `borger-${width}@example.dk`;
    await goto(page, '/bestil-tid', `${width}-triage`);
    assert.match(await page.locator('h2').first().innerText(), /Hvad skal du have hjælp til/);
    await page.getByRole('link', { name: /Min telefon eller tablet/ }).click();
    await visited(page, `${width}-times`);
    // Next week: a time there is well before its cancellation deadline
    // (12 hours before it), whatever the real clock says now.
    await page.getByRole('link', { name: 'Næste uge' }).click();
    await visited(page, `${width}-times-next-week`);
    for (let week = 0; week < 6 && (await page.locator('ul.samvirke-times a').count()) === 0; week += 1) {
      await page.getByRole('link', { name: 'Næste uge' }).click();
      await visited(page, `${width}-times-next`);
    }
    const times = page.locator('ul.samvirke-times a');
    assert.ok((await times.count()) > 0, 'free times are offered');
    await times.nth(width === '390' ? 0 : 1).click();
    await visited(page, `${width}-form`);
    // Without a name or contact: errors next to the fields and a summary.
    await page.getByRole('button', { name: 'Book tiden' }).click();
    await visited(page, `${width}-form-errors`);
    assert.ok(await page.locator('#error-summary-heading').isVisible());
    await page.getByLabel('Navn', { exact: true }).fill('Inge Borger');
    await page.getByLabel('E-mail (valgfri)').fill(email);
    await page.getByRole('button', { name: 'Book tiden' }).click();
    await expectPath(page, '/bestil-tid/kvittering', 'after booking');
    await visited(page, `${width}-receipt`);
    assert.match(await page.locator('body').innerText(), /Din tid er booket/);

    const link = await cancelLink(email);
    await goto(page, link, `${width}-cancel-page`);
    await page.getByRole('button', { name: 'Aflys tiden' }).click();
    await visited(page, `${width}-cancelled`);
    assert.match(await page.locator('body').innerText(), /Tiden er aflyst/);
  });
}

journey('a librarian books a citizen at the desk and sees the day (1280 px)', DESKTOP, async (page) => {
  await goto(page, '/login', 'staff-login');
  await fillLogin(page, 'bibliotek@dragoer.demo', PASSWORD);
  await expectPath(page, '/dashboard', 'after logging in');
  await goto(page, '/aftaler', 'day-list');
  await page.getByRole('link', { name: 'Book for en borger' }).click();
  await visited(page, 'desk-booking');
  // Find a weekday with free times.
  for (let day = 0; day < 10 && (await page.locator('input[name="start"]').count()) === 0; day += 1) {
    await page.getByRole('link', { name: 'Dagen efter' }).click();
    await visited(page, 'desk-booking-next-day');
  }
  await page.locator('input[name="start"]').first().check();
  await page.getByLabel('Navn', { exact: true }).fill('Karl Skranke');
  await page.getByRole('button', { name: 'Book tiden' }).click();
  await visited(page, 'day-list-booked');
  assert.match(await page.locator('body').innerText(), /Karl Skranke/);
});
