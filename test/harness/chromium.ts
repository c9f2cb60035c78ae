// Debian's Chromium by default (Playwright's own browser download does not work offline);
// CHROMIUM_PATH points elsewhere on other machines. The flags keep it from reaching out on its own.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
