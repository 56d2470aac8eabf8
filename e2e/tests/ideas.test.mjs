// Ideas and a person's own data (issue 13): a citizen sends an idea on the
// public form (first with a mistake), a coordinator triages it and turns it
// into a programme draft; the citizen asks for their own data, opens the
// link from the e-mail, presses the button and sees the idea. Every page is
// screenshotted and scanned with axe, at phone width (390 px) and desktop.
//
// One demo server (fresh SQLite database, the real clock) for this file.

import assert from 'node:assert/strict';

import { goto, visited } from '../lib/journey.mjs';
import { linkPath, waitForMail } from '../lib/mail.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey, server } = suite('ideas');

const EMAIL = 'ida.borger@example.dk';
const IDEA = 'Strikkecafé på biblioteket med hjælp til mobilen';

for (const [n, size, label] of [
  ['1', PHONE, 'phone'],
  ['2', DESKTOP, 'desktop'],
]) {
  journey(`${n} a citizen sends an idea and a coordinator makes it a programme draft (${label})`, size, async (page) => {
    const text = `${IDEA} (${label})`;
    await goto(page, '/', `front-${label}`);
    await page.getByRole('link', { name: 'Send din idé' }).click();
    await page.waitForURL(/\/ide$/);
    await visited(page, `idea-form-${label}`);

    // An e-mail without consent: the error summary, what was typed kept.
    await page.getByLabel('Seniorer').check();
    await page.getByLabel('Din idé', { exact: true }).fill(text);
    await page.getByLabel('Din e-mail (valgfri)').fill(EMAIL);
    await page.getByRole('button', { name: 'Send idéen' }).click();
    await page.waitForLoadState('load');
    await visited(page, `idea-error-${label}`);
    assert.match(await page.title(), /^Fejl:/);
    assert.equal(await page.getByLabel('Din idé', { exact: true }).inputValue(), text);
    await page.getByLabel('Ja, I må skrive til mig om min idé.').check();
    await page.getByRole('button', { name: 'Send idéen' }).click();
    await page.waitForURL(/\/ide\/tak$/);
    await visited(page, `idea-thanks-${label}`);

    // The coordinator triages it.
    await page.context().clearCookies();
    await logIn(page, 'bibliotek@dragoer.demo', `coordinator-${label}`);
    await goto(page, '/ideer', `ideas-list-${label}`);
    await page.getByRole('link', { name: /Idé \d+: Seniorer/ }).first().click();
    await page.waitForURL(/\/ideer\/\d+$/);
    await visited(page, `idea-detail-${label}`);
    assert.ok((await page.content()).includes(EMAIL), 'the coordinator sees the contact');
    await page.getByLabel('Overvejes').check();
    await page.getByLabel('Note').fill('Vi tager den op på næste møde.');
    await page.getByRole('button', { name: 'Gem status' }).click();
    await page.waitForURL(/notice=idea-saved/);
    await visited(page, `idea-saved-${label}`);
    await page.getByRole('button', { name: 'Lav programudkast' }).click();
    await page.waitForURL(/\/programmes\/\d+\/ret$/);
    await visited(page, `programme-draft-${label}`);
    const programme = /\/programmes\/(\d+)\//.exec(page.url())[1];
    await goto(page, `/programmes/${programme}`, `programme-from-idea-${label}`);
    await page.getByRole('link', { name: /^Idé \d+/ }).click();
    await page.waitForURL(/\/ideer\/\d+$/);
    assert.ok((await page.content()).includes(`/programmes/${programme}`), 'linked both ways');
  });
}

journey('3 the citizen asks for their own data, opens the link and sees it', PHONE, async (page) => {
  await goto(page, '/', 'own-front');
  await page.getByRole('link', { name: 'Se dine oplysninger' }).click();
  await page.waitForURL(/\/mine-data$/);
  await visited(page, 'own-data-form');
  await page.getByLabel('Din e-mail').fill(EMAIL.toUpperCase());
  await page.getByRole('button', { name: 'Send mig et link' }).click();
  await page.waitForURL(/\/mine-data\/sendt$/);
  await visited(page, 'own-data-sent');
  const link = await waitForMail(server(), EMAIL, (body) => linkPath(body, '/mine-data/[A-Za-z0-9_-]+'), {
    what: 'an own-data link',
  });
  await goto(page, link, 'own-data-open');
  await page.getByRole('button', { name: 'Vis mine oplysninger' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'own-data-answer');
  const html = await page.content();
  assert.ok(html.includes(IDEA), 'the idea is there');
  assert.ok(html.includes('E-mail på en idé'), 'the coordinator’s read is there, without a name');
  const again = await page.goto(link);
  assert.equal(again.status(), 410, 'the link works once');
  await visited(page, 'own-data-gone');
  assert.ok((await page.content()).includes('Linket virker ikke længere'));
});

journey('4 the own-data answer and the ideas list at desktop width', DESKTOP, async (page) => {
  await logIn(page, 'admin@dragoer.demo', 'admin');
  await goto(page, '/borgerdata', 'desk-form');
  await page.getByLabel('Borgerens e-mail').fill(EMAIL);
  await page.getByRole('button', { name: 'Vis oplysningerne' }).click();
  await page.waitForLoadState('load');
  await visited(page, 'desk-answer');
  assert.ok((await page.content()).includes(IDEA));
  await goto(page, '/indstillinger/opbevaring', 'retention');
  await goto(page, '/ideer?status=considering', 'ideas-filtered');
});
