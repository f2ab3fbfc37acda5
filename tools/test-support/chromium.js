// Headless Chromium as the browser tests launch it (playwright-core's chromium.launch): Debian's
// browser or CHROMIUM_PATH (no browser download works here), with nothing it would fetch by itself.
export function chromiumLaunchOptions() {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
