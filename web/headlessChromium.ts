/**
 * Headless Chromium for the viewer's browser test and benchmark: Debian's `/usr/bin/chromium`
 * (or `ROADGYM_CHROMIUM`) driven by playwright-core, with a fresh temporary profile and WebGL on
 * SwiftShader (software rendering: no GPU needed). playwright-core is loaded on demand, so code
 * that never opens a browser does not need it.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";

/** Where Chromium is expected. */
export function chromiumPath(): string {
  return process.env.ROADGYM_CHROMIUM ?? "/usr/bin/chromium";
}

/** Why the browser cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  const path = chromiumPath();
  return existsSync(path)
    ? undefined
    : `Chromium not found at ${path} (install Debian's chromium package, or set ROADGYM_CHROMIUM)`;
}

/** The command-line switches: headless, no sandbox (containers), no GPU, WebGL on SwiftShader, nothing phoning home. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--ignore-gpu-blocklist",
  "--disable-renderer-backgrounding",
  "--disable-background-timer-throttling",
  "--disable-backgrounding-occluded-windows",
];

/** A running browser with one page. */
export interface HeadlessBrowser {
  page: Page;
  context: BrowserContext;
  /** Closes the browser and deletes its profile. */
  close(): Promise<void>;
}

/** Launches Chromium with a new temporary profile and a `width` × `height` page. */
export async function launchChromium(width = 1280, height = 720): Promise<HeadlessBrowser> {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "roadgym-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
