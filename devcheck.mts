import { launchBrowser } from './test/helpers/browser.ts';
const url = process.argv[2]!;
const questions = process.argv.slice(3);
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
await page.goto(url);
await page.locator('.ac-adaptiveCard').first().waitFor({ timeout: 30000 });
let n = 0;
for (const q of questions) {
  const before = await page.locator('.ac-adaptiveCard').count();
  const box = page.locator('[data-lexical-editor="true"]');
  await box.click(); await box.fill(q); await box.press('Enter');
  await page.waitForFunction((b) => document.querySelectorAll('.ac-adaptiveCard').length > b, before, { timeout: 20000 });
  await page.waitForTimeout(500);
  const card = page.locator('.ac-adaptiveCard').last();
  await card.scrollIntoViewIfNeeded();
  console.log(`--- ${q}\n${(await card.innerText()).slice(0, 600)}`);
  await page.screenshot({ path: `/tmp/devshots/${++n}.png` });
}
await browser.close();
