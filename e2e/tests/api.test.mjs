// Long lists in pages (issue 6, point 13): the API's `Link` header, and the
// staff session page's waiting list with "Næste side" and "Første side"
// links in DKFDS pagination markup. Every page visited is screenshotted into
// e2e/test-results/ and scanned with axe (WCAG 2.1 A/AA).
//
// One demo server (fresh SQLite database) for this file. The empty demo
// session (40 seats) gets 91 sign-ups through the API: 40 with a seat and
// 51 on the waiting list, one more than a page of 50.

import assert from 'node:assert/strict';

import { expectPath, expectVisible, fillLogin, goto, h1Text, visited } from '../lib/journey.mjs';
import { suite } from '../lib/suite.mjs';

const COORDINATOR = { email: 'bibliotek@dragoer.demo', password: 'samvirke-demo' };
const STAMP = Date.now();

const { journey, server } = suite('api', { serverPer: 'journey' });

async function api(method, path, body) {
  const res = await fetch(new URL(path, server().baseURL), {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

/** Follows `Link: <…>; rel="next"` from `first`; the ids of every page. */
async function walk(first) {
  const pages = [];
  let next = first;
  while (next) {
    const res = await api('GET', next);
    assert.equal(res.status, 200, `GET ${next}`);
    pages.push(res.json.map((s) => s.id));
    const link = res.headers.get('link');
    next = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : null;
    if (link) assert.ok(next, `a Link header of the RFC 8288 form: ${link}`);
    assert.ok(pages.length < 50, 'the pages end');
  }
  return pages;
}

journey('1 the API pages a list and the staff page pages the waiting list', async (page) => {
  // The API: a page of one at a time gives every session once, in order.
  const all = (await api('GET', '/api/v1/sessions?limit=500')).json.map((s) => s.id);
  assert.ok(all.length >= 3, 'the demo has sessions');
  const pages = await walk('/api/v1/sessions?limit=1');
  assert.deepEqual(pages.flat(), all);
  assert.ok(pages.every((p) => p.length === 1));
  const tooMany = await api('GET', '/api/v1/sessions?limit=501');
  assert.equal(tooMany.status, 422);
  assert.equal(tooMany.json.fields[0].field, 'limit');

  // The empty session fills up and gets a long waiting list.
  const sessions = (await api('GET', '/api/v1/sessions')).json;
  const empty = sessions.find((s) => s.seats_left === 40);
  assert.ok(empty, 'the empty demo session');
  for (let k = 0; k < 91; k += 1) {
    const res = await api('POST', `/api/v1/sessions/${empty.id}/registrations`, {
      name: `Side Person ${k} ${STAMP}`,
      email: `side-${k}-${STAMP}@example.dk`,
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
  }

  await goto(page, '/login', 'login');
  await fillLogin(page, COORDINATOR.email, COORDINATOR.password);
  await expectPath(page, '/dashboard', 'after logging in');
  await goto(page, `/sessions/${empty.id}`, 'session-first-pages');
  assert.equal(await h1Text(page), empty.title);
  await expectVisible(page.getByText('Tilmeldt: 40.'), 'the whole count of participants');
  await expectVisible(page.getByText('På venteliste: 51.'), 'the whole count of the waiting list');
  const waiting = page.getByRole('navigation', { name: 'Sider i ventelisten', exact: true });
  await expectVisible(waiting, 'the pagination of the waiting list');
  assert.equal(
    await page.getByRole('navigation', { name: 'Sider i deltagerlisten', exact: true }).count(),
    0,
    'the 40 with a seat fit on one page',
  );
  const rows = page.locator('#venteliste + ul.samvirke-people > li');
  assert.equal(await rows.count(), 50);
  await waiting.getByRole('link', { name: 'Næste side', exact: true }).click();
  await page.waitForURL((url) => url.searchParams.has('venteliste'), { waitUntil: 'load' });
  await visited(page, 'session-waiting-page-2');
  assert.equal(await rows.count(), 1, 'the one left');
  const back = page
    .getByRole('navigation', { name: 'Sider i ventelisten', exact: true })
    .getByRole('link', { name: 'Første side', exact: true });
  await back.click();
  await page.waitForURL((url) => !url.searchParams.has('venteliste'), { waitUntil: 'load' });
  assert.equal(await rows.count(), 50);

  await goto(page, '/audit', 'audit');
  await goto(page, '/sessions', 'sessions');
});
