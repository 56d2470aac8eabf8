// Editing what was planned, at desktop width: a coordinator edits a
// programme (target group, a new agenda item moved to the top) and a session
// (seats below those signed up are refused with a clear error; a new time is
// saved and the e-mail to the citizen goes out). Every page visited is
// screenshotted into e2e/test-results/ and scanned with axe (WCAG 2.1 A/AA).
//
// One demo server (fresh SQLite database) for this file. Demo data: the
// programme "010101 Dit digitale liv" of Dragør Bibliotek; its first session
// has 23 of 40 seats taken.

import assert from 'node:assert/strict';

import { expectPath, expectVisible, fillLogin, formErrors, goto, h1Text, pathOf, submit, visited } from '../lib/journey.mjs';
import { waitForMail } from '../lib/mail.mjs';
import { DESKTOP, suite } from '../lib/suite.mjs';

const COORDINATOR = { email: 'bibliotek@dragoer.demo', password: 'samvirke-demo' };
const TITLE = '010101 Dit digitale liv';
const STAMP = Date.now();
const CITIZEN = { name: `Flyt Mig ${STAMP}`, email: `flyt-${STAMP}@example.dk` };

const { journey, server } = suite('editing', { serverPer: 'journey', context: DESKTOP });

async function logIn(page, { email, password }, label) {
  await goto(page, '/login', `${label}-login`);
  await fillLogin(page, email, password);
  await expectPath(page, '/dashboard', `after logging in as ${email}`);
  await visited(page, `${label}-dashboard`);
}

function notice(page, text) {
  return page.locator('[role="alert"], [role="status"], .alert').filter({ hasText: text });
}

/** The body of an e-mail to `email` that holds `text`. */
function emailTo(email, text) {
  return waitForMail(server(), email, (body) => (body.includes(text) ? body : undefined), { what: `"${text}"` });
}

journey('1 a coordinator edits a programme: target group and a new first agenda item', async (page) => {
  await logIn(page, COORDINATOR, 'coordinator');
  await goto(page, '/programmes', 'programmes');
  await page.getByRole('link', { name: TITLE, exact: true }).first().click();
  await page.waitForURL(/\/programmes\/\d+$/);
  const programmePath = pathOf(page);
  await visited(page, 'programme');

  await page.getByRole('link', { name: 'Ret programmet', exact: true }).click();
  await expectPath(page, `${programmePath}/ret`, 'the programme edit page');
  await visited(page, 'programme-edit');
  assert.equal(await h1Text(page), 'Ret programmet');

  // An empty title: refused, the error summary at the top, the rest kept.
  const title = page.getByLabel('Titel', { exact: true });
  const target = page.getByLabel('Målgruppe', { exact: true });
  await title.fill('');
  await target.fill('Seniorer og deres pårørende');
  await submit(page, page.getByRole('button', { name: 'Gem ændringerne', exact: true }), () =>
    expectVisible(formErrors(page).first(), 'an error after an empty title'),
  );
  await visited(page, 'programme-edit-error');
  assert.match(await page.title(), /^Fejl:/);
  assert.equal(await page.getByLabel('Målgruppe', { exact: true }).inputValue(), 'Seniorer og deres pårørende');

  await page.getByLabel('Titel', { exact: true }).fill(TITLE);
  const fresh = page.getByRole('group', { name: 'Nyt punkt', exact: true }).first();
  await fresh.getByLabel('Punktets titel', { exact: true }).fill('Velkomst og kaffe');
  await fresh.getByLabel('Minutter', { exact: true }).fill('15');
  await fresh.getByLabel('Nummer i rækkefølgen', { exact: true }).fill('1');
  await submit(page, page.getByRole('button', { name: 'Gem ændringerne', exact: true }), () =>
    expectPath(page, programmePath, 'back on the programme after saving'),
  );
  await visited(page, 'programme-saved');
  await expectVisible(notice(page, 'Ændringerne i programmet er gemt.'), 'the notice "Ændringerne i programmet er gemt."');
  const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.ok(main.includes('Seniorer og deres pårørende'), 'the new target group is shown');
  const first = page.getByRole('heading', { name: 'Program', exact: true }).locator('xpath=following::ol[1]/li[1]');
  assert.match(await first.innerText(), /Velkomst og kaffe/);
});

journey('2 a coordinator moves a session and the citizen gets an e-mail', async (page, { open }) => {
  // A citizen signs up with an e-mail on the first demo session.
  const citizen = await open();
  await goto(citizen, '/arrangementer', 'events');
  const card = citizen.locator('main h2 a[href^="/arrangementer/"]').first();
  const href = await card.getAttribute('href');
  const id = href.split('/').pop();
  await goto(citizen, href, 'event');
  await citizen.getByLabel('Dit navn', { exact: true }).fill(CITIZEN.name);
  await citizen.getByLabel('E-mail (valgfri)', { exact: true }).fill(CITIZEN.email);
  await submit(citizen, citizen.getByRole('button', { name: /^(Tilmeld mig|Skriv mig på ventelisten)$/ }), () =>
    expectVisible(citizen.getByRole('link', { name: 'Afmeld mig', exact: true }), 'the confirmation page'),
  );
  await visited(citizen, 'signed-up');

  await logIn(page, COORDINATOR, 'coordinator');
  await goto(page, `/sessions/${id}`, 'session');
  await page.getByRole('link', { name: 'Ret tid, sted og pladser', exact: true }).click();
  await expectPath(page, `/sessions/${id}/ret`, 'the session edit page');
  await visited(page, 'session-edit');
  assert.equal(await h1Text(page), 'Ret arrangement');

  // Fewer seats than signed up: a clear error next to the field; the typed values stay.
  const seats = page.getByLabel('Antal pladser', { exact: true });
  const start = page.getByLabel('Starttid', { exact: true });
  const end = page.getByLabel('Sluttid', { exact: true });
  await seats.fill('1');
  await start.fill('15.00');
  await end.fill('17.00');
  await submit(page, page.getByRole('button', { name: 'Gem ændringerne', exact: true }), () =>
    expectVisible(formErrors(page).first(), 'an error after too few seats'),
  );
  await visited(page, 'session-edit-too-few-seats');
  assert.match(await page.title(), /^Fejl:/);
  const summary = (await formErrors(page).first().innerText()).replace(/\s+/g, ' ');
  assert.match(summary, /Der er allerede \d+ tilmeldte\. Du kan ikke sætte pladserne lavere\./);
  assert.equal(await page.getByLabel('Starttid', { exact: true }).inputValue(), '15.00');
  assert.equal(await page.getByLabel('Antal pladser', { exact: true }).inputValue(), '1');

  await page.getByLabel('Antal pladser', { exact: true }).fill('60');
  await submit(page, page.getByRole('button', { name: 'Gem ændringerne', exact: true }), () =>
    expectPath(page, `/sessions/${id}`, 'back on the session after saving'),
  );
  await visited(page, 'session-saved');
  await expectVisible(notice(page, 'Ændringerne er gemt.'), 'the notice "Ændringerne er gemt."');
  const lead = (await page.locator('main .font-lead').first().innerText()).replace(/\s+/g, ' ');
  assert.match(lead, /15\.00/);

  // The e-mail is queued (the outbox page) and goes out (an .eml file).
  await goto(page, '/outbox', 'outbox');
  const outbox = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.ok(outbox.includes(`Ny tid eller nyt sted: ${TITLE}`), 'the outbox lists the e-mail about the new time');
  const body = await emailTo(CITIZEN.email, 'er flyttet');
  assert.match(body, /kl\. 15\.00–17\.00/);
});
