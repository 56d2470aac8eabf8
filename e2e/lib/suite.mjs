// What every journey file needs: a browser, demo servers, and `journey`,
// one test with fresh browser contexts whose pages are watched for script
// errors and failing assets, and which on failure leaves a screenshot of
// every open page and the end of the server log.

import { after, before, test } from 'node:test';
import { launch, newContext, screenshot } from './browser.mjs';
import { expectPath, fillLogin, goto, screenshotsFor, shotName, visited, watchPage } from './journey.mjs';
import { startServer } from './server.mjs';

export const DEMO_PASSWORD = 'samvirke-demo';
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/**
 * The journeys of one test file, whose screenshots are named `<prefix>-…`.
 *
 * - `serverPer`: `'file'` (one demo server for the file; journeys see what
 *   earlier ones left) or `'journey'` (a fresh demo server for each).
 * - `context`: the browser context options a journey gets by default.
 * - `onServer(server)`: runs after each server has started.
 * - `timeout`: per journey, in milliseconds.
 *
 * Returns `journey(name, [contextOptions,] fn[, contextOptions])`, where
 * `fn(page, { context, open, server })` gets a page in a fresh browser
 * context, `open(options?)` opens one more (another person), and `server()`
 * returns the running demo server. Besides `journey`, the suite gives
 * `server()` and `browser()` for setup steps outside a journey's pages.
 */
export function suite(prefix, { serverPer = 'file', context = {}, onServer, timeout = 300_000 } = {}) {
  let browser;
  let server;

  const start = async () => {
    server = await startServer();
    if (onServer) await onServer(server);
  };

  before(async () => {
    await screenshotsFor(prefix);
    browser = await launch();
    if (serverPer === 'file') await start();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  function journey(name, a, b) {
    const [contextOptions, fn] = typeof a === 'function' ? [b ?? context, a] : [a, b];
    test(name, { timeout }, async () => {
      if (serverPer === 'journey') await start();
      const contexts = [];
      const pages = [];
      const watches = [];
      const open = async (options = contextOptions) => {
        const c = await newContext(browser, server.baseURL, options);
        contexts.push(c);
        const p = await c.newPage();
        pages.push(p);
        watches.push(watchPage(p, server.baseURL));
        return p;
      };
      try {
        const page = await open();
        await fn(page, { context: contexts[0], open, server: () => server });
        for (const w of watches) w.check();
      } catch (err) {
        for (const [i, p] of pages.entries()) {
          await screenshot(p, shotName(`FAILED-${name}${i ? `-${i}` : ''}`)).catch(() => {});
          console.error(`[e2e] journey "${name}" failed; page ${i} is on ${p.url()}`);
        }
        const log = (await server?.readLog()) ?? '';
        console.error(`[e2e] ---- last lines of the server log ----\n${log.split('\n').slice(-60).join('\n')}`);
        throw err;
      } finally {
        for (const c of contexts) await c.close().catch(() => {});
        if (serverPer === 'journey') {
          await server.stop();
          server = undefined;
        }
      }
    });
  }

  return { journey, server: () => server, browser: () => browser };
}

/**
 * Log in at /login as a demo person and land on /dashboard. `label` names
 * the screenshots; `visitDashboard` also records the dashboard page.
 */
export async function logIn(page, email, label, { password = DEMO_PASSWORD, visitDashboard = false } = {}) {
  await goto(page, '/login', `${label}-login`);
  await fillLogin(page, email, password);
  await expectPath(page, '/dashboard', `after logging in as ${email}`);
  if (visitDashboard) await visited(page, `${label}-dashboard`);
}
