// Headless Chromium as the browser tests launch it (playwright-core's chromium.launch): CHROMIUM_PATH,
// else Debian's headless shell (chromium-headless-shell), else Debian's full browser; no browser
// download works here, and nothing it would fetch by itself.
import { existsSync } from 'node:fs';

// The headless shell is the same Blink and V8 without the browser's UI, and what Playwright itself
// runs headless tests on: the docs tests cost a seventh less CPU on it (BENCHMARKS.md). The binary,
// not Debian's /usr/bin wrapper script, so that the signals Playwright sends reach the browser.
// Exported for CI's driver (scripts/ci.mjs), which installs the first of them when none is there.
export const BROWSERS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The browser the tests launch: CHROMIUM_PATH, or the first of Debian's that is installed. */
function chromiumPath() {
  return process.env.CHROMIUM_PATH || BROWSERS.find((path) => existsSync(path)) || BROWSERS[1];
}

export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
