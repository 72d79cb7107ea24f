import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, serve, type Browser, type StaticServer } from './chromium';

/**
 * The playground as a visitor uses it, in headless Chromium: type a wrong string, see the marker and the
 * message, apply the fix, read the explanation, build a string with the form, and reload it from the URL.
 */

const PLAYGROUND = fileURLToPath(new URL('../../playground/', import.meta.url));

let browser: Browser;
let site: StaticServer;
let page: Page;
const errors: string[] = [];

const editorText = () => page.evaluate(() => (globalThis as any).ossprocEditor.state.doc.toString() as string);

async function typeInEditor(text: string) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

beforeAll(async () => {
  execFileSync(process.execPath, [join(PLAYGROUND, 'build.mjs')], { stdio: 'pipe' });
  site = await serve(join(PLAYGROUND, 'dist'));
  browser = await launch();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${site.url}/`);
  await page.waitForSelector('.cm-content');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the playground', () => {
  it('marks a wrong string, says why, and applies the fix', async () => {
    await typeInEditor('video/covert,f_mp4,vcodec_h264');
    const marker = page.locator('.cm-lintRange-error');
    await marker.first().waitFor();
    expect(await marker.first().textContent()).toBe('covert');
    await marker.first().hover();
    const tooltip = page.locator('.cm-tooltip-lint .cm-diagnostic');
    await tooltip.first().waitFor();
    expect(await tooltip.first().textContent()).toContain("video has no action 'covert': did you mean 'convert'?");
    await page.locator('.cm-tooltip-lint .cm-diagnosticAction', { hasText: "Replace with 'convert'" }).click();
    await page.waitForFunction(() => (globalThis as any).ossprocEditor.state.doc.toString() === 'video/convert,f_mp4,vcodec_h264');
    await page.locator('.cm-lintRange-error').waitFor({ state: 'detached' });
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('completes and hovers from the same service', async () => {
    await typeInEditor('image/resize,');
    await page.keyboard.press('Control+Space');
    const list = page.locator('.cm-tooltip-autocomplete li');
    await list.first().waitFor();
    const labels = await list.locator('.cm-completionLabel').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['w', 'h', 'm']));
    await page.keyboard.press('Escape');
    await typeInEditor('video/convert,f_mp4,vcodec_h264,fps_30');
    await page.locator('.cm-line', { hasText: 'fps_30' }).waitFor();
    const box = await page.evaluate(() => {
      const view = (globalThis as any).ossprocEditor;
      const c = view.coordsAtPos(view.state.doc.toString().indexOf('fps') + 1);
      return { x: c.left + 2, y: (c.top + c.bottom) / 2 };
    });
    await page.keyboard.press('Escape');
    await page.mouse.move(box.x, box.y);
    const hover = page.locator('.cm-tooltip-hover .hover-doc');
    await hover.first().waitFor();
    expect(await hover.first().textContent()).toContain('fps — video/convert');
  });

  it('explains the string at the cursor with defaults filled in and targets decoded', async () => {
    await typeInEditor('video/convert,f_mp4,vcodec_h264|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA');
    await page.locator('#explain-body tr[data-key="o"]').waitFor();
    expect(await page.locator('#explain-body tr[data-key="o"] .decoded').textContent()).toBe('out.mp4');
    expect(await page.locator('#explain-body tr[data-key="b"] .decoded').textContent()).toBe('outbucket');
    // a parameter not written: its default, marked so
    const defaults = await page.locator('#explain-body tr:has(.default) td:first-child').allTextContents();
    expect(defaults.length).toBeGreaterThan(0);
    expect(await page.locator('#explain-body .mode').textContent()).toContain('asynchronous');
  });

  it('builds a string from the form: pickers, ranges enforced, targets encoded', async () => {
    await typeInEditor('');
    await page.selectOption('#product', 'video');
    await page.selectOption('#action', 'convert');
    await page.selectOption('#params select[name="f"]', 'mp4');
    await page.selectOption('#params select[name="vcodec"]', 'h264');
    // out of the catalog's range: the browser refuses the step
    await page.fill('#params input[name="fps"]', '241');
    await page.click('#add-step');
    expect(await page.locator('#steps li').count()).toBe(0);
    expect(await page.locator('#params input[name="fps"]').evaluate((e) => (e as unknown as { validity: { rangeOverflow: boolean } }).validity.rangeOverflow)).toBe(true);
    await page.fill('#params input[name="fps"]', '30');
    await page.click('#add-step');
    expect(await page.locator('#steps li').allTextContents()).toEqual(['video/convert,f_mp4,vcodec_h264,fps_30']);
    await page.fill('#saveas-bucket', 'outbucket');
    await page.fill('#saveas-object', 'out.mp4');
    expect(await page.locator('#built').textContent()).toBe('video/convert,f_mp4,vcodec_h264,fps_30|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA');
    await page.click('#insert');
    expect(await editorText()).toBe('video/convert,f_mp4,vcodec_h264,fps_30|sys/saveas,b_b3V0YnVja2V0,o_b3V0Lm1wNA');
  });

  it('keeps the text in the URL: a reload (or the link) brings it back', async () => {
    errors.length = 0;
    const text = '# shared\nimage/resize,w_100,q_101';
    await typeInEditor(text);
    await page.waitForFunction((t) => decodeURIComponent((globalThis as any).location.hash.slice(1)) === t, text);
    const link = await page.locator('#share').getAttribute('href');
    expect(link).toBe(`${site.url}/#${encodeURIComponent(text)}`);
    await page.reload();
    await page.waitForSelector('.cm-content');
    expect(await editorText()).toBe(text);
    const fresh = await browser.context.newPage();
    await fresh.goto(link!);
    await fresh.waitForSelector('.cm-content');
    expect(await fresh.evaluate(() => (globalThis as any).ossprocEditor.state.doc.toString())).toBe(text);
    await fresh.locator('.cm-lintRange-error').first().waitFor();
    await fresh.close();
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
