/*
 * Renders every sample card (test/cards/sample-cards.ts) with the Adaptive Cards renderer in
 * headless Chromium and writes docs/images/<name>.png. Run with `npm run card-images`.
 * Needs Debian's chromium at /usr/bin/chromium; `npm test` never runs this.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import type * as AdaptiveCards from 'adaptivecards';
import { sampleCards } from '../test/cards/sample-cards';
import { TEAMS_LIGHT_HOST_CONFIG, TEAMS_PAGE_CSS } from './teams-host-config';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const IMAGES_DIR = join(__dirname, '..', '..', 'docs', 'images');

/** The little of the page's DOM that the in-page step touches. */
interface PageGlobals {
  AdaptiveCards: typeof AdaptiveCards;
  document: { getElementById(id: string): PageNode | null };
}

interface PageNode {
  replaceChildren(...nodes: unknown[]): void;
  querySelectorAll(selector: string): Iterable<PageNode & { className: string }>;
  scrollWidth: number;
  clientWidth: number;
}

/** Runs in Chromium: renders one card into #card and names what overflows its box. */
function renderInPage(input: { card: object; hostConfig: object }): string[] {
  const page = globalThis as unknown as PageGlobals;
  const AC = page.AdaptiveCards;
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(input.hostConfig);
  card.parse(input.card);
  const host = page.document.getElementById('card');
  if (host === null) {
    return ['the page has no #card element'];
  }

  host.replaceChildren(card.render());
  return [...host.querySelectorAll('*')]
    .filter((node) => node.scrollWidth > node.clientWidth + 1 && node.clientWidth > 0)
    .map((node) => `overflow in <${node.className}>`);
}

/** Renders every sample card to outDir/<name>.png; resolves to the files written. */
export async function renderCards(outDir = IMAGES_DIR): Promise<string[]> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install chromium\``);
  }

  mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage({ viewport: { width: 600, height: 400 } });
    await page.route('**/*', (route) => route.abort()); // nothing leaves the machine
    await page.setContent('<!doctype html><meta charset="utf-8"><div id="card"></div>');
    const markdownIt = join(dirname(require.resolve('markdown-it')), 'browser');
    await page.addScriptTag({ path: join(markdownIt, 'markdown-it.umd.min.js') });
    await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
    await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
    await page.addStyleTag({ content: TEAMS_PAGE_CSS });

    const written: string[] = [];
    for (const [name, card] of Object.entries(sampleCards())) {
      const problems = await page.evaluate(renderInPage, {
        card,
        hostConfig: TEAMS_LIGHT_HOST_CONFIG,
      });
      problems.forEach((problem) => console.warn(`${name}: ${problem}`));
      await page.evaluate('document.fonts.ready');

      const file = join(outDir, `${name}.png`);
      await page.locator('#card').screenshot({ path: file, animations: 'disabled' });
      written.push(file);
    }

    return written;
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  renderCards()
    .then((files) => files.forEach((file) => console.log(`wrote ${file}`)))
    .catch((err: unknown) => {
      console.error(`card-images: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    });
}
