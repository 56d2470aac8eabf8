// Planning at desktop width: a coordinator schedules a weekly series that
// skips juledag, sees it on the programme page and the dashboard, and
// cancels one date through the page that asks first. Every page visited is
// screenshotted into e2e/test-results/ and scanned with axe (WCAG 2.1 A/AA).

import assert from 'node:assert/strict';

import { expectPath, expectVisible, fillLogin, goto, h1Text, submit, visited } from '../lib/journey.mjs';
import { DESKTOP, suite } from '../lib/suite.mjs';

const COORDINATOR = { email: 'bibliotek@dragoer.demo', password: 'samvirke-demo' };
const TITLE = '010101 Dit digitale liv';

const { journey, server } = suite('planning', { serverPer: 'journey', context: DESKTOP });

/** An alert/status message with this text somewhere inside it. */
function message(page, text) {
  return page.locator('[role="alert"], [role="status"], .alert').filter({ hasText: text });
}

/** d.m.yyyy, as the pages write a date. */
function dmy(d) {
  return `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()}`;
}

journey('coordinator schedules a weekly series and cancels a date after being asked', async (page) => {
  await goto(page, '/login', 'login');
  await fillLogin(page, COORDINATOR.email, COORDINATOR.password);
  await expectPath(page, '/dashboard', 'after logging in');
  await visited(page, 'dashboard');
  await expectVisible(page.getByRole('heading', { name: 'De næste to uger', exact: true }), 'the overview');

  await goto(page, '/programmes', 'programmes');
  await page.getByRole('link', { name: TITLE, exact: true }).click();
  await expectVisible(page.getByRole('heading', { name: TITLE, level: 1 }), 'the programme page');
  await visited(page, 'programme');

  // Four weeks on the weekday of juledag next year: the fourth is skipped.
  const year = new Date().getUTCFullYear() + 1;
  const christmas = new Date(Date.UTC(year, 11, 25));
  const first = new Date(Date.UTC(year, 11, 4));
  await page.getByLabel('Dato', { exact: true }).fill(dmy(first));
  await page.getByLabel('Starttid', { exact: true }).fill('17:30');
  await page.getByLabel('Sluttid', { exact: true }).fill('19.00');
  await page.getByRole('radio', { name: 'Hver uge på samme ugedag', exact: true }).check();
  await page.getByLabel('Antal gange', { exact: true }).fill('4');
  await page.getByLabel('Antal pladser', { exact: true }).fill('25');
  await submit(page, page.getByRole('button', { name: 'Planlæg datoen', exact: true }), () =>
    expectVisible(message(page, '3 datoer oprettet'), 'the notice of the series'),
  );
  const notice = (await message(page, '3 datoer oprettet').innerText()).replace(/\s+/g, ' ').trim();
  assert.match(notice, new RegExp(`3 datoer oprettet; ${dmy(christmas).replaceAll('.', '\\.')} sprunget over \\(juledag\\)`));
  await visited(page, 'series-created');
  const dates = page.locator('#datoer ~ ul a', { hasText: dmy(first) });
  await expectVisible(dates.first(), `the first new date ${dmy(first)} in the list`);

  // Cancel the first date: the page asks first and says whom to tell.
  await dates.first().click();
  await visited(page, 'session');
  await page.getByRole('link', { name: 'Aflys arrangementet', exact: true }).click();
  await expectVisible(page.getByRole('heading', { name: 'Vil du aflyse arrangementet?', level: 1 }), 'the question');
  assert.match(await page.locator('main').innerText(), /0 tilmeldte får en e-mail/);
  await visited(page, 'cancel-confirm');
  await submit(page, page.getByRole('button', { name: 'Ja, aflys arrangementet', exact: true }), () =>
    expectVisible(message(page, 'Arrangementet er aflyst, og de tilmeldte får besked.'), 'the cancel notice'),
  );
  assert.equal(await h1Text(page), TITLE);
  await visited(page, 'session-cancelled');

  await goto(page, '/sessions', 'sessions');
  assert.match(await page.locator('main').innerText(), /0 af 25 pladser taget, 0 på venteliste/);
});
