import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { APP_PACKAGE_DIR, NIL_GUID, buildAppPackage } from '../../scripts/package-app';

const CLIENT_ID = '9a1e4c2b-5f3d-4e7a-8c6b-0d2f1a3e5b7c';

/** Every entry of a zip file, by name. */
async function readZip(file: string): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, opened) => (err ? reject(err) : resolve(opened)));
  });
  const entries = new Map<string, Buffer>();
  const openEntry = promisify(zip.openReadStream.bind(zip));
  return new Promise((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: yauzl.Entry) => {
      openEntry(entry)
        .then(async (stream) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        })
        .catch(reject);
    });
    zip.readEntry();
  });
}

describe('npm run package', function () {
  let dir: string;

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'app-package-'));
  });

  afterEach(function () {
    rmSync(dir, { recursive: true, force: true });
  });

  it('zips the manifest and the two icons, and nothing else, at the root', async function () {
    const file = await buildAppPackage({ clientId: CLIENT_ID, outFile: join(dir, 'app.zip') });
    const entries = await readZip(file);

    assert.deepEqual([...entries.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
    for (const icon of ['color.png', 'outline.png']) {
      assert.ok(entries.get(icon)?.equals(readFileSync(join(APP_PACKAGE_DIR, icon))), icon);
    }
  });

  it('fills the bot id from clientId', async function () {
    const file = await buildAppPackage({ clientId: CLIENT_ID, outFile: join(dir, 'app.zip') });
    const manifest = JSON.parse(String((await readZip(file)).get('manifest.json')));

    assert.equal(manifest.bots[0].botId, CLIENT_ID);
    assert.doesNotMatch(JSON.stringify(manifest), /\$\{\{/);
  });

  it('refuses to build without clientId and names the variable', async function () {
    await assert.rejects(
      buildAppPackage({ clientId: undefined, outFile: join(dir, 'app.zip') }),
      /clientId is not set.*--allow-placeholder/,
    );
  });

  it('exits with status 1 and a message from the command line', function () {
    const env = { ...process.env, clientId: '' };
    const script = join(__dirname, '..', '..', 'scripts', 'package-app.js');
    const run = spawnSync(process.execPath, [script], { env, encoding: 'utf8' });

    assert.equal(run.status, 1);
    assert.match(run.stderr, /^package: clientId is not set/);
  });

  it('refuses a clientId that is not a GUID', async function () {
    await assert.rejects(
      buildAppPackage({ clientId: 'my-bot', outFile: join(dir, 'app.zip') }),
      /clientId "my-bot" is not a GUID/,
    );
  });

  it('uses the all-zero GUID with allowPlaceholder', async function () {
    const outFile = join(dir, 'app.zip');
    await buildAppPackage({ clientId: '', allowPlaceholder: true, outFile });
    const manifest = JSON.parse(String((await readZip(outFile)).get('manifest.json')));

    assert.equal(manifest.bots[0].botId, NIL_GUID);
  });
});
