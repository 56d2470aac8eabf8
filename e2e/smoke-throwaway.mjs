import { launch, newContext, screenshot } from './lib/browser.mjs';
import { expectNoA11yViolations } from './lib/a11y.mjs';
const good = 'data:text/html;charset=utf-8,' + encodeURIComponent('<!doctype html><html lang="da"><head><title>Prøve</title></head><body><main><h1>Hej Dragør</h1><p>Tekst</p></main></body></html>');
const bad = 'data:text/html;charset=utf-8,' + encodeURIComponent('<!doctype html><html><head><title>x</title></head><body><main><img src="x.png"><input type="text"></main></body></html>');
const browser = await launch();
console.log('version', browser.version());
for (const js of [true, false]) {
  const ctx = await newContext(browser, undefined, { javaScriptEnabled: js });
  const page = await ctx.newPage();
  await page.goto(good);
  const r = await expectNoA11yViolations(page, 'good js=' + js);
  console.log('js', js, 'good: passes', r.passes.length, 'violations', r.violations.length);
  await page.goto(bad);
  try { await expectNoA11yViolations(page, 'bad js=' + js); console.log('UNEXPECTED pass'); }
  catch (e) { console.log('bad page fails as expected:\n' + e.message.split('\n').slice(0,12).join('\n')); }
  await ctx.close();
}
const ctx = await newContext(browser); const p = await ctx.newPage(); await p.goto(good);
console.log(await screenshot(p, 'throwaway-smoke'));
await browser.close();
