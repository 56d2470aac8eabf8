// Class visits: a school contact imports a class list with one bad line
// (the preview names the line), confirms it, and sees the pupils without
// any MitID status; the citizen service sees the MitID column, the library
// the visit day's groups. At phone width (390 px) and desktop width; every
// page is screenshotted into e2e/test-results/ and scanned with axe.
//
// One demo server (fresh SQLite database) for this file. Demo data: eight
// 9th-grade classes in Dragør's three schools; Dragør Skole's 9.A has 24
// made-up pupils, the others none.

import assert from 'node:assert/strict';

import { goto, h1Text, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey } = suite('classes');

journey('1 a school contact imports a class list on a phone: preview, one bad line, save', PHONE, async (page) => {
  await logIn(page, 'skole@dragoer.demo', 'school');
  await goto(page, '/klasser', 'school-classes');
  assert.equal(await page.locator('tbody tr').count(), 3, 'only the own school');
  await page.getByRole('link', { name: /9\.C/ }).click();
  await page.waitForURL(/\/klasser\/\d+$/);
  await visited(page, 'school-class-empty');
  await page.getByRole('link', { name: 'Indlæs klasseliste' }).click();
  await page.waitForURL(/\/indlaes$/);
  await visited(page, 'school-import-form');

  // Without a file: the error summary names the field.
  await page.getByRole('button', { name: 'Vis listen' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'school-import-no-file');
  assert.match(await page.title(), /^Fejl:/);

  const csv = 'Fornavn;Efternavn;Fødselsdato\nGry;Iversen;3.4.2011\nHans;Juhl;31.2.2011\nIb;Kjær;2011-06-30\n';
  await page.locator('#file').setInputFiles({ name: '9c.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Vis listen' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'school-import-preview');
  const errorRow = page.locator('table').first().locator('tbody tr');
  assert.equal(await errorRow.count(), 1);
  assert.match(await errorRow.innerText(), /^3\s+Fødselsdatoen kan ikke læses/);

  await page.getByRole('button', { name: 'Gem 2 elever' }).click();
  await page.waitForURL(/\/klasser\/\d+\?notice=pupils-saved$/);
  await visited(page, 'school-class-saved');
  const rows = page.locator('tbody tr');
  assert.equal(await rows.count(), 2);
  assert.ok((await page.content()).includes('Gry Iversen'));
  assert.ok(!(await page.locator('th').allInnerTexts()).includes('MitID'), 'the school never sees MitID');
});

journey('2 the citizen service sees MitID, the library the groups, at desktop width', DESKTOP, async (page) => {
  await logIn(page, 'mitid@dragoer.demo', 'citizen-service');
  await goto(page, '/klasser', 'citizen-service-classes');
  assert.equal(await page.locator('tbody tr').count(), 8);
  await page.locator('tbody tr', { hasText: 'Dragør Skole' }).filter({ hasText: '9.A' }).getByRole('link').click();
  await page.waitForURL(/\/klasser\/\d+$/);
  await visited(page, 'citizen-service-class');
  assert.equal(await h1Text(page), '9.A Dragør Skole');
  const headers = await page.locator('th').allInnerTexts();
  assert.ok(headers.includes('MitID') && headers.includes('Gruppe på dagen'));
  assert.equal(await page.locator('tbody tr').count(), 24);
  await page.getByRole('link', { name: 'Forældrebrev' }).click();
  await page.waitForURL(/\/foraeldrebrev$/);
  await visited(page, 'citizen-service-letter');
  assert.match(await h1Text(page), /^Digital dåb og dannelse i 9\.A/);
  await page.getByRole('link', { name: 'Read the letter in English' }).click();
  await page.waitForURL(/sprog=en$/);
  await visited(page, 'citizen-service-letter-en');

  await page.context().clearCookies();
  await logIn(page, 'bibliotekar@dragoer.demo', 'library');
  await goto(page, '/klasser', 'library-classes');
  await page.locator('tbody tr', { hasText: 'Dragør Skole' }).filter({ hasText: '9.A' }).getByRole('link').click();
  await page.waitForURL(/\/klasser\/\d+$/);
  await visited(page, 'library-class');
  const libraryHeaders = await page.locator('th').allInnerTexts();
  assert.ok(libraryHeaders.includes('Gruppe på dagen') && !libraryHeaders.includes('MitID'));
});

journey('3 the citizen service keeps the text on what to bring for MitID', PHONE, async (page) => {
  await logIn(page, 'borgercenter@dragoer.demo', 'citizen-coordinator');
  await goto(page, '/klasser', 'citizen-coordinator-classes');
  await page.getByRole('link', { name: 'Tekst om, hvad eleverne skal have med til MitID' }).click();
  await page.waitForURL(/\/klasser\/medbring$/);
  await visited(page, 'guidance-form');
  await page.getByLabel('Tekst på dansk').fill('Pas eller kørekort og sundhedskort.');
  await page.getByRole('button', { name: 'Gem' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'guidance-missing-english');
  assert.match(await page.title(), /^Fejl:/);
  assert.equal(await page.getByLabel('Tekst på dansk').inputValue(), 'Pas eller kørekort og sundhedskort.');
  await page.getByLabel('Tekst på engelsk').fill('Passport or driving licence and health card.');
  await page.getByRole('button', { name: 'Gem' }).click();
  await page.waitForURL(/notice=guidance-saved$/);
  await visited(page, 'guidance-saved');
});
