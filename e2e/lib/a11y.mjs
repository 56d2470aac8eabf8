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

/**
 * Scan the page as it is now and fail on any WCAG 2.1 A/AA violation.
 * Call after every navigation a journey makes.
 */
export async function expectNoA11yViolations(page, label) {
  await page.waitForLoadState('load');
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const { violations } = results;
  assert.equal(
    violations.length,
    0,
    `${violations.length} accessibility violation(s) on "${label}" (${page.url()}):\n${formatViolations(violations)}`,
  );
  return results;
}
