// Headless Chromium for browser tests, from npm so `npm test` needs nothing installed by hand.
// A system Chromium is preferred when one is installed (it starts faster); otherwise the binary shipped in
// @sparticuz/chromium is unpacked to the temp folder on first use and launched by playwright-core.
//
// Environment overrides:
//   CHROMIUM_PATH=/path/to/chromium   use this executable
//   CHROMIUM_PATH=npm                 ignore any system Chromium and use the npm one (how the npm path is tested)
import { existsSync } from 'node:fs';
import { chromium as playwright, type Browser } from 'playwright-core';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The executable and the arguments it needs: an explicit path, a system Chromium, or the npm one. */
export async function chromiumLaunchOptions(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ executablePath: string; args: string[]; source: 'env' | 'system' | 'npm' }> {
  const override = env.CHROMIUM_PATH;
  if (override && override !== 'npm')
    return { executablePath: override, args: ['--no-sandbox'], source: 'env' };
  const system = override === 'npm' ? undefined : SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return { executablePath: system, args: ['--no-sandbox', '--disable-gpu'], source: 'system' };
  const { default: packaged } = await import('@sparticuz/chromium');
  // Its defaults are tuned for serverless hosts and relax web security; the report tests check that a page can
  // neither run scripts nor reach the network, so keep the browser's own protections on.
  const args = packaged.args.filter((a) => !RELAXED.includes(a.split('=')[0]!));
  return { executablePath: await packaged.executablePath(), args, source: 'npm' };
}

const RELAXED = [
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
];

export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  const { executablePath, args } = await chromiumLaunchOptions(env);
  return playwright.launch({
    executablePath,
    args: [...args, '--no-first-run', '--disable-background-networking'],
  });
}
