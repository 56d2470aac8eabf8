// The "7 rigtige" quiz: a presenter starts a run on the big screen, two
// participants join on phones in their own browser contexts (one with a
// nickname), answer the first question and see right or wrong; the presenter
// sees the tallies and the explanation, runs through the seven questions to
// the score distribution; one paper sheet is typed into the grid and counts
// in the results. Every page is screenshotted and scanned with axe.
//
// One demo server (fresh SQLite database, the real clock) for this file.

import assert from 'node:assert/strict';
import { expectPath, goto, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey, server } = suite('quiz');

/** The first public session of the seniors' programme, which has the demo quiz. */
async function seniorSession() {
  const res = await fetch(`${server().baseURL}/api/v1/sessions`);
  const body = await res.json();
  const items = Array.isArray(body) ? body : body.items ?? body.sessions ?? [];
  const s = items.find((x) => (x.title ?? '').includes('Dit digitale liv'));
  assert.ok(s, `no session of the seniors' programme in ${JSON.stringify(body).slice(0, 300)}`);
  return s;
}

async function join(page, code, nickname, label) {
  await goto(page, '/quiz', `${label}-enter`);
  await page.getByLabel('Kode').fill(code);
  await page.getByRole('button', { name: 'Fortsæt' }).click();
  await expectPath(page, `/quiz/${code}`, 'the join form');
  await visited(page, `${label}-join`);
  if (nickname) await page.getByLabel('Kaldenavn (valgfrit)').fill(nickname);
  await page.getByRole('button', { name: 'Deltag' }).click();
  await expectPath(page, `/quiz/${code}`, 'joined');
  await visited(page, `${label}-waiting`);
}

async function answer(page, code, optionStart, label) {
  await page.goto(`/quiz/${code}`);
  await page.locator('label', { hasText: optionStart }).first().click();
  await page.getByRole('button', { name: 'Svar' }).click();
  await expectPath(page, `/quiz/${code}`, 'answered');
  await visited(page, label);
}

journey('a presenter and two phones play the quiz, and a paper sheet counts too', DESKTOP, async (p, { open }) => {
  const anna = await open(PHONE);
  const bent = await open(PHONE);
  await logIn(p, 'bibliotek@dragoer.demo', 'presenter');
  const senior = await seniorSession();
  const session = senior.id;
  await goto(p, `/sessions/${session}`, 'session');
  await p.getByRole('button', { name: 'Start quiz' }).click();
  await p.waitForURL(/\/quiz-koersel\/\d+$/);
  await visited(p, 'presenter-waiting');
  const run = new URL(p.url()).pathname.split('/').pop();
  const code = (await p.locator('#quiz-join-code').textContent()).trim();
  assert.match(code, /^\d{6}$/);
  assert.ok(await p.locator('.quiz-qr svg').count(), 'a QR code');

  await join(anna, code, 'Anna', 'anna');
  await join(bent, code, '', 'bent');
  await p.reload();
  assert.ok((await p.locator('#quiz-players').textContent()).includes('2'), 'two players');

  await p.getByRole('button', { name: 'Start quizzen' }).click();
  await visited(p, 'presenter-question-1');
  await answer(anna, code, 'B. Jeg afviser', 'anna-right');
  assert.ok((await anna.content()).includes('Rigtigt!'));
  await answer(bent, code, 'A. Jeg godkender', 'bent-wrong');
  assert.ok((await bent.content()).includes('forkert'));

  await p.reload();
  assert.ok((await p.locator('#quiz-answers').textContent()).includes('2 / 2'), 'the tally');
  await p.getByRole('button', { name: 'Vis forklaring' }).click();
  await visited(p, 'presenter-explanation');
  assert.ok((await p.content()).includes('Godkend aldrig en anmodning'));
  for (let n = 2; n <= 7; n += 1) {
    await p.getByRole('button', { name: 'Næste spørgsmål' }).click();
    await p.waitForLoadState('load');
  }
  await p.getByRole('button', { name: 'Afslut quizzen' }).click();
  await visited(p, 'presenter-finished');
  assert.ok((await p.content()).includes('Sværeste spørgsmål'));

  await anna.goto(`/quiz/${code}`);
  await visited(anna, 'anna-finished');
  assert.ok((await anna.content()).includes('Du har 1 af 7 rigtige'));

  // Paper: sheets to print, then one typed in with the keyboard only.
  await goto(p, `/quiz-koersel/${run}/ark?antal=2`, 'paper-sheets');
  await goto(p, `/quiz-koersel/${run}/papir`, 'paper-grid');
  await p.keyboard.press('Tab');
  for (const letter of ['b', 'b', 'a', 'c', 'b', 'b', 'a']) {
    await p.keyboard.type(letter);
    await p.keyboard.press('Tab');
  }
  await p.getByLabel('1', { exact: true }).press('Enter');
  await p.waitForURL(/notice=quiz-sheet-saved/);
  await visited(p, 'paper-saved');

  await goto(p, `/quiz-koersel/${run}/resultat`, 'results');
  const results = await p.content();
  assert.ok(/Deltagere<\/dt><dd>3</.test(results), 'two phones and one sheet');

  // The question bank and the programme's results over time.
  await goto(p, `/programmes/${senior.programme}/quiz`, 'bank');
  assert.ok((await p.content()).includes('Fra hvilken alder kan man få sit eget MitID?'));
  await p.getByRole('button', { name: 'Tilføj spørgsmål' }).click();
  await visited(p, 'bank-errors');
  assert.ok((await p.title()).startsWith('Fejl:'));
  await goto(p, `/programmes/${senior.programme}/quiz/resultater`, 'programme-results');
});
