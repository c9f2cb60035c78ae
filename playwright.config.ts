import { defineConfig } from '@playwright/test';

import { chromiumLaunchOptions } from './test/harness/chromium';

export default defineConfig({
  testDir: 'test',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  outputDir: 'test-results',
  projects: [
    {
      name: 'browser',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: chromiumLaunchOptions,
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
      },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
