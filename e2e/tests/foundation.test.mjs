// Foundation journeys: public pages, language, login, staff administration,
// pages without JavaScript. Every page visited is screenshotted into
// e2e/test-results/ and scanned with axe (WCAG 2.1 A/AA).
//
// A fresh demo server (fresh SQLite database) for each journey, so each
// stands alone.

import assert from 'node:assert/strict';

import { clickLanguage, expectHtmlLang, expectPath, expectVisible, fieldError, fillLogin, formErrors, goto, h1Text, pathOf, submit, visited } from '../lib/journey.mjs';
import { suite } from '../lib/suite.mjs';

const COORDINATOR = { email: 'bibliotek@dragoer.demo', password: 'samvirke-demo' };
const STAMP = Date.now();
const NEW_STAFF = {
  name: `Test Testesen ${STAMP}`,
  email: `e2e-${STAMP}@dragoer.demo`,
  password: 'en-lang-adgangskode-42',
};

const { journey, server } = suite('foundation', { serverPer: 'journey', timeout: 180_000 });

function footer(page) {
  return page.getByRole('contentinfo');
}

async function logInAndExpectDashboard(page, { email, password }, label) {
  await goto(page, '/login', `${label}-login`);
  await fillLogin(page, email, password);
  await expectPath(page, '/dashboard', `after logging in as ${email}`);
  await visited(page, `${label}-dashboard`);
}

journey('1 front page in Danish, accessibility statement in the footer', async (page) => {
  await goto(page, '/', 'front-page');
  await expectHtmlLang(page, 'da');
  const text = `${await page.title()}\n${await page.locator('body').innerText()}`;
  assert.match(text, /Dragør Kommune/, 'the front page should name "Dragør Kommune"');

  const statement = footer(page).getByRole('link', { name: 'Tilgængelighedserklæring', exact: true });
  await expectVisible(statement, 'the footer link "Tilgængelighedserklæring"');
  await statement.click();
  await expectPath(page, '/tilgaengelighed');
  await visited(page, 'accessibility-statement');
  assert.match(await h1Text(page), /Tilgængelighedserklæring/);
  await expectHtmlLang(page, 'da');
});

journey('2 language switch: English and back to Danish', async (page) => {
  await goto(page, '/', 'lang-front-da');
  await expectHtmlLang(page, 'da');

  await clickLanguage(page, 'English');
  await expectHtmlLang(page, 'en');
  await visited(page, 'lang-front-en');
  await expectVisible(
    footer(page).getByRole('link', { name: 'Accessibility statement', exact: true }),
    'the footer link "Accessibility statement" in English',
  );

  await clickLanguage(page, 'Dansk');
  await expectHtmlLang(page, 'da');
  await visited(page, 'lang-front-da-again');
  await expectVisible(
    footer(page).getByRole('link', { name: 'Tilgængelighedserklæring', exact: true }),
    'the footer link "Tilgængelighedserklæring" again',
  );
});

journey('3 login with a wrong password shows an error and keeps the e-mail', async (page) => {
  await goto(page, '/login', 'login');
  const email = page.getByLabel('E-mail', { exact: true });
  const password = page.getByLabel('Adgangskode', { exact: true });
  await expectVisible(email, 'a field labelled "E-mail"');
  await expectVisible(password, 'a field labelled "Adgangskode"');
  await expectVisible(page.getByRole('button', { name: 'Log ind', exact: true }), 'the button "Log ind"');

  await email.fill(COORDINATOR.email);
  await password.fill('forkert-adgangskode');
  await submit(page, page.getByRole('button', { name: 'Log ind', exact: true }), () =>
    expectVisible(formErrors(page).first(), 'an error message after a wrong password'),
  );
  await visited(page, 'login-failed');
  assert.equal(pathOf(page), '/login', 'a failed login stays on /login');
  assert.match(await formErrors(page).first().innerText(), /\S/);
  assert.equal(await page.getByLabel('E-mail', { exact: true }).inputValue(), COORDINATOR.email);
});

journey('4 coordinator creates a staff member, then logs out', async (page) => {
  await logInAndExpectDashboard(page, COORDINATOR, 'coordinator');
  assert.match(await h1Text(page), /Dragør Bibliotek/);

  await page.getByRole('link', { name: 'Medarbejdere', exact: true }).first().click();
  await expectPath(page, '/staff');
  await visited(page, 'staff-list');

  await page.getByRole('link', { name: 'Opret medarbejder', exact: true }).first().click();
  await expectPath(page, '/staff/new');
  await visited(page, 'staff-new');

  const form = {
    name: page.getByLabel('Navn', { exact: true }),
    email: page.getByLabel('E-mail', { exact: true }),
    phone: page.getByLabel('Telefon (valgfri)', { exact: true }),
    role: page
      .getByRole('radiogroup', { name: 'Rolle', exact: true })
      .or(page.getByRole('group', { name: 'Rolle', exact: true })),
    password: page.getByLabel('Adgangskode til første login', { exact: true }),
    submit: page.getByRole('button', { name: 'Opret medarbejder', exact: true }),
  };
  const coordinatorRadio = () => form.role.getByRole('radio', { name: 'Koordinator', exact: true });
  const staffRadio = () => form.role.getByRole('radio', { name: 'Medarbejder', exact: true });
  const competence = () => page.getByRole('checkbox', { name: 'Digital sikkerhed', exact: true });

  await expectVisible(form.name, 'a field "Navn"');
  await expectVisible(form.email, 'a field "E-mail"');
  await expectVisible(form.phone, 'a field "Telefon (valgfri)"');
  await expectVisible(form.role, 'a radio group "Rolle"');
  await expectVisible(coordinatorRadio(), 'the role option "Koordinator"');
  await expectVisible(staffRadio(), 'the role option "Medarbejder"');
  await expectVisible(competence(), 'a competence checkbox "Digital sikkerhed"');
  await expectVisible(form.password, 'a field "Adgangskode til første login"');
  await expectVisible(form.submit, 'the button "Opret medarbejder"');

  // First attempt: no name, an invalid e-mail.
  await form.name.fill('');
  await form.email.fill('ikke-en-mail');
  await submit(page, form.submit, () =>
    expectVisible(formErrors(page).first(), 'error messages after submitting an invalid form'),
  );
  await visited(page, 'staff-new-errors');
  assert.ok(['/staff/new', '/staff'].includes(pathOf(page)), `the form is shown again, not ${page.url()}`);
  await expectVisible(form.submit, 'the form again with its button "Opret medarbejder"');
  const nameError = await fieldError(page.getByLabel('Navn', { exact: true }));
  const emailError = await fieldError(page.getByLabel('E-mail', { exact: true }));
  assert.ok(nameError.text, `an error message next to "Navn" (marked invalid: ${nameError.marked})`);
  assert.ok(emailError.text, `an error message next to "E-mail" (marked invalid: ${emailError.marked})`);
  assert.ok(nameError.marked && emailError.marked, 'both fields are marked invalid (aria-invalid or .form-error)');
  assert.equal(await form.email.inputValue(), 'ikke-en-mail', 'the typed e-mail is kept');

  // Second attempt: valid values.
  await form.name.fill(NEW_STAFF.name);
  await form.email.fill(NEW_STAFF.email);
  await staffRadio().check();
  await competence().check();
  await form.password.fill(NEW_STAFF.password);
  await submit(page, form.submit, () => expectPath(page, '/staff', 'after creating a staff member'));
  await visited(page, 'staff-list-after-create');
  await expectVisible(
    page.getByRole('row').filter({ hasText: NEW_STAFF.name }).first(),
    `a table row with the new staff member "${NEW_STAFF.name}"`,
  );

  // Log out.
  await page.getByRole('button', { name: 'Log ud', exact: true }).click();
  await expectVisible(page.getByRole('link', { name: 'For medarbejdere', exact: true }).first(), 'the footer link "For medarbejdere" after logging out');
  await visited(page, 'logged-out');
  assert.notEqual(pathOf(page), '/dashboard');

  await page.goto('/dashboard');
  await expectPath(page, '/login', '/dashboard after logging out');
  await visited(page, 'dashboard-redirects-to-login');
});

journey('5 the new staff member logs in with the first-login password', async (page) => {
  // The person journey 4 creates, made here so this journey stands alone.
  await server().createUser({ organisation: 'Dragør Bibliotek', ...NEW_STAFF });
  await logInAndExpectDashboard(page, NEW_STAFF, 'new-staff');
  await expectVisible(page.getByRole('button', { name: 'Log ud', exact: true }), 'the button "Log ud"');
});

journey(
  '6 without JavaScript: log in, reach the dashboard, log out',
  async (page) => {
    await logInAndExpectDashboard(page, COORDINATOR, 'nojs');
    assert.match(await h1Text(page), /Dragør Bibliotek/);
    await page.getByRole('button', { name: 'Log ud', exact: true }).click();
    await expectVisible(page.getByRole('link', { name: 'For medarbejdere', exact: true }).first(), 'the footer link "For medarbejdere" after logging out');
    await visited(page, 'nojs-logged-out');
  },
  { javaScriptEnabled: false },
);
