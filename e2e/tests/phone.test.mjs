// On a phone (390 × 844): a senior's sign-up with mistakes (the error
// summary takes the focus and names each field), a reload of the
// confirmation that signs nobody up twice, and a partner checking someone
// in at the door from the card list. Every page visited is screenshotted
// into e2e/test-results/ and scanned with axe (WCAG 2.1 A/AA).

import assert from 'node:assert/strict';

import { expectPath, expectVisible, fillLogin, goto, h1Text, submit, visited } from '../lib/journey.mjs';
import { PHONE, suite } from '../lib/suite.mjs';

const PARTNER = { email: 'aktivitetshus@dragoer.demo', password: 'samvirke-demo' };
const STAMP = Date.now().toString(36);
const SENIOR = { name: `Else Mobil ${STAMP}`, email: `else-${STAMP}@example.dk` };

const { journey, server } = suite('phone', { serverPer: 'journey', context: PHONE });

/** The demo session with free seats (the last of the three). */
async function openSession() {
  const res = await fetch(`${server().baseURL}/api/v1/sessions`);
  const list = await res.json();
  const open = list.filter((s) => s.seats_left > 0);
  assert.ok(open.length > 0, 'a demo session with free seats');
  return open[open.length - 1];
}

journey('1 a sign-up with mistakes on a phone, then a reload of the confirmation', async (page) => {
  const session = await openSession();
  await goto(page, `/arrangementer/${session.id}`, 'event');
  await page.getByLabel('Dit navn', { exact: true }).fill('');
  await page.getByLabel('E-mail (valgfri)', { exact: true }).fill('else-at-example');
  await submit(page, page.getByRole('button', { name: 'Tilmeld mig', exact: true }), () =>
    expectVisible(page.locator('[data-module="error-summary"]'), 'the error summary'),
  );
  assert.match(await page.title(), /^Fejl: /, 'the title starts "Fejl:"');
  const summary = page.locator('[data-module="error-summary"]');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-module'));
  assert.equal(focused, 'error-summary', 'the focus is on the error summary');
  assert.ok(await summary.isVisible(), 'the summary is in view');
  const box = await summary.boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 844, `the summary is on screen (y = ${box?.y})`);
  const links = await summary.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['#name', '#email'], 'a link to each field with a problem');
  assert.equal(
    await page.getByLabel('E-mail (valgfri)', { exact: true }).inputValue(),
    'else-at-example',
    'what was typed is kept',
  );
  await visited(page, 'event-errors');

  // The link takes the keyboard to the field.
  await summary.getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');

  await page.getByLabel('Dit navn', { exact: true }).fill(SENIOR.name);
  await page.getByLabel('E-mail (valgfri)', { exact: true }).fill(SENIOR.email);
  await submit(page, page.getByRole('button', { name: 'Tilmeld mig', exact: true }), () =>
    expectPath(page, `/arrangementer/${session.id}/tilmeldt`, 'the confirmation'),
  );
  assert.equal(await h1Text(page), 'Du er tilmeldt');
  await visited(page, 'confirmed');
  const seatsAfter = (await (await fetch(`${server().baseURL}/api/v1/sessions/${session.id}`)).json()).seats_left;

  // Reload twice: the same page, nobody signed up again.
  for (let i = 0; i < 2; i += 1) {
    await page.reload();
    assert.equal(await h1Text(page), 'Du er tilmeldt');
    await expectVisible(page.getByRole('link', { name: 'Afmeld mig', exact: true }), 'the cancel link after a reload');
  }
  const seatsNow = (await (await fetch(`${server().baseURL}/api/v1/sessions/${session.id}`)).json()).seats_left;
  assert.equal(seatsNow, seatsAfter, 'a reload takes no seat');
});

journey('2 the partner checks the senior in at the door, on a phone', async (page) => {
  // The senior journey 1 signs up, signed up here so this journey stands alone.
  const signedUpOn = (await openSession()).id;
  const res = await fetch(`${server().baseURL}/api/v1/sessions/${signedUpOn}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(SENIOR),
  });
  assert.equal(res.status, 201, `signing the senior up: ${await res.text()}`);
  await goto(page, '/login', 'login');
  await fillLogin(page, PARTNER.email, PARTNER.password);
  await expectPath(page, '/dashboard', 'after logging in');
  await goto(page, `/sessions/${signedUpOn}`, 'session');

  // Find her by name.
  await page.getByLabel('Find en deltager', { exact: true }).fill('else mobil');
  await page.getByRole('button', { name: 'Søg', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.get('navn') === 'else mobil', { waitUntil: 'load' });
  await visited(page, 'session-search');
  const card = page.locator('ul.samvirke-people > li').filter({ hasText: SENIOR.name });
  await expectVisible(card, 'her card');
  assert.equal(await page.locator('ul.samvirke-people').first().locator(':scope > li').count(), 1, 'only her');
  const button = card.getByRole('button', { name: `Mødt: ${SENIOR.name}`, exact: true });
  const b = await button.boundingBox();
  assert.ok(b && b.width >= 300 && b.height >= 44, `a full-width, large button (${b?.width} × ${b?.height})`);
  await button.click();
  await page.waitForLoadState('load');
  const checked = page.locator('ul.samvirke-people > li').filter({ hasText: SENIOR.name });
  await expectVisible(checked.getByRole('button', { name: `Fortryd: ${SENIOR.name}`, exact: true }), 'her "Fortryd" button');
  assert.ok(
    (await checked.locator('strong').allInnerTexts()).map((t) => t.trim()).includes('Mødt'),
    '"Mødt" shown on her card',
  );
  await visited(page, 'checked-in');
  // No sideways scrolling on a phone.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `the page fits the phone's width (${wide} px)`);
});
