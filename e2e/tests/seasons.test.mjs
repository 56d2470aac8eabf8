// The season plan of class visits: a coordinator notes a day off on "Min
// tilgængelighed", opens the season plan, sees the proposal, moves one
// visit onto a Christmas holiday day ("Tjek" shows the conflict on its row
// and at the top), moves it back, checks and confirms; the school contact
// then sees the dates on its class list. At phone width (390 px) and
// desktop width; every page is screenshotted into e2e/test-results/ and
// scanned with axe.
//
// One demo server (fresh SQLite database, the real clock) for this file.

import assert from 'node:assert/strict';

import { goto, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey } = suite('seasons');

/** A day some weeks ahead that is a weekday, as yyyy-mm-dd. */
function weekdayAhead(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

journey('1 a coordinator notes a day off, adjusts the season plan on a phone, checks and confirms', PHONE, async (page) => {
  await logIn(page, 'bibliotek@dragoer.demo', 'coordinator');

  // A day off, from the menu's "Min tilgængelighed".
  await page.goto('/min-tid');
  await visited(page, 'availability');
  await page.getByLabel('Sygedag eller fridag').check();
  await page.getByLabel('Dato (første dag)').fill(weekdayAhead(10));
  await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
  await page.waitForURL(/notice=availability-saved/);
  await visited(page, 'availability-day-off');
  assert.ok((await page.content()).includes('Fri hele dagen'));

  // The season plan, from the classes.
  await goto(page, '/klasser', 'classes');
  await page.getByRole('link', { name: 'Sæsonplan for klassebesøg' }).click();
  await page.waitForURL(/\/saeson/);
  await visited(page, 'season-proposal');
  assert.ok((await page.content()).includes('Dage, der er gået, foreslås aldrig'));
  const rows = page.locator('form fieldset.samvirke-agenda-row');
  assert.equal(await rows.count(), 8, 'a visit for each of the eight classes');
  assert.equal(await page.locator('h2', { hasText: 'Klasser uden forslag' }).count(), 0);

  // Onto a Christmas holiday day: "Tjek" shows the conflict.
  const firstDate = page.locator('#visit-0-date');
  const proposed = await firstDate.inputValue();
  await firstDate.fill('2026-12-22');
  await page.getByRole('button', { name: 'Tjek' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'season-conflict');
  assert.match(await page.title(), /^Fejl:/);
  assert.match(await rows.first().innerText(), /Datoen ligger i en skoleferie\./);
  assert.match(await page.locator('.alert-error').innerText(), /skoleferie/);
  assert.equal(await page.locator('#visit-0-date').inputValue(), '2026-12-22', 'what was typed is kept');

  // Confirming with the conflict is refused.
  await page.getByRole('button', { name: 'Bekræft' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.alert-error').innerText(), /skoleferie/);

  // Back to the proposed day: no conflicts, then confirm.
  await page.locator('#visit-0-date').fill(proposed);
  await page.getByRole('button', { name: 'Tjek' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'season-checked');
  assert.ok((await page.content()).includes('Ingen konflikter'));
  await page.getByRole('button', { name: 'Bekræft' }).click();
  await page.waitForURL(/notice=season-confirmed/);
  await visited(page, 'season-confirmed');
  assert.ok((await page.content()).includes('Besøg, der allerede er bekræftet'));
});

journey('2 the confirmed plan at desktop width, and the school contact sees its dates', DESKTOP, async (page) => {
  await logIn(page, 'borgercenter@dragoer.demo', 'citizen-coordinator');
  await goto(page, '/saeson', 'season-saved-desktop');
  assert.equal(await page.locator('table').first().locator('tbody tr').count(), 8);
  await page.getByRole('link', { name: 'Skoleår, ferier og skolernes besøgsdage' }).click();
  await page.waitForURL(/\/saeson\/indstillinger$/);
  await visited(page, 'settings-desktop');
  await page.getByLabel('Efterårsferie i uge').fill('99');
  await page.getByRole('button', { name: 'Gem', exact: true }).first().click();
  await page.waitForLoadState('load');
  await visited(page, 'settings-error');
  assert.match(await page.title(), /^Fejl:/);
  await page.getByLabel('Efterårsferie i uge').fill('42');
  await page.getByRole('button', { name: 'Gem', exact: true }).first().click();
  await page.waitForURL(/notice=settings-saved/);

  await page.context().clearCookies();
  await logIn(page, 'skole@dragoer.demo', 'school');
  await goto(page, '/klasser', 'school-classes-with-dates');
  const cells = await page.locator('tbody tr td:nth-child(4)').allInnerTexts();
  assert.equal(cells.length, 3);
  for (const text of cells) assert.match(text, /\d{1,2}\.\d{1,2}\.\d{4}/, `a date: ${text}`);
  await page.locator('tbody tr').first().getByRole('link').click();
  await page.waitForURL(/\/klasser\/\d+$/);
  await visited(page, 'school-class-with-date');
  assert.ok(!(await page.content()).includes('Ikke planlagt endnu'));
});

journey('3 the school contact sets its school\'s visit days on a phone', PHONE, async (page) => {
  await logIn(page, 'skole@dragoer.demo', 'school-phone');
  await goto(page, '/klasser', 'school-classes-phone');
  await page.getByRole('link', { name: 'Skoleår, ferier og skolernes besøgsdage' }).click();
  await page.waitForURL(/\/saeson\/indstillinger$/);
  await visited(page, 'school-settings');
  await page.getByLabel('Fredag').uncheck();
  await page.getByLabel('Et besøg varer (minutter)').fill('5');
  await page.getByRole('button', { name: /^Gem/ }).click();
  await page.waitForLoadState('load');
  await visited(page, 'school-settings-error');
  assert.match(await page.title(), /^Fejl:/);
  await page.getByLabel('Et besøg varer (minutter)').fill('90');
  await page.getByRole('button', { name: /^Gem/ }).click();
  await page.waitForURL(/notice=settings-saved/);
  await visited(page, 'school-settings-saved');
  assert.equal(await page.getByLabel('Fredag').isChecked(), false);
});
