// The "Digital dåbsattest" (issue 9): the citizen service's coordinator
// opens 9.A's certificates, downloads the PDF through the page's link, and
// pdftotext finds in it, page by page, the same text as the page shows,
// pupil by pupil. In Danish and English; at desktop and phone width; every
// page screenshotted into e2e/test-results/ and scanned with axe. The PDF's
// first page is drawn into e2e/test-results/ too, to look at.
//
// Needs pdftotext and pdftoppm (Debian's poppler-utils; .ci/run installs them).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { promisify } from 'node:util';
import { RESULTS_DIR } from '../lib/browser.mjs';
import { clickLanguage, goto, h1Text, shotName, visited } from '../lib/journey.mjs';
import { DESKTOP, PHONE, logIn, suite } from '../lib/suite.mjs';

const run = promisify(execFile);
const { journey } = suite('certificates');

let tmp;

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'samvirke-certificates-'));
});

after(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const flat = (text) => text.replace(/\s+/g, ' ').trim();

async function openCertificates(page, label) {
  await goto(page, '/klasser', `${label}-classes`);
  await page.locator('tbody tr', { hasText: 'Dragør Skole' }).filter({ hasText: '9.A' }).getByRole('link').click();
  await page.waitForURL(/\/klasser\/\d+$/);
  await visited(page, `${label}-class`);
  await page.getByRole('link', { name: 'Digitale dåbsattester' }).click();
  await page.waitForURL(/\/klasser\/\d+\/beviser$/);
  await visited(page, `${label}-certificates`);
}

/** Download the PDF through the page's link; its text, one entry per page. */
async function downloadPdf(page, linkName, file) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: linkName }).click(),
  ]);
  const saved = path.join(tmp, file);
  await download.saveAs(saved);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', saved, '-']);
  const pages = stdout.split('\f').map(flat).filter((p) => p.length > 0);
  return { name: download.suggestedFilename(), saved, pages };
}

async function certificateTexts(page) {
  return (await page.locator('article.samvirke-certificate').allInnerTexts()).map(flat);
}

journey('1 the citizen service coordinator downloads 9.A\'s certificates: the PDF says what the page says', DESKTOP, async (page) => {
  await logIn(page, 'borgercenter@dragoer.demo', 'citizen-coordinator');
  await openCertificates(page, 'citizen-coordinator');
  assert.equal(await h1Text(page), 'Digitale dåbsattester – 9.A Dragør Skole');
  assert.match(await page.locator('main').innerText(), /Ingen elever er markeret som mødt endnu/, 'printed in advance: the page says so');
  const onPage = await certificateTexts(page);
  assert.equal(onPage.length, 24);

  const pdf = await downloadPdf(page, /Hent alle attester som PDF/, 'da.pdf');
  assert.equal(pdf.name, 'digitale-daabsattester-9-a-dragoer-skole.pdf');
  assert.equal(pdf.pages.length, 24, 'a page per pupil');
  assert.deepEqual(pdf.pages, onPage, 'each PDF page has the text of its certificate on the page');
  const names = await page.locator('.samvirke-certificate-name').allInnerTexts();
  names.forEach((name, i) => assert.ok(pdf.pages[i].includes(name), `page ${i + 1}: ${name}`));
  assert.match(pdf.pages[0], /Digital dåb og dannelse med 9\.A på Dragør Skole/);
  assert.match(pdf.pages[0], /Dragør Bibliotek Borgercentret$/);

  // The first page, drawn to look at next to the screenshots.
  await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf.saved, path.join(RESULTS_DIR, shotName('pdf-page-1'))]);

  await clickLanguage(page, 'English');
  await page.waitForLoadState('load');
  await visited(page, 'certificates-en');
  assert.equal(await h1Text(page), 'Digital certificates – 9.A Dragør Skole');
  const english = await downloadPdf(page, /Download all certificates as PDF/, 'en.pdf');
  assert.equal(english.name, 'digital-certificates-9-a-dragoer-skole.pdf');
  assert.deepEqual(english.pages, await certificateTexts(page));
  assert.match(english.pages[0], /^Digital certificate This certificate is given to/);
});

journey('2 the school contact opens their own class\'s certificates on a phone', PHONE, async (page) => {
  await logIn(page, 'skole@dragoer.demo', 'school');
  await openCertificates(page, 'school');
  assert.equal((await certificateTexts(page)).length, 24);
  const pdf = await downloadPdf(page, /Hent alle attester som PDF/, 'school.pdf');
  assert.equal(pdf.pages.length, 24);
});
