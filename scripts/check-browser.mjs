// Run first by `npm test`: the end-to-end tests need a Chromium, and finding
// out after lint, unit tests and a build wastes minutes. The same lookup as
// playwright.config.ts: Debian's Chromium, else Playwright's own download.
import fs from "node:fs";
import { chromium } from "@playwright/test";

const systemChromium = "/usr/bin/chromium";
const playwrightChromium = chromium.executablePath();
if (!fs.existsSync(systemChromium) && !fs.existsSync(playwrightChromium)) {
  console.error(`The end-to-end tests need Chromium, and there is none at ${systemChromium} or ${playwrightChromium}.
Install Debian's:  sudo apt-get update && sudo apt-get install -y chromium
(or, where the network allows it, Playwright's own:  npx playwright install chromium), then run npm test again.`);
  process.exit(1);
}
