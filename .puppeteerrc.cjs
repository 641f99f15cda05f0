// Puppeteer reads this at install and at run time. Where a system Chromium exists (or one is named
// by CLAUSEMAP_CHROMIUM / PUPPETEER_EXECUTABLE_PATH) the bundled browser download is skipped;
// on an ordinary machine without one, Puppeteer downloads its own as usual.
const fs = require('node:fs');
const candidates = [
  process.env.CLAUSEMAP_CHROMIUM,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);
const system = candidates.find((p) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
});
module.exports = system ? { skipDownload: true } : {};
