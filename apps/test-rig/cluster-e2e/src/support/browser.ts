import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ARTIFACTS_DIR } from './service-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where browser specs leave their screenshots for a person to look at. */
export const SCREENSHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots');

/**
 * The machine's Chromium, headless, with the screenshot folder in place. No silent skip:
 * without Chromium this throws and the suite fails.
 */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

/**
 * Collects the page's script errors and console errors into `problems` (and returns it): a CSP
 * violation or a script error is a defect of the page, whatever the assertions say. `expected`
 * passes over console errors a spec provokes on purpose; a script error is never expected.
 */
export function collectPageErrors(page: Page, problems: string[] = [], expected?: RegExp): string[] {
  page.on('console', (message) => {
    if (message.type() === 'error' && !expected?.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/**
 * collectPageErrors for a cluster with no Prometheus (the test clusters' default): the plots'
 * route answers 503, which the browser logs, and that one is expected; a 503 from any other
 * route is still a problem.
 */
export function collectPageErrorsWithoutPrometheus(page: Page, problems: string[] = []): string[] {
  collectPageErrors(page, problems, /status of 503/);
  page.on('response', (response) => {
    if (response.status() === 503 && !new URL(response.url()).pathname.startsWith('/api/metrics/series/')) problems.push(`503 from ${response.url()}`);
  });
  return problems;
}
