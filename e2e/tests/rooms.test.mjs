// Rooms and referrals (issue 10): a social worker books the library's
// small meeting room discreetly on a phone (and an overlapping time is
// refused with the free times); the library sees only "Optaget" on the
// room's day and week; a librarian refers a citizen to Borgercentret with
// consent, Borgercentret handles it, and the library sees only the status.
// Every page is screenshotted into e2e/test-results/ and scanned with axe.
//
// One demo server (fresh SQLite database, the real clock) for this file.

import assert from 'node:assert/strict';
import { goto, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey } = suite('rooms');

/** A weekday some days ahead, as yyyy-mm-dd. */
function weekdayAhead(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const DAY = weekdayAhead(7);
const SUBJECT = 'Samtale om bolig';

journey('1 a social worker books the meeting room discreetly on a phone, and the library sees only "Optaget"', PHONE, async (page) => {
  await logIn(page, 'social@dragoer.demo', 'social');
  await goto(page, '/lokaler', 'rooms');
  await page.getByRole('link', { name: 'Mødelokalet' }).click();
  await page.waitForURL(/\/lokaler\/\d+$/);
  await visited(page, 'room-day');
  const book = async (start, end, subject) => {
    await page.getByLabel('Dato').fill(DAY);
    await page.getByLabel('Fra kl.').fill(start);
    await page.getByLabel('Til kl.').fill(end);
    await page.getByLabel('Emne').fill(subject);
    await page.getByLabel('Diskret').check();
    await page.getByRole('button', { name: 'Book', exact: true }).click();
    await page.waitForLoadState('load');
  };
  await book('10:00', '11:00', SUBJECT);
  await page.waitForURL(/notice=room-booked/);
  await visited(page, 'room-booked');
  assert.ok((await page.content()).includes(SUBJECT), 'the social worker sees the subject');

  // An overlapping time is refused, with the free times around it.
  await book('10:30', '11:30', 'Opfølgning');
  await visited(page, 'room-clash');
  const alert = await page.locator('#clash').innerText();
  assert.match(alert, /Lokalet er optaget/);
  assert.match(alert, /kl\. 07\.00–10\.00/);
  assert.match(alert, /kl\. 11\.00–22\.00/);
  assert.equal(await page.getByLabel('Emne').inputValue(), 'Opfølgning', 'what was typed is kept');

  // The library, at desktop width, sees only "Optaget" on the day and the week.
  await page.context().clearCookies();
  await page.setViewportSize(DESKTOP.viewport);
  await logIn(page, 'bibliotek@dragoer.demo', 'library');
  await goto(page, '/lokaler', 'rooms-library');
  await page.getByRole('link', { name: 'Mødelokalet' }).click();
  await page.waitForURL(/\/lokaler\/\d+$/);
  const id = new URL(page.url()).pathname.split('/')[2];
  await goto(page, `/lokaler/${id}?dag=${DAY}`, 'room-day-library');
  let html = await page.content();
  assert.ok(html.includes('Optaget'));
  assert.ok(!html.includes(SUBJECT) && !html.includes('Socialafdelingen'));
  await page.getByRole('link', { name: 'Vis hele ugen' }).click();
  await page.waitForURL(/\/uge\?uge=/);
  await visited(page, 'room-week-library');
  html = await page.content();
  assert.ok(html.includes('Optaget'));
  assert.ok(!html.includes(SUBJECT));
  await goto(page, '/lokaler/anmodninger', 'room-queue');
  await goto(page, '/lokaler/ny', 'room-new');
});

journey('2 a referral from the library is handled by Borgercentret', PHONE, async (page) => {
  await logIn(page, 'bibliotekar@dragoer.demo', 'librarian');
  await goto(page, '/henvisninger', 'referrals-library');
  await page.getByRole('link', { name: 'Ny henvisning' }).click();
  await page.waitForURL(/\/henvisninger\/ny$/);
  await visited(page, 'referral-new');
  await page.getByLabel('Hvad har borgeren brug for?').fill('Hjælp til boligstøtte');
  await page.getByLabel('Borgerens navn').fill('Bo Borger');
  await page.getByLabel('Telefon').fill('12345678');
  await page.getByRole('button', { name: 'Send henvisning' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'referral-no-consent');
  assert.match(await page.title(), /^Fejl:/);
  await page.getByLabel('Borgeren har sagt ja til, at oplysningerne gives videre').check();
  await page.getByRole('button', { name: 'Send henvisning' }).click();
  await page.waitForURL(/notice=referral-sent/);
  await visited(page, 'referral-sent');

  await page.context().clearCookies();
  await logIn(page, 'borgerservice@dragoer.demo', 'citizen-service');
  await goto(page, '/henvisninger', 'referrals-queue');
  await page.getByRole('link', { name: /^Henvisning \d+/ }).first().click();
  await page.waitForURL(/\/henvisninger\/\d+$/);
  await visited(page, 'referral-case');
  assert.ok((await page.content()).includes('Hjælp til boligstøtte'));
  await page.getByLabel('Kontaktet').check();
  await page.getByRole('button', { name: 'Gem status' }).click();
  await page.waitForURL(/notice=referral-status-saved/);
  await visited(page, 'referral-contacted');

  await page.context().clearCookies();
  await logIn(page, 'bibliotekar@dragoer.demo', 'librarian-again');
  await goto(page, '/henvisninger', 'referrals-status');
  const html = await page.content();
  assert.ok(html.includes('Kontaktet'));
  assert.ok(!html.includes('Hjælp til boligstøtte') && !html.includes('Bo Borger'));
});
