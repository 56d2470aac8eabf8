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
import { expectPath, goto, visited } from '../lib/journey.mjs';
import { linkPath, waitForMail } from '../lib/mail.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey, server } = suite('appointments');

/** The cancel link of the newest booking e-mail to `email`. */
function cancelLink(email) {
  return waitForMail(server(), email, (body) => linkPath(body, '/bestil-tid/afmeld/[A-Za-z0-9_-]+'), {
    what: 'a cancel link',
  });
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
  await logIn(page, 'bibliotek@dragoer.demo', 'staff');
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
