import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { APP_PACKAGE_DIR, CLIENT_ID_PLACEHOLDER, fillManifest } from '../../scripts/package-app';
import { ACCENT, drawColorIcon, drawOutlineIcon } from '../../scripts/draw-icons';
import { loadTeamsSchema } from './teams-schema';

const BOT_ID = '2f6c1b9e-3d4a-4c8e-9b1f-7a5d0e2c6b13';
const COMMANDS = ['help', 'who', 'set', 'register', 'verify', 'history', 'here'];
const template = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');

interface Command {
  title: string;
  description?: string;
}

interface Bot {
  botId: string;
  scopes: string[];
  commandLists: Array<{ scopes: string[]; commands: Command[] }>;
}

function readIcon(name: string): PNG {
  return PNG.sync.read(readFileSync(join(APP_PACKAGE_DIR, name)));
}

/** Largest channel difference; a little is allowed for floating point across Node versions. */
function largestDifference(a: PNG, b: PNG): number {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  return a.data.reduce((most, value, i) => Math.max(most, Math.abs(value - (b.data[i] ?? 0))), 0);
}

describe('Teams app manifest', function () {
  let validate: (manifest: unknown) => string[];

  before(function () {
    this.timeout(180_000); // the first run downloads the CLI tarball from the npm registry
    // Not strict: the schema itself trips ajv's strictTypes warnings; data checks are the same.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const check = ajv.compile(loadTeamsSchema());
    validate = (manifest) =>
      check(manifest) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  });

  it('validates against the v1.29 schema once the bot id is filled in', function () {
    assert.deepEqual(validate(fillManifest(template, BOT_ID)), []);
  });

  it('is rejected with a 40-character short name', function () {
    const manifest = fillManifest(template, BOT_ID);
    manifest.name = { short: 'x'.repeat(40), full: 'SOC On-Call Bot' };

    assert.match(validate(manifest).join('\n'), /\/name\/short must NOT have more than 30/);
  });

  it('is rejected while the bot id is still the placeholder', function () {
    const unfilled = JSON.parse(template) as { bots: Bot[] };

    assert.equal(unfilled.bots[0]?.botId, CLIENT_ID_PLACEHOLDER);
    assert.match(validate(unfilled).join('\n'), /\/bots\/0\/botId must match pattern/);
  });

  it('has a semver version and the team and personal scopes', function () {
    const manifest = fillManifest(template, BOT_ID) as { version: string; bots: Bot[] };

    assert.match(manifest.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    assert.deepEqual(manifest.bots[0]?.scopes, ['team', 'personal']);
  });

  it("has the colour icon's navy as accentColor", function () {
    const hex = `#${ACCENT.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

    assert.equal(String(fillManifest(template, BOT_ID).accentColor).toLowerCase(), hex);
  });

  it('lists every command within the limits Teams shows', function () {
    const bot = (fillManifest(template, BOT_ID) as { bots: Bot[] }).bots[0];
    const lists = bot?.commandLists ?? [];
    const titles = new Set(lists.flatMap((list) => list.commands.map((c) => c.title)));

    assert.deepEqual([...titles].sort(), COMMANDS.map((c) => `oncall ${c}`).sort());
    for (const list of lists) {
      assert.ok(list.commands.length <= 10, `${list.scopes.join()}: over 10 commands`);
      for (const command of list.commands) {
        assert.ok(command.title.length <= 32, `title too long: ${command.title}`);
        assert.ok((command.description ?? '').length <= 128, `description: ${command.title}`);
      }
    }
  });
});

describe('Teams app icons', function () {
  it('has a 192x192 colour icon and a 32x32 outline icon', function () {
    const color = readIcon('color.png');
    const outline = readIcon('outline.png');

    assert.deepEqual([color.width, color.height], [192, 192]);
    assert.deepEqual([outline.width, outline.height], [32, 32]);
  });

  it('draws the outline in white on transparent only', function () {
    const { data } = readIcon('outline.png');
    let opaque = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a === 0) {
        continue;
      }

      assert.deepEqual([r, g, b], [255, 255, 255], `pixel ${i / 4} is not white`);
      opaque += a === 255 ? 1 : 0;
    }

    assert.ok(opaque > 50, 'the outline icon is nearly empty');
  });

  it('matches what scripts/draw-icons draws (npm run icons)', function () {
    assert.ok(largestDifference(readIcon('color.png'), drawColorIcon()) <= 2, 'color.png');
    assert.ok(largestDifference(readIcon('outline.png'), drawOutlineIcon()) <= 2, 'outline.png');
  });
});
