// The visit day: the citizen service's coordinator opens 9.A's class sheet,
// marks attendance and MitID for some pupils with the keyboard only, saves,
// opens the run sheet and sees the three groups; a library staff member
// sees the groups but no MitID field. At desktop (1280 px) and phone
// (390 px) width; every page is screenshotted into e2e/test-results/ and
// scanned with axe.

import assert from 'node:assert/strict';

import { goto, h1Text, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey } = suite('visitday');

async function openClass(page, label) {
  await goto(page, '/klasser', `${label}-classes`);
  await page.locator('tbody tr', { hasText: 'Dragør Skole' }).filter({ hasText: '9.A' }).getByRole('link').click();
  await page.waitForURL(/\/klasser\/\d+$/);
  await visited(page, `${label}-class`);
}

journey('1 the citizen service marks the class sheet with the keyboard and sees the groups', DESKTOP, async (page) => {
  await logIn(page, 'borgercenter@dragoer.demo', 'citizen');
  await openClass(page, 'citizen');
  await page.getByRole('link', { name: 'Klasseark' }).click();
  await page.waitForURL(/\/klasseark$/);
  await visited(page, 'citizen-sheet');
  const ids = await page.locator('input[name=pupil]').evaluateAll((els) => els.map((e) => e.value));
  assert.equal(ids.length, 24);
  const [first, second] = ids;

  // Keyboard only: the first pupil attended, wants MitID now and got it;
  // the second attended and asked questions; Enter in a field saves.
  await page.locator(`#attended-${first}`).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // asked
  await page.keyboard.press('Tab'); // MitID created
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // MitID status
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator(`#mitid-${first}`).inputValue(), 'wants_at_visit');
  await page.keyboard.press('Tab'); // parent's e-mail
  await page.keyboard.press('Tab'); // consent
  await page.keyboard.press('Tab'); // the next pupil: attended
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // asked
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // MitID created
  await page.keyboard.press('Tab'); // MitID status
  await page.keyboard.press('Tab'); // parent's e-mail
  assert.equal(await page.evaluate(() => document.activeElement.id), `email-${second}`);
  await page.keyboard.press('Enter');
  await page.waitForURL(/notice=sheet-saved$/);
  await visited(page, 'citizen-sheet-saved');
  assert.ok(await page.locator(`#attended-${first}`).isChecked());
  assert.ok(await page.locator(`#mitid_created-${first}`).isChecked());
  assert.ok(await page.locator(`#asked-${second}`).isChecked());
  assert.equal(await page.locator(`#mitid-${first}`).inputValue(), 'wants_at_visit');

  // An e-mail without consent: the error is next to the field and at the top.
  await page.locator(`#email-${second}`).fill('forælder@example.dk');
  await page.getByRole('button', { name: 'Gem klassearket' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'citizen-sheet-no-consent');
  assert.match(await page.title(), /^Fejl:/);
  assert.equal(await page.locator(`#email-${second}`).inputValue(), 'forælder@example.dk');

  await page.getByRole('link', { name: 'Tilbage til klassen' }).click();
  await page.waitForURL(/\/klasser\/\d+$/);
  await page.getByRole('link', { name: 'Køreplan' }).click();
  await page.waitForURL(/\/koereplan$/);
  await visited(page, 'citizen-run-sheet');
  assert.match(await h1Text(page), /^Køreplan: 9\.A Dragør Skole/);
  const groups = await page.locator('h3').allInnerTexts();
  assert.deepEqual(
    groups.map((g) => g.replace(/ \(\d+\)$/, '')),
    ['MitID med Borgercentret', 'Sikkerhedsspørgsmål og øvelser med biblioteket', 'Når du fylder 15 — med Borgercentret'],
  );
  assert.match(groups[0], /\(1\)$/, 'the pupil who wants MitID now');
  assert.ok((await page.content()).includes('MitID: Vil have MitID på dagen'));
});

journey('2 library staff see the groups but no MitID field, on a phone', PHONE, async (page) => {
  await logIn(page, 'bibliotekar@dragoer.demo', 'library');
  await openClass(page, 'library');
  await page.getByRole('link', { name: 'Klasseark' }).click();
  await page.waitForURL(/\/klasseark$/);
  await visited(page, 'library-sheet');
  assert.equal(await page.locator('select[name^=mitid-]').count(), 0);
  assert.equal(await page.locator('input[name^=mitid_created-]').count(), 0);
  assert.ok(await page.getByText('Stillede spørgsmål').first().isVisible());
  await page.getByRole('link', { name: 'Tilbage til klassen' }).click();
  await page.waitForURL(/\/klasser\/\d+$/);
  await page.getByRole('link', { name: 'Køreplan' }).click();
  await page.waitForURL(/\/koereplan$/);
  await visited(page, 'library-run-sheet');
  assert.equal(await page.locator('h3').count(), 3);
  assert.ok(!(await page.content()).includes('MitID: '), 'groups, not the MitID status');
});
