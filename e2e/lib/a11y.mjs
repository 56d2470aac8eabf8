// Accessibility scans with axe-core: WCAG 2.1 A and AA (public-sector law).

import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Human-readable report of axe violations. */
export function formatViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ');
          const summary = (n.failureSummary || '').replace(/\n\s*/g, ' ').trim();
          return `      - ${target}\n        ${n.html}${summary ? `\n        ${summary}` : ''}`;
        })
        .join('\n');
      return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** True if the page's own scripts cannot run (a context with javaScriptEnabled: false). */
async function scriptsDisabled(page) {
  // With JavaScript disabled, Playwright can still evaluate code, but timers
  // never fire; axe needs timers, so it would hang on such a page.
  const probe = page.evaluate(() => new Promise((resolve) => setTimeout(() => resolve(true), 0)));
  probe.catch(() => {});
  const ran = await Promise.race([probe, new Promise((r) => setTimeout(() => r(false), 1_000))]);
  return ran !== true;
}

async function runAxe(page) {
  return new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
}

/**
 * Scan a page whose scripts are disabled: load the exact HTML it shows (its
 * current DOM, <script> removed, <noscript> contents kept as they render) at
 * the same URL in a scratch JavaScript-enabled context whose page scripts are
 * blocked, so axe can run while the server's CSS, fonts and images still load.
 */
async function analyzeWithoutPageScripts(page) {
  const target = new URL(page.url());
  target.hash = '';
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<noscript\b/gi, '<div data-e2e-noscript=""')
    .replace(/<\/noscript\s*>/gi, '</div>');
  const browser = page.context().browser();
  if (!browser) throw new Error('cannot scan a page without JavaScript outside a launched browser');
  const mirror = await browser.newContext({
    javaScriptEnabled: true,
    viewport: page.viewportSize() ?? undefined,
    locale: 'da-DK',
  });
  try {
    const copy = await mirror.newPage();
    await copy.route('**/*', (route) => {
      const req = route.request();
      if (req.isNavigationRequest() && req.url() === target.href) {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      }
      if (req.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    await copy.goto(target.href, { waitUntil: 'load' });
    return await runAxe(copy);
  } finally {
    await mirror.close();
  }
}

/**
 * Scan the page as it is now and fail on any WCAG 2.1 A/AA violation.
 * Call after every navigation a journey makes. Works for pages opened with
 * JavaScript disabled too (see analyzeWithoutPageScripts).
 */
export async function expectNoA11yViolations(page, label) {
  await page.waitForLoadState('load');
  const noJs = await scriptsDisabled(page);
  const results = noJs ? await analyzeWithoutPageScripts(page) : await runAxe(page);
  const { violations } = results;
  assert.equal(
    violations.length,
    0,
    `${violations.length} accessibility violation(s) on "${label}"${noJs ? ' (without JavaScript)' : ''} ` +
      `(${page.url()}):\n${formatViolations(violations)}`,
  );
  return results;
}
