import { expect, it } from 'vitest';
import { fixtureUrl, type FixtureServer, type LaunchedBrowser } from './harness';
import { useBrowser } from './session';
import { ready, waitForEditor, typeText, commentCount } from './comments-helpers';

let server: FixtureServer;
let browser: LaunchedBrowser;
const newPage = useBrowser((s, b) => { server = s; browser = b; });

it('debug', async () => {
  const page = await newPage();
  await page.goto(fixtureUrl(server, 'plain.html', { clip: 'vp9-25.webm', case: 'quota' }));
  await ready(page);
  const cdp = await browser.context.newCDPSession(page);
  const origin = `chrome-extension://${browser.extensionId}`;
  console.log(JSON.stringify(await cdp.send('Storage.getUsageAndQuota', { origin })));
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  console.log(JSON.stringify(await cdp.send('Storage.getUsageAndQuota', { origin })));
  await page.keyboard.press('c');
  await waitForEditor(page);
  await typeText(page, 'Secret knee note');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  const err = await page.evaluate(() => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-editor-error')?.textContent);
  const draft = await page.evaluate(() => (document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-editor textarea') as HTMLTextAreaElement | null)?.value);
  console.log('err', err, 'draft', draft, 'count', await commentCount(page));
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1500);
  console.log('after', await commentCount(page));
  expect(1).toBe(1);
}, 60000);
