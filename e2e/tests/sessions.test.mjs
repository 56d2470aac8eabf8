// Session journeys: public sign-up (with waiting list and cancel link) and
// staff running a session (participants, check-in, phone sign-up, walk-ins,
// print views). Every page visited is screenshotted into e2e/test-results/
// and scanned with axe (WCAG 2.1 A/AA).
//
// A fresh demo server (its own SQLite database) for each journey, so no
// journey depends on another or on their order. Demo data: the programme
// "010101 Dit digitale liv" with three sessions at "Wiedergården, Dragørs
// Aktivitetshus", 40 seats each: the first has 23 taken, the second is full
// (40/40), the third is empty; each journey finds their ids on /arrangementer.

import assert from 'node:assert/strict';

import { newContext } from '../lib/browser.mjs';
import { expectHtmlLang, expectPath, expectVisible, fieldError, fillLogin, formErrors, goto, h1Text, pathOf, submit, visited } from '../lib/journey.mjs';
import { suite } from '../lib/suite.mjs';

const COORDINATOR = { email: 'bibliotek@dragoer.demo', password: 'samvirke-demo' };
const PARTNER = { email: 'aktivitetshus@dragoer.demo', password: 'samvirke-demo' };
const TITLE = '010101 Dit digitale liv';
const PLACE = 'Wiedergården, Dragørs Aktivitetshus';
const STAMP = Date.now();
/** An 8-digit Danish phone number unique to this run. */
const PHONE = `2${String(STAMP).slice(-7)}`;

const TEXT = {
  contactRequired: 'Skriv din e-mail eller dit telefonnummer, eller sæt kryds i, at du ikke har nogen af delene.',
  already: 'Du er allerede tilmeldt med den e-mail eller det telefonnummer. Du behøver ikke gøre mere.',
  full: 'Der er ikke flere pladser. Du kan komme på venteliste',
};

const CITIZENS = {
  p1: { name: `Person Et ${STAMP}`, email: `p1-${STAMP}@example.dk` },
  p2: { name: `Person To ${STAMP}`, email: `p2-${STAMP}@example.dk` },
  p3: { name: `Person Tre ${STAMP}`, email: `p3-${STAMP}@example.dk` },
  caller: { name: `Ringer Rasmussen ${STAMP}`, phone: PHONE },
  waitCaller: { name: `Venter Vestergaard ${STAMP}`, phone: `3${String(STAMP).slice(-7)}` },
  walkIn: { name: `Kom Forbi ${STAMP}` },
  nojs: { name: `Uden Script ${STAMP}`, email: `nojs-${STAMP}@example.dk` },
};

/** Session ids by role: { first, full, empty }, read from /arrangementer as each journey starts. */
let ids;

const { journey, server, browser } = suite('sessions', {
  serverPer: 'journey',
  onServer: async () => {
    ids = await readSessionIds();
  },
});

/** The public event cards on the current page: [{ id, href, title, text }]. */
async function eventCards(page) {
  return page.locator('main h2 a[href^="/arrangementer/"]').evaluateAll((links) =>
    links.map((a) => {
      const card = a.closest('li, article, .card') || a.parentElement.parentElement;
      const href = a.getAttribute('href');
      return {
        id: href.split('/').pop(),
        href,
        title: a.textContent.replace(/\s+/g, ' ').trim(),
        text: card.innerText.replace(/\s+/g, ' ').trim(),
      };
    }),
  );
}

/** Find the three demo sessions by their seats (setup only: no screenshot, no scan). */
async function readSessionIds() {
  const context = await newContext(browser(), server().baseURL);
  try {
    const page = await context.newPage();
    const res = await page.goto('/arrangementer');
    assert.ok(res && res.status() < 400, `GET /arrangementer answered ${res?.status()}`);
    const cards = await eventCards(page);
    const find = (re, what) => {
      const card = cards.find((c) => re.test(c.text));
      assert.ok(card, `no card on /arrangementer ${what}; cards:\n${JSON.stringify(cards, null, 2)}`);
      return card.id;
    };
    return {
      first: find(/\b17 ledige pladser\./, 'with "17 ledige pladser." (the first demo session)'),
      full: find(/Der er ikke flere pladser/, 'saying "Der er ikke flere pladser" (the full demo session)'),
      empty: find(/\b40 ledige pladser\./, 'with "40 ledige pladser." (the empty demo session)'),
    };
  } finally {
    await context.close();
  }
}

/**
 * What journey B does first, done here for a journey that needs it (setup
 * only: no screenshot, no scan): the coordinator signs the caller up by
 * phone on the first session and checks them in.
 */
async function checkInCaller() {
  const context = await newContext(browser(), server().baseURL);
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await fillLogin(page, COORDINATOR.email, COORDINATOR.password);
    await expectPath(page, '/dashboard', 'setup: logged in');
    await page.goto(`/sessions/${ids.first}`);
    const pf = phoneForm(page);
    await pf.name.fill(CITIZENS.caller.name);
    await pf.phone.fill(CITIZENS.caller.phone);
    await pf.button.click();
    const caller = CITIZENS.caller.name;
    await expectVisible(participantRow(page, caller), `setup: a row for "${caller}"`);
    await submit(page, looseButton(participantRow(page, caller), 'Mødt', caller), () =>
      expectVisible(looseButton(participantRow(page, caller), 'Fortryd', caller), 'setup: checked in'),
    );
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- helpers

function headerLink(page, name) {
  return page.getByRole('banner').getByRole('link', { name, exact: true });
}

/** An alert/status message with exactly this text somewhere inside it. */
function message(page, text) {
  return page.locator('[role="alert"], [role="status"], .alert').filter({ hasText: text });
}

/** Log in at /login and land on /dashboard (both visited). */
async function logIn(page, { email, password }, label) {
  await goto(page, '/login', `${label}-login`);
  await fillLogin(page, email, password);
  await expectPath(page, '/dashboard', `after logging in as ${email}`);
  await visited(page, `${label}-dashboard`);
}

/** The public sign-up form on /arrangementer/{id}. */
function signupForm(page) {
  return {
    name: page.getByLabel('Dit navn', { exact: true }),
    email: page.getByLabel('E-mail (valgfri)', { exact: true }),
    phone: page.getByLabel('Telefon (valgfri)', { exact: true }),
    noContact: page.getByRole('checkbox', { name: 'Jeg har hverken e-mail eller telefon', exact: true }),
    needs: page.getByRole('group', { name: 'Har du brug for noget særligt?', exact: true }),
    hearingLoop: page.getByRole('checkbox', { name: 'Teleslynge', exact: true }),
    wheelchair: page.getByRole('checkbox', { name: 'Plads til kørestol', exact: true }),
    other: page.getByLabel('Andet, vi skal vide (valgfri)', { exact: true }),
    signUp: page.getByRole('button', { name: 'Tilmeld mig', exact: true }),
    waitlist: page.getByRole('button', { name: 'Skriv mig på ventelisten', exact: true }),
  };
}

/** Check every part of the sign-up page; `full` decides which button it must have. */
async function expectEventPage(page, { full }) {
  assert.equal(await h1Text(page), TITLE);
  const agendaHeading = page.getByRole('heading', { name: 'Program', exact: true });
  await expectVisible(agendaHeading, 'a heading "Program"');
  const agenda = agendaHeading.locator('xpath=following::ol[1]');
  await expectVisible(agenda, 'an ordered list after the heading "Program"');
  assert.ok((await agenda.locator('li').count()) > 0, 'the agenda list "Program" has items');
  await expectVisible(page.getByRole('heading', { name: 'Tilmelding', exact: true }), 'a heading "Tilmelding"');
  const f = signupForm(page);
  await expectVisible(f.name, 'a field "Dit navn"');
  await expectVisible(f.email, 'a field "E-mail (valgfri)"');
  await expectVisible(f.phone, 'a field "Telefon (valgfri)"');
  await expectVisible(f.noContact, 'a checkbox "Jeg har hverken e-mail eller telefon"');
  await expectVisible(f.needs, 'a fieldset "Har du brug for noget særligt?"');
  await expectVisible(f.needs.getByRole('checkbox', { name: 'Teleslynge', exact: true }), 'a checkbox "Teleslynge" in that fieldset');
  await expectVisible(
    f.needs.getByRole('checkbox', { name: 'Plads til kørestol', exact: true }),
    'a checkbox "Plads til kørestol" in that fieldset',
  );
  await expectVisible(f.other, 'a field "Andet, vi skal vide (valgfri)"');
  if (full) {
    await expectVisible(f.waitlist, 'the button "Skriv mig på ventelisten" (the session is full)');
    assert.equal(await f.signUp.count(), 0, 'no "Tilmeld mig" button on a full session');
  } else {
    await expectVisible(f.signUp, 'the button "Tilmeld mig"');
    assert.equal(await f.waitlist.count(), 0, 'no "Skriv mig på ventelisten" button on a session with seats');
  }
  return f;
}

/** Submit with only a name: errors next to the contact fields, the name kept. */
async function expectContactRequired(page, name, { full }, label) {
  const f = signupForm(page);
  await f.name.fill(name);
  await f.email.fill('');
  await f.phone.fill('');
  await f.noContact.uncheck();
  await submit(page, full ? f.waitlist : f.signUp, () =>
    expectVisible(formErrors(page).first(), 'error messages after signing up with only a name'),
  );
  await visited(page, label);
  const errors = {
    'E-mail (valgfri)': await fieldError(signupForm(page).email),
    'Telefon (valgfri)': await fieldError(signupForm(page).phone),
    'Jeg har hverken e-mail eller telefon': await fieldError(signupForm(page).noContact),
  };
  const withMessage = Object.entries(errors).filter(([, e]) => e.text.includes(TEXT.contactRequired));
  assert.ok(
    withMessage.length > 0,
    `the error "${TEXT.contactRequired}" next to a contact field; found ${JSON.stringify(errors)} ` +
      `(page errors: ${JSON.stringify(await formErrors(page).allInnerTexts())})`,
  );
  for (const [field, e] of withMessage) assert.ok(e.marked, `the field "${field}" is marked invalid`);
  assert.equal(await signupForm(page).name.inputValue(), name, 'the typed name is kept');
}

/** On the confirmation page: its h1, the waiting-list number, the cancel path. */
async function readDonePage(page) {
  const h1 = await h1Text(page);
  const body = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const place = body.match(/Du er nummer (\d+) på ventelisten\./);
  const link = page.getByRole('link', { name: 'Afmeld mig', exact: true });
  await expectVisible(link, 'a link "Afmeld mig"');
  const href = await link.getAttribute('href');
  const cancelPath = new URL(href, server().baseURL).pathname;
  assert.match(cancelPath, /^\/afmeld\/[^/]+$/, `the link "Afmeld mig" goes to /afmeld/<token>, not ${href}`);
  return { h1, place: place ? Number(place[1]) : null, cancelPath, body };
}

/** Sign up on the open event page with the given person; returns readDonePage. */
async function signUp(page, person, { full }, label) {
  const f = signupForm(page);
  await f.name.fill(person.name);
  await f.email.fill(person.email ?? '');
  await f.phone.fill(person.phone ?? '');
  if (person.hearingLoop) await f.hearingLoop.check();
  await submit(page, full ? f.waitlist : f.signUp, () =>
    expectVisible(page.getByRole('link', { name: 'Afmeld mig', exact: true }), `the confirmation page for ${person.name}`),
  );
  await visited(page, label);
  return readDonePage(page);
}

/** The table following the h2 with this name. */
function tableAfter(page, heading) {
  return page
    .getByRole('heading', { level: 2, name: heading, exact: true })
    .locator('xpath=following::table[1]');
}

/** The list of people's cards following the h2 with this name. */
function peopleAfter(page, heading) {
  return page
    .getByRole('heading', { level: 2, name: heading, exact: true })
    .locator('xpath=following::ul[contains(@class, "samvirke-people")][1]');
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A check-in button "<label>: <name>" that also matches when the accessible
 * name has stray spaces around the colon, so a journey can carry on; use
 * expectExactButton to record whether the exact name is there.
 */
function looseButton(scope, label, name) {
  return scope.getByRole('button', { name: new RegExp(`^\\s*${escapeRe(label)}\\s*:\\s*${escapeRe(name)}\\s*$`) });
}

/** Record (in `problems`) when the button's accessible name is not exactly "<label>: <name>". */
async function expectExactButton(scope, label, name, problems) {
  if ((await scope.getByRole('button', { name: `${label}: ${name}`, exact: true }).count()) === 1) return;
  problems.push(
    `no button with the accessible name "${label}: ${name}"; the row reads:\n${await scope.first().ariaSnapshot()}`,
  );
}

/** A person's card on the staff session page: in the participant list, or in the waiting list under it. */
function participantRow(page, name) {
  return page
    .getByRole('heading', { level: 2, name: 'Deltagere', exact: true })
    .locator('xpath=following::ul[contains(@class, "samvirke-people")][position() <= 2]')
    .locator(':scope > li')
    .filter({ hasText: name });
}

/** "Tilmeldt: N." and "På venteliste: N." from the staff session page. */
async function staffCounts(page) {
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  const confirmed = text.match(/Tilmeldt: (\d+)\./);
  const waiting = text.match(/På venteliste: (\d+)\./);
  return { confirmed: confirmed && Number(confirmed[1]), waiting: waiting && Number(waiting[1]), text };
}

/** The staff phone sign-up form ("Tilmeld en borger, der ringer"). */
function phoneForm(page) {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Tilmeld borgeren', exact: true }) });
  return {
    form,
    name: form.getByLabel('Navn', { exact: true }),
    phone: form.getByLabel('Telefon (valgfri)', { exact: true }),
    email: form.getByLabel('E-mail (valgfri)', { exact: true }),
    noContact: form.getByRole('checkbox', { name: 'Borgeren har hverken e-mail eller telefon', exact: true }),
    button: form.getByRole('button', { name: 'Tilmeld borgeren', exact: true }),
  };
}

function walkInForm(page) {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Registrér fremmøde', exact: true }) });
  return {
    form,
    name: form.getByLabel('Navn', { exact: true }),
    button: form.getByRole('button', { name: 'Registrér fremmøde', exact: true }),
  };
}

/** From the dashboard: header link "Arrangementer" → /sessions → the card of session `id`. */
async function openStaffSession(page, id, label) {
  await headerLink(page, 'Arrangementer').click();
  await expectPath(page, '/sessions', 'after the header link "Arrangementer" (staff)');
  await visited(page, `${label}-sessions`);
  assert.equal(await h1Text(page), 'Arrangementer');
  const card = page.locator(`main h2 a[href="/sessions/${id}"]`);
  await expectVisible(card, `a card linking to /sessions/${id}`);
  assert.match((await card.innerText()).trim(), new RegExp(`^${TITLE}`));
  await card.click();
  await expectPath(page, `/sessions/${id}`);
  await visited(page, `${label}-session`);
  assert.equal(await h1Text(page), TITLE);
}

// ---------------------------------------------------------------- journeys

journey('A1 citizens join the waiting list of the full session; one cancels, the other moves up', async (page, { open }) => {
  // The list of events, from the header.
  await goto(page, '/', 'a-front-page');
  await expectHtmlLang(page, 'da');
  await headerLink(page, 'Arrangementer').click();
  await expectPath(page, '/arrangementer', 'after the header link "Arrangementer"');
  await visited(page, 'a-events');
  assert.equal(await h1Text(page), 'Arrangementer');

  const filter = page.locator('form').filter({ has: page.getByRole('button', { name: 'Vis', exact: true }) });
  await expectVisible(filter, 'a filter form with a button "Vis"');
  assert.equal((await filter.getAttribute('method'))?.toLowerCase() ?? 'get', 'get', 'the filter form uses GET');
  for (const label of ['Arrangement', 'Sted', 'For hvem']) {
    await expectVisible(filter.getByRole('combobox', { name: label, exact: true }), `a select labelled "${label}"`);
  }

  const cards = await eventCards(page);
  assert.equal(cards.length, 3, `three event cards, found ${JSON.stringify(cards)}`);
  for (const c of cards) assert.ok(c.title.startsWith(TITLE), `card title starts with "${TITLE}": ${c.title}`);
  for (const c of cards) assert.ok(c.text.includes(PLACE), `card names the place "${PLACE}": ${c.text}`);
  const byId = Object.fromEntries(cards.map((c) => [c.id, c.text]));
  assert.match(byId[ids.first], /17 ledige pladser\./);
  assert.match(byId[ids.full], /Der er ikke flere pladser\. Du kan komme på venteliste \(0 venter\)\./);
  assert.match(byId[ids.empty], /40 ledige pladser\./);

  // The filter (GET): choose the programme and the place.
  await filter.getByRole('combobox', { name: 'Arrangement', exact: true }).selectOption({ label: TITLE });
  await filter.getByRole('combobox', { name: 'Sted', exact: true }).selectOption({ label: PLACE });
  await filter.getByRole('button', { name: 'Vis', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/arrangementer' && url.search.length > 1);
  await visited(page, 'a-events-filtered');
  assert.equal((await eventCards(page)).length, 3, `three cards after filtering (${page.url()})`);

  // Follow the card that says there are no seats left.
  const fullCard = page
    .locator('main li')
    .filter({ hasText: 'Der er ikke flere pladser' })
    .getByRole('link', { name: new RegExp(`^${TITLE}`) });
  await expectVisible(fullCard, 'the link of the card saying "Der er ikke flere pladser"');
  await fullCard.click();
  await expectPath(page, `/arrangementer/${ids.full}`, 'the full session');
  await visited(page, 'a-full-event');
  await expectEventPage(page, { full: true });
  const eventPath = pathOf(page);

  // Only a name: told to give an e-mail or a phone, the name is kept.
  await expectContactRequired(page, CITIZENS.p1.name, { full: true }, 'a-full-event-contact-required');

  // Person 1 joins the waiting list (and needs a hearing loop).
  await signupForm(page).email.fill(CITIZENS.p1.email);
  await signupForm(page).hearingLoop.check();
  await submit(page, signupForm(page).waitlist, () =>
    expectVisible(page.getByRole('link', { name: 'Afmeld mig', exact: true }), 'the confirmation page for person 1'),
  );
  await visited(page, 'a-p1-waitlisted');
  const p1 = await readDonePage(page);
  assert.equal(p1.h1, 'Du er på ventelisten');
  assert.match(p1.body, /Du er nummer 1 på ventelisten\./);
  assert.equal(p1.place, 1);

  // Person 2, in another browser, joins: number 2.
  const page2 = await open();
  await goto(page2, eventPath, 'a-p2-full-event');
  await expectEventPage(page2, { full: true });
  const p2 = await signUp(page2, CITIZENS.p2, { full: true }, 'a-p2-waitlisted');
  assert.equal(p2.h1, 'Du er på ventelisten');
  assert.equal(p2.place, 2, `person 2 is number 2: ${p2.body}`);
  assert.notEqual(p2.cancelPath, p1.cancelPath, 'each sign-up has its own cancel link');

  // The card now counts two waiting.
  await goto(page2, eventPath, 'a-full-event-two-waiting');
  assert.match(
    (await page2.locator('main').innerText()).replace(/\s+/g, ' '),
    /Der er ikke flere pladser\. Du kan komme på venteliste \(2 venter\)\./,
  );

  // Person 1 tries again with the same e-mail.
  await goto(page, eventPath, 'a-p1-again');
  await signupForm(page).name.fill(CITIZENS.p1.name);
  await signupForm(page).email.fill(CITIZENS.p1.email);
  await submit(page, signupForm(page).waitlist, () =>
    expectVisible(page.locator('[role="status"]').filter({ hasText: TEXT.already }), `the notice "${TEXT.already}"`),
  );
  await visited(page, 'a-p1-already');

  // Person 2's cancel page shows their place before anyone leaves.
  await goto(page2, p2.cancelPath, 'a-p2-cancel-page-before');
  assert.equal(await h1Text(page2), 'Afmeld');
  assert.match((await page2.locator('main').innerText()).replace(/\s+/g, ' '), /Du er nummer 2 på ventelisten\./);

  // Staff see both on the waiting list.
  const staff = await open();
  await logIn(staff, COORDINATOR, 'a-staff');
  await openStaffSession(staff, ids.full, 'a-staff');
  for (const p of [CITIZENS.p1, CITIZENS.p2]) {
    const row = participantRow(staff, p.name);
    await expectVisible(row, `a row for "${p.name}" in the Deltagere table`);
    assert.match(await row.innerText(), /Venteliste/, `"${p.name}" has status "Venteliste"`);
  }
  assert.match(await participantRow(staff, CITIZENS.p1.name).innerText(), /Teleslynge/, 'person 1 needs "Teleslynge"');
  const before2 = await staffCounts(staff);
  assert.equal(before2.waiting, 2, `"På venteliste: 2." on the staff page; text: ${before2.text}`);
  assert.equal(before2.confirmed, 40, `"Tilmeldt: 40." on the staff page; text: ${before2.text}`);

  // Person 1 cancels through the link.
  await goto(page, p1.cancelPath, 'a-p1-cancel');
  assert.equal(await h1Text(page), 'Afmeld');
  await page.getByRole('button', { name: 'Ja, afmeld mig', exact: true }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Du er afmeldt', exact: true }), 'the heading "Du er afmeldt"');
  await visited(page, 'a-p1-cancelled');

  // The staff page counts one waiting.
  await goto(staff, `/sessions/${ids.full}`, 'a-staff-session-after-cancel');
  const after1 = await staffCounts(staff);
  assert.equal(after1.waiting, 1, `"På venteliste: 1." after person 1 cancelled; text: ${after1.text}`);

  // Person 2 moved up.
  await goto(page2, p2.cancelPath, 'a-p2-cancel-page-after');
  assert.equal(await h1Text(page2), 'Afmeld');
  assert.match(
    (await page2.locator('main').innerText()).replace(/\s+/g, ' '),
    /Du er nummer 1 på ventelisten\./,
    'person 2 is now number 1 on the waiting list',
  );

  // A caller on the full session goes on the waiting list.
  const pf = phoneForm(staff);
  await pf.name.fill(CITIZENS.waitCaller.name);
  await pf.phone.fill(CITIZENS.waitCaller.phone);
  await submit(staff, pf.button, () =>
    expectVisible(message(staff, 'Borgeren er skrevet på ventelisten.'), 'the message "Borgeren er skrevet på ventelisten."'),
  );
  await expectPath(staff, `/sessions/${ids.full}`, 'back on the session after the phone sign-up');
  await visited(staff, 'a-staff-phone-waitlisted');
  const callerRow = participantRow(staff, CITIZENS.waitCaller.name);
  await expectVisible(callerRow, `a row for "${CITIZENS.waitCaller.name}"`);
  assert.match(await callerRow.innerText(), /Venteliste/);
  assert.equal((await staffCounts(staff)).waiting, 2, '"På venteliste: 2." after the phone sign-up');
});

journey('A2 a citizen takes a seat on the empty session and cancels it with the link', async (page) => {
  await goto(page, '/arrangementer', 'a2-events');
  await page.locator(`main h2 a[href="/arrangementer/${ids.empty}"]`).click();
  await expectPath(page, `/arrangementer/${ids.empty}`);
  await visited(page, 'a2-event');
  await expectEventPage(page, { full: false });

  const p3 = await signUp(page, CITIZENS.p3, { full: false }, 'a2-p3-confirmed');
  assert.equal(p3.h1, 'Du er tilmeldt');
  assert.equal(p3.place, null, 'no waiting-list number for a confirmed seat');

  await page.getByRole('link', { name: 'Afmeld mig', exact: true }).click();
  await expectPath(page, p3.cancelPath);
  await visited(page, 'a2-p3-cancel');
  assert.equal(await h1Text(page), 'Afmeld');
  await page.getByRole('button', { name: 'Ja, afmeld mig', exact: true }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Du er afmeldt', exact: true }), 'the heading "Du er afmeldt"');
  await visited(page, 'a2-p3-cancelled');

  const again = await page.goto(p3.cancelPath);
  await visited(page, 'a2-p3-cancel-again');
  assert.equal(await h1Text(page), 'Du er allerede afmeldt');
  assert.equal(again?.status(), 410, `reopening a used cancel link answers 410, got ${again?.status()}`);
  assert.equal(
    await page.getByRole('button', { name: 'Ja, afmeld mig', exact: true }).count(),
    0,
    'no cancel button on a used link',
  );
});

journey('B coordinator signs up a caller, checks them in, registers a walk-in, prints', async (page) => {
  // Wrong accessible names are collected and reported at the end, so the rest of the journey still runs.
  const problems = [];
  await logIn(page, COORDINATOR, 'b-coordinator');
  await openStaffSession(page, ids.first, 'b');

  // The run sheet table.
  const runsheet = tableAfter(page, 'Køreplan');
  await expectVisible(runsheet, 'a table after the heading "Køreplan"');
  assert.ok((await runsheet.locator('tbody tr').count()) > 0, 'the "Køreplan" table has rows');

  // Participants: every card of those with a seat has "Mødt: <name>" and "Udeblevet: <name>".
  const table = peopleAfter(page, 'Deltagere');
  await expectVisible(table, 'the participant cards after the heading "Deltagere"');
  const names = await table.locator(':scope > li .samvirke-name').allInnerTexts();
  const confirmed = names.map((name, i) => ({ name: name.trim(), i }));
  assert.equal(confirmed.length, 23, `23 confirmed demo participants, found ${confirmed.length}: ${JSON.stringify(names)}`);
  const wrongNames = [];
  for (const r of confirmed) {
    const row = table.locator(':scope > li').nth(r.i);
    for (const b of ['Mødt', 'Udeblevet']) {
      const exact = await row.getByRole('button', { name: `${b}: ${r.name}`, exact: true }).count();
      if (exact === 1) continue;
      const loose = await looseButton(row, b, r.name).count();
      assert.equal(loose, 1, `a button "${b}" for "${r.name}" in their card:\n${await row.ariaSnapshot()}`);
      wrongNames.push(`${b}: ${r.name}`);
    }
  }
  if (wrongNames.length) {
    problems.push(
      `${wrongNames.length} check-in button(s) in the Deltagere table do not have the accessible name ` +
        `"<Mødt|Udeblevet>: <name>"; e.g. expected "${wrongNames[0]}", the row reads:\n` +
        (await table.locator(':scope > li').nth(confirmed[0].i).ariaSnapshot()),
    );
  }
  const start = await staffCounts(page);
  assert.equal(start.confirmed, 23, `"Tilmeldt: 23." on the staff page; text: ${start.text}`);

  // Phone sign-up.
  await expectVisible(
    page.getByRole('heading', { level: 2, name: 'Tilmeld en borger, der ringer', exact: true }),
    'the heading "Tilmeld en borger, der ringer"',
  );
  const pf = phoneForm(page);
  await expectVisible(pf.name, 'a field "Navn" in the phone sign-up form');
  await expectVisible(pf.phone, 'a field "Telefon (valgfri)" in the phone sign-up form');
  await expectVisible(pf.email, 'a field "E-mail (valgfri)" in the phone sign-up form');
  await expectVisible(pf.noContact, 'a checkbox "Borgeren har hverken e-mail eller telefon"');
  await pf.name.fill(CITIZENS.caller.name);
  await pf.phone.fill(CITIZENS.caller.phone);
  await submit(page, pf.button, () =>
    expectVisible(message(page, 'Borgeren er tilmeldt.'), 'the message "Borgeren er tilmeldt."'),
  );
  await expectPath(page, `/sessions/${ids.first}`, 'back on the session after the phone sign-up');
  await visited(page, 'b-phone-signed-up');
  const callerRow = participantRow(page, CITIZENS.caller.name);
  await expectVisible(callerRow, `a row for "${CITIZENS.caller.name}" in the Deltagere table`);
  assert.match(await callerRow.innerText(), /Tilmeldt/);
  assert.equal((await staffCounts(page)).confirmed, 24, '"Tilmeldt: 24." after the phone sign-up');

  // Check in: "Mødt" in bold and a "Fortryd" button.
  const caller = CITIZENS.caller.name;
  await expectExactButton(callerRow, 'Mødt', caller, problems);
  await expectExactButton(callerRow, 'Udeblevet', caller, problems);
  await submit(page, looseButton(callerRow, 'Mødt', caller), () =>
    expectVisible(
      looseButton(participantRow(page, caller), 'Fortryd', caller),
      `the button "Fortryd: ${caller}" after checking in`,
    ),
  );
  await visited(page, 'b-checked-in');
  await expectExactButton(participantRow(page, caller), 'Fortryd', caller, problems);
  const bold = await participantRow(page, caller).locator('strong, b').allInnerTexts();
  assert.ok(bold.map((t) => t.trim()).includes('Mødt'), `"Mødt" in bold in the row, found ${JSON.stringify(bold)}`);
  assert.equal(await looseButton(participantRow(page, caller), 'Mødt', caller).count(), 0, 'no "Mødt" button once checked in');

  // Walk-in.
  await expectVisible(
    page.getByRole('heading', { level: 2, name: 'Kom uden tilmelding', exact: true }),
    'the heading "Kom uden tilmelding"',
  );
  const wf = walkInForm(page);
  await expectVisible(wf.name, 'a field "Navn" in the walk-in form');
  await wf.name.fill(CITIZENS.walkIn.name);
  await submit(page, wf.button, () =>
    expectVisible(message(page, 'Fremmødet er registreret.'), 'the message "Fremmødet er registreret."'),
  );
  await expectPath(page, `/sessions/${ids.first}`, 'back on the session after the walk-in');
  await visited(page, 'b-walk-in');
  const walkRow = participantRow(page, CITIZENS.walkIn.name);
  await expectVisible(walkRow, `a row for "${CITIZENS.walkIn.name}"`);
  assert.ok(
    (await walkRow.locator('strong, b').allInnerTexts()).map((t) => t.trim()).includes('Mødt'),
    'the walk-in is shown as "Mødt"',
  );
  assert.equal((await staffCounts(page)).confirmed, 25, '"Tilmeldt: 25." after the walk-in');

  // Print views.
  await page.getByRole('main').getByRole('link', { name: 'Køreplan', exact: true }).click();
  await expectPath(page, `/sessions/${ids.first}/koereplan`);
  await visited(page, 'b-print-runsheet');
  assert.match(await h1Text(page), /Køreplan/);

  await page.goBack();
  await expectPath(page, `/sessions/${ids.first}`);
  await page.getByRole('link', { name: 'Deltagerliste til print', exact: true }).click();
  await expectPath(page, `/sessions/${ids.first}/deltagerliste`);
  await visited(page, 'b-print-participants');
  const list = await page.locator('main').innerText();
  assert.ok(list.includes(CITIZENS.caller.name), `the print list names "${CITIZENS.caller.name}"`);
  assert.ok(list.includes(CITIZENS.walkIn.name), `the print list names "${CITIZENS.walkIn.name}"`);

  assert.equal(problems.length, 0, `problems found on /sessions/${ids.first}:\n${problems.join('\n')}`);
});

journey('C the partner (Aktivitetshuset) opens the same session and sees the participants', async (page) => {
  await checkInCaller();
  await logIn(page, PARTNER, 'c-partner');
  await openStaffSession(page, ids.first, 'c');
  const table = peopleAfter(page, 'Deltagere');
  await expectVisible(table, 'the participant cards for the partner');
  assert.ok((await table.locator(':scope > li').count()) >= 23, 'the partner sees the participants');
  await expectVisible(participantRow(page, CITIZENS.caller.name), `the row of "${CITIZENS.caller.name}" (journey B)`);
});

journey(
  'D without JavaScript: sign up on the empty session and cancel',
  async (page) => {
    await goto(page, '/', 'd-nojs-front-page');
    await headerLink(page, 'Arrangementer').click();
    await expectPath(page, '/arrangementer');
    await visited(page, 'd-nojs-events');
    await page.locator(`main h2 a[href="/arrangementer/${ids.empty}"]`).click();
    await expectPath(page, `/arrangementer/${ids.empty}`);
    await visited(page, 'd-nojs-event');
    await expectEventPage(page, { full: false });

    await expectContactRequired(page, CITIZENS.nojs.name, { full: false }, 'd-nojs-contact-required');

    const done = await signUp(page, { ...CITIZENS.nojs, hearingLoop: true }, { full: false }, 'd-nojs-confirmed');
    assert.equal(done.h1, 'Du er tilmeldt');

    await goto(page, done.cancelPath, 'd-nojs-cancel');
    assert.equal(await h1Text(page), 'Afmeld');
    await page.getByRole('button', { name: 'Ja, afmeld mig', exact: true }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Du er afmeldt', exact: true }), 'the heading "Du er afmeldt"');
    await visited(page, 'd-nojs-cancelled');
  },
  { javaScriptEnabled: false },
);

journey('E coordinator plans: a programme with a partner and an agenda, a date, staffing, the call list, a calendar link', async (page) => {
  await logIn(page, COORDINATOR, 'e-coordinator');
  await goto(page, '/programmes', 'e-programmes');
  await page.getByRole('link', { name: 'Opret program' }).click();
  await expectPath(page, '/programmes/new', 'the new-programme form');
  await visited(page, 'e-programme-new');

  // Without an agenda item the form comes back with the error and what was typed.
  const title = `Digital Post for nye 15-årige ${STAMP}`;
  await page.getByLabel('Titel', { exact: true }).fill(title);
  await submit(page, page.getByRole('button', { name: 'Opret program' }), () =>
    expectVisible(page.locator('.alert-error'), 'the error summary'),
  );
  assert.equal(await page.getByLabel('Titel', { exact: true }).inputValue(), title, 'the title is kept');
  await visited(page, 'e-programme-errors');

  await page.getByLabel('Målgruppe', { exact: true }).fill('Unge');
  await page.getByLabel('Borgercentret', { exact: true }).selectOption('run');
  const item1 = page.getByRole('group', { name: 'Punkt 1', exact: true });
  await item1.getByLabel('Punktets titel', { exact: true }).fill('Hvad sker der, når du fylder 15?');
  await item1.getByLabel('Minutter', { exact: true }).fill('30');
  await submit(page, page.getByRole('button', { name: 'Opret program' }), () =>
    expectVisible(page.getByText('Programmet er oprettet.'), 'the notice "Programmet er oprettet."'),
  );
  await visited(page, 'e-programme-created');

  await page.getByLabel('Dato', { exact: true }).fill('3.2.2027');
  await page.getByLabel('Starttid', { exact: true }).fill('9.00');
  await page.getByLabel('Sluttid', { exact: true }).fill('11.00');
  await page.getByLabel('Antal pladser', { exact: true }).fill('28');
  await submit(page, page.getByRole('button', { name: 'Planlæg datoen' }), () =>
    expectVisible(page.getByText('Datoen er planlagt.'), 'the notice "Datoen er planlagt."'),
  );
  assert.match(await h1Text(page), /Digital Post for nye 15-årige/);
  await visited(page, 'e-session-created');

  await submit(page, page.getByRole('button', { name: /^Sæt på: / }).first(), () =>
    expectVisible(page.getByText('Medarbejderen er sat på.'), 'the notice "Medarbejderen er sat på."'),
  );
  await visited(page, 'e-staffed');

  await page.getByRole('link', { name: 'Ringeliste', exact: true }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Ringeliste' }), 'the call list');
  await visited(page, 'e-call-list');

  await goto(page, '/account/tokens', 'e-account');
  await submit(page, page.getByRole('button', { name: 'Lav nyt kalenderlink' }), () =>
    expectVisible(page.getByText('Dit kalenderlink'), 'the new calendar link'),
  );
  await visited(page, 'e-calendar-link');
});
