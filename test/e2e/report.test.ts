// report.html in a real browser: Debian's Chromium, headless, driven by playwright-core, with every
// network request refused. The page must load with no console error, draw its chart, and show the
// same counts as summary.json; a screenshot is kept under test-output/ for a person to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli } from './cli.js';
import { useHarness } from './harness.js';
import { requireTool } from '../support/tools.js';

const KEY = 'report-key-19ad';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('report.html', () => {
  const harness = useHarness(KEY);

  it('opens offline in Chromium with no console error and shows the counts of summary.json', async () => {
    const executablePath = requireTool('chromium');
    const sandbox = await harness.sandbox({ org: undefined, rateLimit: 2, burst: 1, failRate: 0.2, seed: 3 });
    const out = join(harness.dir(), 'o');
    const result = await runCli(['run', fixture('mixed.csv'), '--base-url', sandbox.url, '--out', out, '--rate', '10', '--max-retries', '10'], { env: { DOUBLETICK_API_KEY: KEY } });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`report:  ${join(out, 'report.html')}`);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.rateLimited).toBeGreaterThan(0);

    const browser = await chromium.launch({ executablePath, args: FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      await page.route(/^(?!file:)/, (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
      const text = async (selector: string): Promise<string> => (await page.locator(selector).first().textContent())?.trim() ?? '';

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(await text('[data-field="rows"]')).toBe(String(summary.rows));
      expect(await text('[data-field="succeeded"]')).toBe(String(summary.statuses.succeeded));
      expect(await text('[data-field="failed"]')).toBe(String(summary.statuses.failed + summary.statuses.partial));
      expect(await text('[data-field="invalid"]')).toBe(String(summary.statuses.invalid));
      expect(await text('[data-field="requests"]')).toBe(String(summary.requestsSent));
      expect(await text('[data-field="rateLimited"]')).toBe(String(summary.rateLimited));
      for (const [status, n] of Object.entries(summary.statuses)) expect(await text(`[data-status="${status}"]`)).toBe(String(n));
      for (const [code, n] of Object.entries(summary.errorCodes)) expect(await text(`[data-code="${code}"]`)).toBe(String(n));
      expect(await text('[data-field="mapping"]')).toBe(summary.columns.line);
      // uPlot drew the chart: a canvas with the run's seconds, and its legend names both series.
      expect(await page.locator('#chart canvas').count()).toBe(1);
      expect(await text('#chart .u-legend')).toMatch(/requests\/s.*429s/s);
      const failed = await page.locator('#failed tbody tr').allTextContents();
      expect(failed[0]).toMatch(/^3failedagent_not_found/);

      mkdirSync(join(ROOT, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-output', 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
