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
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

import { expectPath, expectVisible, fillLogin, formErrors, goto, h1Text, pathOf, submit, visited } from '../lib/journey.mjs';
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

/** The text body of an .eml file (the first part of a multipart one): quoted-printable or base64 decoded. */
function emlBody(raw) {
  let [head, ...rest] = raw.split(/\r?\n\r?\n/);
  let body = rest.join('\n\n');
  // With a calendar file the message is multipart: the text is the first part.
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(head)?.[1];
  if (boundary) {
    [head, ...rest] = (body.split(`--${boundary}`)[1] ?? '').replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
    body = rest.join('\n\n');
  }
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** Wait (up to 20 s; the worker runs every 2 s) for an e-mail to `email` whose body holds `text`. */
async function emailTo(email, text) {
  const dir = path.join(server().tmpDir, 'data', 'outbox');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.eml'));
    for (const f of files) {
      const raw = await readFile(path.join(dir, f), 'utf8');
      if (!raw.includes(email)) continue;
      const body = emlBody(raw);
      if (body.includes(text)) return body;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no e-mail to ${email} holding "${text}" in ${dir} within 20 s`);
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
