// Small helpers the journeys share: visiting a page (screenshot + axe scan),
// waiting for navigations by their outcome, reading field errors.
//
// playwright-core has no `expect`; these helpers wait for an outcome and then
// assert with node:assert, so a failure says what was expected.

import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { expectNoA11yViolations } from './a11y.mjs';
import { RESULTS_DIR, screenshot, slug } from './browser.mjs';

let shotCounter = 0;
let shotPrefix = '';

/**
 * Name this test file's screenshots `<prefix>-NN-<label>.png` and delete the
 * ones a previous run of the same file left in e2e/test-results/.
 */
export async function screenshotsFor(prefix) {
  shotPrefix = slug(prefix);
  shotCounter = 0;
  const old = await readdir(RESULTS_DIR).catch(() => []);
  await Promise.all(
    old
      .filter((f) => f.startsWith(`${shotPrefix}-`) && f.endsWith('.png'))
      .map((f) => rm(path.join(RESULTS_DIR, f), { force: true })),
  );
}

/** Screenshot name for this file: `<prefix>-<name>`. */
export function shotName(name) {
  return shotPrefix ? `${shotPrefix}-${name}` : name;
}

/** The path of the page's current URL (without query). */
export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/**
 * Record a page the journey has reached: full-page screenshot into
 * e2e/test-results/ and an axe WCAG 2.1 A/AA scan. Call after every navigation.
 */
export async function visited(page, label) {
  await page.waitForLoadState('load');
  shotCounter += 1;
  await screenshot(page, shotName(`${String(shotCounter).padStart(2, '0')}-${label}`));
  await expectNoA11yViolations(page, label);
}

/** page.goto that insists on a successful final response, then `visited`. */
export async function goto(page, url, label) {
  const response = await page.goto(url);
  assert.ok(response, `no response for ${url}`);
  assert.ok(
    response.status() < 400,
    `GET ${url} answered ${response.status()} (final URL ${page.url()})`,
  );
  await visited(page, label);
  return response;
}

/** Wait until the current URL has exactly this path (query ignored). */
export async function expectPath(page, pathname, what = '') {
  try {
    await page.waitForURL((url) => url.pathname === pathname, { waitUntil: 'load' });
  } catch (err) {
    throw new Error(
      `expected to be on ${pathname}${what ? ` (${what})` : ''}, but the page is ${page.url()}\n${err.message}`,
    );
  }
  assert.equal(pathOf(page), pathname);
}

/** Wait until a locator is visible, with a readable failure. */
export async function expectVisible(locator, what) {
  try {
    await locator.waitFor({ state: 'visible' });
  } catch (err) {
    throw new Error(`expected to see ${what}, but it did not appear\n${err.message}`);
  }
}

/** Wait until `<html lang="…">` has the given value (works without page JS). */
export async function expectHtmlLang(page, lang) {
  try {
    await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
  } catch (err) {
    const actual = await page.locator('html').getAttribute('lang').catch(() => null);
    throw new Error(`expected <html lang="${lang}">, found lang=${JSON.stringify(actual)} on ${page.url()}\n${err.message}`);
  }
}

/** Visible text of the one h1 on the page. */
export async function h1Text(page) {
  const h1 = page.getByRole('heading', { level: 1 });
  await expectVisible(h1, 'exactly one level-1 heading');
  return (await h1.innerText()).trim();
}

/** The error shown for a whole form: role=alert, or DKFDS .form-error / .alert-error, with text. */
export function formErrors(page) {
  return page
    .locator('[role="alert"], .form-error, .alert-error')
    .filter({ hasText: /\S/ });
}

/**
 * Click a submit button and wait for `outcome` (a promise factory). If the
 * outcome does not come, explain a browser-side block (HTML constraint
 * validation such as `required`/`type=email` without `novalidate`), which
 * would keep the server's own error messages from ever being shown.
 */
export async function submit(page, button, outcome) {
  await button.click();
  try {
    await outcome();
  } catch (err) {
    const invalid = await page
      .evaluate(() =>
        Array.from(document.querySelectorAll('input:invalid, select:invalid, textarea:invalid')).map(
          (el) => `${el.name || el.id}: ${el.validationMessage}`,
        ),
      )
      .catch(() => []);
    if (invalid.length) {
      throw new Error(
        'the browser refused to submit the form (HTML constraint validation: ' +
          `${invalid.join('; ')}). Server-side errors next to the fields need ` +
          '`novalidate` on the <form>.\n' +
          err.message,
      );
    }
    throw err;
  }
}

/**
 * The error message attached to a form field: its aria-describedby text,
 * or the DKFDS `.form-error-message` in its `.form-group`. Also reports
 * whether the field is marked invalid (aria-invalid or `.form-error` group).
 */
export async function fieldError(input) {
  return input.evaluate((el) => {
    const texts = [];
    for (const id of (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)) {
      const d = document.getElementById(id);
      if (d && /fejl|error|invalid/i.test(`${d.id} ${d.className}`)) texts.push(d.textContent);
    }
    const group = el.closest('.form-group');
    if (group) {
      for (const m of group.querySelectorAll('.form-error-message')) texts.push(m.textContent);
    }
    const text = Array.from(new Set(texts.map((t) => t.replace(/\s+/g, ' ').trim())))
      .filter(Boolean)
      .join(' / ');
    const marked =
      el.getAttribute('aria-invalid') === 'true' || Boolean(group && group.classList.contains('form-error'));
    return { text, marked };
  });
}

/**
 * Click a language link ("English", "Dansk"). If the switcher is a collapsed
 * DKFDS overflow menu, open it first with its button.
 */
export async function clickLanguage(page, name) {
  const link = page.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) {
    const toggle = page
      .locator('button[aria-expanded="false"]')
      .filter({ hasText: /sprog|language|dansk|english/i })
      .first();
    if (await toggle.isVisible()) await toggle.click();
  }
  await expectVisible(link, `the language link "${name}"`);
  await link.click();
}

/** Fill the login form and press "Log ind". Waits for nothing. */
export async function fillLogin(page, email, password) {
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Adgangskode', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log ind', exact: true }).click();
}

/**
 * Watch a page for uncaught script errors and for failing same-origin
 * sub-resources (CSS, JS, fonts, images). Call `check()` at the end.
 */
export function watchPage(page, baseURL) {
  const problems = [];
  const answeredWithError = new Set();
  const origin = new URL(baseURL).origin;
  page.on('pageerror', (err) => problems.push(`script error on ${page.url()}: ${err.message}`));
  page.on('response', (res) => {
    const req = res.request();
    if (req.isNavigationRequest()) return; // documents may answer 4xx on purpose (e.g. a failed login)
    if (!res.url().startsWith(origin)) return;
    if (res.status() < 400) return;
    answeredWithError.add(req);
    problems.push(`${req.method()} ${res.url()} answered ${res.status()} (on ${page.url()})`);
  });
  page.on('requestfailed', (req) => {
    // A request the page's own script started (an event stream, a refresh
    // fetch) is aborted by the browser when the page is left: no fault. A
    // failing server answers with a status or a reset, never ERR_ABORTED.
    const scriptRequest = ['eventsource', 'fetch', 'xhr'].includes(req.resourceType());
    const streamLeft = scriptRequest && req.failure()?.errorText === 'net::ERR_ABORTED';
    if (req.url().startsWith(origin) && !req.isNavigationRequest() && !answeredWithError.has(req) && !streamLeft) {
      problems.push(`${req.method()} ${req.url()} failed: ${req.failure()?.errorText} (on ${page.url()})`);
    }
  });
  return {
    problems,
    check() {
      const unique = [...new Set(problems)];
      if (unique.length) assert.fail(`problems seen while browsing:\n  ${unique.join('\n  ')}`);
    },
  };
}
