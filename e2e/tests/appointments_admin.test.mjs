// The coordinators' appointment pages (issue 10): the library's
// coordinator creates a service from "Administration" (a 1000-minute
// length is refused with the field named and what was typed kept), points
// "E-bøger og film" at it, and a citizen's "Book en tid" then leads there.
// A librarian refers a citizen to Borgercentret, whose staff book the
// citizen a time from the case with name and contact filled in; the
// referral is then "Kontaktet". At phone width (390 px) and desktop
// width; every page is screenshotted into e2e/test-results/ and scanned
// with axe.
//
// One demo server (fresh SQLite database, the real clock) for this file.

import assert from 'node:assert/strict';

import { goto, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey } = suite('appointments-admin');

journey('1 a coordinator creates a service on a phone and points a topic at it', PHONE, async (page, { open }) => {
  await logIn(page, 'bibliotek@dragoer.demo', 'coordinator');
  await goto(page, '/administration', 'administration');
  await page.getByRole('link', { name: 'Ydelser til aftaler' }).click();
  await page.waitForURL(/\/aftaler\/ydelser$/);
  await visited(page, 'services');
  await page.getByRole('link', { name: 'Opret en ydelse' }).click();
  await page.waitForURL(/\/aftaler\/ydelser\/ny$/);
  await visited(page, 'service-new');

  await page.getByLabel('Navn på ydelsen').fill('Hjælp til e-bøger');
  await page.getByLabel('Varighed i minutter').fill('1000');
  await page.getByLabel('Jonas Berg').check();
  await page.getByLabel('Spørgsmål til borgeren').fill('Hvilken telefon har du?');
  await page.getByRole('button', { name: 'Gem ydelsen' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'service-refused');
  assert.match(await page.title(), /^Fejl:/);
  assert.match(await page.locator('.alert-error').innerText(), /Varighed i minutter: Skriv et helt tal fra 5 til 240\./);
  assert.equal(await page.getByLabel('Navn på ydelsen').inputValue(), 'Hjælp til e-bøger', 'what was typed is kept');
  assert.ok(await page.getByLabel('Jonas Berg').isChecked());

  await page.getByLabel('Varighed i minutter').fill('45');
  await page.getByRole('button', { name: 'Gem ydelsen' }).click();
  await page.waitForURL(/notice=appointment-service-saved/);
  await visited(page, 'service-saved');
  const id = new URL(page.url()).pathname.split('/').pop();

  await goto(page, '/aftaler/emner', 'topics');
  await page.getByLabel('E-bøger og film').selectOption(id);
  await page.getByRole('button', { name: 'Gem', exact: true }).click();
  await page.waitForURL(/notice=appointment-topics-saved/);
  await visited(page, 'topics-saved');

  // A citizen, without an account, is led to the new service.
  const citizen = await open();
  await goto(citizen, '/bestil-tid', 'citizen-triage');
  await citizen.getByRole('link', { name: /E-bøger og film/ }).click();
  await citizen.waitForURL(new RegExp(`/bestil-tid/ydelse/${id}\\?emne=ebooks_films`));
  await visited(citizen, 'citizen-service');
  assert.ok((await citizen.content()).includes('Hjælp til e-bøger'));
});

journey('2 a referral becomes an appointment at desktop width', DESKTOP, async (page, { open }) => {
  await logIn(page, 'bibliotekar@dragoer.demo', 'librarian');
  await goto(page, '/henvisninger/ny', 'referral-new');
  await page.getByLabel('Borgercentret').check();
  await page.getByLabel('Hvad har borgeren brug for?').fill('Skal have et nyt MitID');
  await page.getByLabel('Borgerens navn').fill('Bo Borger');
  await page.getByLabel('Telefon').fill('12345678');
  await page.getByLabel('Borgeren har sagt ja').check();
  await page.getByRole('button', { name: 'Send henvisning' }).click();
  await page.waitForURL(/notice=referral-sent/);
  await visited(page, 'referral-sent');

  const desk = await open();
  await logIn(desk, 'borgerservice@dragoer.demo', 'citizen-service');
  await goto(desk, '/henvisninger', 'referral-queue');
  await desk.locator('a[href^="/henvisninger/"]').filter({ hasNotText: 'Send' }).last().click();
  await desk.waitForURL(/\/henvisninger\/\d+$/);
  await visited(desk, 'referral-case');
  await desk.getByRole('link', { name: 'Book en aftale med borgeren' }).click();
  await desk.waitForURL(/\/aftaler\/ny\?henvisning=\d+/);
  await visited(desk, 'referral-booking');

  // The first day ahead with a free time.
  let found = false;
  for (let i = 0; i < 10 && !found; i += 1) {
    if ((await desk.locator('input[name="start"]').count()) > 0) {
      found = true;
      break;
    }
    await desk.getByRole('link', { name: 'Dagen efter' }).click();
    await desk.waitForLoadState('load');
  }
  assert.ok(found, 'a free time within ten days');
  await visited(desk, 'referral-booking-times');
  assert.equal(await desk.getByLabel('Navn', { exact: true }).inputValue(), 'Bo Borger', 'filled in from the referral');
  await desk.locator('input[name="start"]').first().check();
  await desk.getByRole('button', { name: 'Book tiden' }).click();
  await desk.waitForURL(/\/henvisninger\/\d+\?notice=appointment-booked/);
  await visited(desk, 'referral-contacted');
  assert.ok(await desk.getByLabel('Kontaktet').isChecked());

  await goto(page, '/henvisninger', 'referral-sender-status');
  assert.ok((await page.content()).includes('Kontaktet'));
});
