// Password journeys (issue 6, point 7 and 8): a staff member changes their
// own password on "Din konto"; a coordinator sends a set-password link,
// which arrives as an e-mail (.eml file, the demo has no SMTP) and works
// once; API keys get a lifetime. Every page visited is screenshotted into
// e2e/test-results/ and scanned with axe (WCAG 2.1 A/AA).
//
// One demo server (fresh SQLite database) for this file.

import assert from 'node:assert/strict';

import { expectPath, expectVisible, fieldError, fillLogin, formErrors, goto, h1Text, submit, visited } from '../lib/journey.mjs';
import { linkPath, waitForMail } from '../lib/mail.mjs';
import { suite } from '../lib/suite.mjs';

const DEMO_PASSWORD = 'samvirke-demo';
const COORDINATOR = { email: 'bibliotek@dragoer.demo', password: DEMO_PASSWORD };
const STAFF = { email: 'bibliotekar@dragoer.demo', password: DEMO_PASSWORD };
const LINKED = { email: 'formidler@dragoer.demo' };
const STAMP = Date.now();
const NEW_PASSWORDS = {
  changed: `skiftet-selv-${STAMP}`,
  linked: `valgt-med-link-${STAMP}`,
};

const { journey, server } = suite('auth', { serverPer: 'journey', timeout: 180_000 });

async function logIn(page, { email, password }, label) {
  await goto(page, '/login', `${label}-login`);
  await fillLogin(page, email, password);
  await expectPath(page, '/dashboard', `after logging in as ${email}`);
  await visited(page, `${label}-dashboard`);
}

async function logOut(page, label) {
  await page.getByRole('button', { name: 'Log ud', exact: true }).click();
  await expectVisible(page.getByRole('link', { name: 'For medarbejdere', exact: true }).first(), 'the footer link "For medarbejdere"');
  await visited(page, `${label}-logged-out`);
}

/** The path of the newest set-password link e-mailed to `email` and not in `notIn`. */
function setPasswordLinkFor(email, notIn = []) {
  return waitForMail(
    server(),
    email,
    (body) => {
      const link = linkPath(body, '/adgangskode/[A-Za-z0-9_-]+');
      return link && !notIn.includes(link) ? link : undefined;
    },
    { what: 'a set-password link' },
  );
}

journey('1 a staff member changes their own password on "Din konto"', async (page) => {
  await logIn(page, STAFF, 'staff');
  await page.getByRole('link', { name: 'Din konto', exact: true }).first().click();
  await expectPath(page, '/account');
  await visited(page, 'account');
  assert.match(await h1Text(page), /Din konto/);

  const current = page.getByLabel('Nuværende adgangskode', { exact: true });
  const fresh = page.getByLabel('Ny adgangskode', { exact: true });
  const repeat = page.getByLabel('Gentag den nye adgangskode', { exact: true });
  const button = page.getByRole('button', { name: 'Skift adgangskode', exact: true });

  // A wrong current password: an error next to the field.
  await current.fill('forkert-adgangskode');
  await fresh.fill(NEW_PASSWORDS.changed);
  await repeat.fill(NEW_PASSWORDS.changed);
  await submit(page, button, () => expectVisible(formErrors(page).first(), 'an error after a wrong current password'));
  await visited(page, 'account-wrong-current');
  const currentError = await fieldError(page.getByLabel('Nuværende adgangskode', { exact: true }));
  assert.match(currentError.text, /forkert/, 'the error says the password is wrong');
  assert.ok(currentError.marked, 'the field is marked invalid');

  // The new password typed twice differently.
  await current.fill(STAFF.password);
  await fresh.fill(NEW_PASSWORDS.changed);
  await repeat.fill('noget-helt-andet-igen');
  await submit(page, button, () => expectVisible(formErrors(page).first(), 'an error after two different passwords'));
  await visited(page, 'account-mismatch');
  const repeatError = await fieldError(page.getByLabel('Gentag den nye adgangskode', { exact: true }));
  assert.match(repeatError.text, /ikke ens/);

  await current.fill(STAFF.password);
  await fresh.fill(NEW_PASSWORDS.changed);
  await repeat.fill(NEW_PASSWORDS.changed);
  await submit(page, button, () =>
    expectVisible(page.getByText('Din adgangskode er skiftet', { exact: false }), 'the notice "Din adgangskode er skiftet"'),
  );
  await visited(page, 'account-changed');

  await logOut(page, 'staff');
  await goto(page, '/login', 'staff-old-password');
  await fillLogin(page, STAFF.email, STAFF.password);
  await expectVisible(formErrors(page).first(), 'an error: the old password no longer works');
  await logIn(page, { email: STAFF.email, password: NEW_PASSWORDS.changed }, 'staff-new-password');
});

journey('2 a coordinator sends a set-password link, which works once', async (page, { open }) => {
  await logIn(page, COORDINATOR, 'coordinator');
  await page.getByRole('link', { name: 'Medarbejdere', exact: true }).first().click();
  await expectPath(page, '/staff');
  await visited(page, 'staff-list');
  const row = page.getByRole('row').filter({ hasText: LINKED.email });
  await row.getByRole('link', { name: /^Ret/ }).click();
  await visited(page, 'staff-edit');
  const send = page.getByRole('button', { name: 'Send link til at vælge adgangskode', exact: true });
  await expectVisible(send, 'the button "Send link til at vælge adgangskode"');
  await send.click();
  await expectVisible(
    page.getByText('Der er sendt en e-mail med et link', { exact: false }),
    'the notice that the link was sent',
  );
  await visited(page, 'staff-edit-link-sent');

  const link = await setPasswordLinkFor(LINKED.email);

  // The person opens the link in a browser of their own.
  const person = await open();
  await goto(person, link, 'set-password');
  assert.match(await h1Text(person), /Vælg adgangskode/);
  const fresh = person.getByLabel('Ny adgangskode', { exact: true });
  const repeat = person.getByLabel('Gentag den nye adgangskode', { exact: true });
  const save = person.getByRole('button', { name: 'Gem adgangskode', exact: true });

  await fresh.fill('kort');
  await repeat.fill('kort');
  await submit(person, save, () => expectVisible(formErrors(person).first(), 'an error for a short password'));
  await visited(person, 'set-password-too-short');
  assert.match((await fieldError(person.getByLabel('Ny adgangskode', { exact: true }))).text, /12 tegn/);

  await fresh.fill(NEW_PASSWORDS.linked);
  await repeat.fill(NEW_PASSWORDS.linked);
  await submit(person, save, () => expectPath(person, '/login', 'after choosing a password'));
  await expectVisible(person.getByText('Din adgangskode er gemt', { exact: false }), 'the notice "Din adgangskode er gemt"');
  await visited(person, 'set-password-done');
  await fillLogin(person, LINKED.email, NEW_PASSWORDS.linked);
  await expectPath(person, '/dashboard', 'logging in with the chosen password');
  await visited(person, 'linked-dashboard');

  // The link works once.
  const again = await person.goto(link);
  assert.equal(again.status(), 410, 'a used link answers 410');
  await visited(person, 'set-password-used');
  assert.match(await h1Text(person), /Linket virker ikke længere/);
});

journey('3 an API key gets a lifetime', async (page) => {
  await logIn(page, COORDINATOR, 'keys');
  await goto(page, '/account/tokens', 'tokens');
  await page.getByLabel('Hvad skal nøglen bruges til?', { exact: true }).fill('Rapporter i regneark');
  await page.getByLabel('Hvor længe skal nøglen virke?', { exact: true }).selectOption('30');
  await page.getByRole('button', { name: 'Lav nøgle', exact: true }).click();
  await expectVisible(page.getByText('Nøglen udløber', { exact: false }), 'when the new key expires');
  await visited(page, 'tokens-created');
  await expectVisible(
    page.getByRole('row').filter({ hasText: 'Rapporter i regneark' }),
    'the key in the list',
  );
});
