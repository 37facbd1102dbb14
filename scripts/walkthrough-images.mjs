#!/usr/bin/env node
// The walkthrough's images (media/walkthrough/*.png): crops of the screenshots that
// `npm run screenshots` takes of the real running extension (media/screenshots/, 1280×800), so a
// walkthrough step shows the part that matters at a readable size. `npm run screenshots` runs this
// after taking them; run it alone with `node scripts/walkthrough-images.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, launchBrowser } from './lib/editor-session.mjs';

/** Which screenshot each walkthrough image comes from, and the region (CSS pixels of the 1280×800 shot). */
export const CROPS = [
  // The token underlined in the editor, with the lightbulb's quick fixes open.
  { out: 'flagged.png', from: 'quick-fix.png', clip: { x: 348, y: 30, width: 700, height: 430 } },
  // The sidebar: a stored token (masked) with its scopes, and the workspace findings below.
  { out: 'tokens.png', from: 'tokens-view.png', clip: { x: 0, y: 30, width: 720, height: 400 } },
  // The Problems panel after Scan Workspace: every token in the workspace, masked.
  { out: 'scan.png', from: 'problems.png', clip: { x: 348, y: 515, width: 932, height: 262 } },
];

async function main() {
  const shots = path.join(ROOT, 'media', 'screenshots');
  const out = path.join(ROOT, 'media', 'walkthrough');
  fs.mkdirSync(out, { recursive: true });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    for (const c of CROPS) {
      const png = fs.readFileSync(path.join(shots, c.from));
      await page.setContent(`<html><body style="margin:0"><img id="i" src="data:image/png;base64,${png.toString('base64')}"></body></html>`);
      await page.waitForFunction(() => globalThis.document.getElementById('i')?.complete);
      await page.screenshot({ path: path.join(out, c.out), clip: c.clip });
      console.log(`[walkthrough] wrote media/walkthrough/${c.out} from media/screenshots/${c.from}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(`[walkthrough] ${e.message}`);
  process.exit(1);
});
