// Editing rooms and the quiz's question bank (issues 10 and 11, second
// part): the library's coordinator edits a room on a phone (an error keeps
// what was typed), and takes Socialafdelingen's access away; the social
// worker no longer finds the room. At desktop width the coordinator moves
// a quiz question down and back up and edits a question's text. Every page
// is screenshotted into e2e/test-results/ and scanned with axe.
//
// One demo server (fresh SQLite database, the real clock) for this file.

import assert from 'node:assert/strict';

import { goto, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const { journey, server } = suite('roomsquiz');

journey('1 a coordinator edits a room and takes an organisation\'s access away', PHONE, async (page, { open }) => {
  await logIn(page, 'bibliotek@dragoer.demo', 'coordinator');
  await goto(page, '/lokaler', 'rooms');
  await page.getByRole('link', { name: 'Mødelokalet' }).click();
  await visited(page, 'room-day');
  await page.getByRole('link', { name: /Ret lokalet/ }).click();
  await visited(page, 'room-edit');

  await page.getByLabel('Pladser').fill('0');
  await page.getByRole('button', { name: 'Gem lokalet' }).click();
  await visited(page, 'room-edit-error');
  assert.match(await page.title(), /^Fejl:/);
  assert.equal(await page.getByLabel('Pladser').inputValue(), '0', 'what was typed is kept');

  await page.getByLabel('Pladser').fill('6');
  await page.getByLabel('Udstyr').fill('Skærm og whiteboard');
  await page.locator('fieldset', { hasText: 'Socialafdelingen' }).getByLabel('Må ikke booke').check();
  await page.getByRole('button', { name: 'Gem lokalet' }).click();
  await page.waitForURL(/notice=room-saved/);
  await visited(page, 'room-saved');
  assert.ok((await page.content()).includes('Skærm og whiteboard'));

  const social = await open();
  await logIn(social, 'social@dragoer.demo', 'social');
  await goto(social, '/lokaler', 'social-rooms');
  assert.equal(await social.getByRole('link', { name: 'Mødelokalet' }).count(), 0);
});

journey('2 a coordinator moves and edits quiz questions', DESKTOP, async (page) => {
  const res = await fetch(`${server().baseURL}/api/v1/sessions`);
  const body = await res.json();
  const items = Array.isArray(body) ? body : body.items ?? body.sessions ?? [];
  const senior = items.find((x) => (x.title ?? '').includes('Dit digitale liv'));
  assert.ok(senior, 'the seniors\' programme has a session');

  await logIn(page, 'bibliotek@dragoer.demo', 'quiz-coordinator');
  await goto(page, `/programmes/${senior.programme}/quiz`, 'bank');
  const questions = page.locator('ol.quiz-bank > li > p > strong');
  const first = await questions.nth(0).innerText();
  const second = await questions.nth(1).innerText();

  await page.getByRole('button', { name: /^Flyt ned\W*Spørgsmål 1$/ }).click();
  await page.waitForURL(/notice=quiz-question-moved/);
  await visited(page, 'bank-moved');
  assert.equal(await questions.nth(0).innerText(), second);
  assert.equal(await questions.nth(1).innerText(), first);
  await page.getByRole('button', { name: /^Flyt op\W*Spørgsmål 2$/ }).click();
  await page.waitForURL(/notice=quiz-question-moved/);
  assert.equal(await questions.nth(0).innerText(), first);

  await page.getByRole('link', { name: /^Ret\s*1$/ }).click();
  await visited(page, 'question-edit');
  await page.getByLabel('Spørgsmål på dansk').fill('');
  await page.getByRole('button', { name: 'Gem spørgsmålet' }).click();
  await visited(page, 'question-edit-error');
  assert.match(await page.title(), /^Fejl:/);
  await page.getByLabel('Spørgsmål på dansk').fill(`${first} (rettet)`);
  await page.getByRole('button', { name: 'Gem spørgsmålet' }).click();
  await page.waitForURL(/notice=quiz-question-saved/);
  await visited(page, 'question-saved');
  assert.equal(await questions.nth(0).innerText(), `${first} (rettet)`);
});
