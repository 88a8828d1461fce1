/*
 * Builds the Teams app package: a zip with manifest.json, color.png and outline.png at its
 * root. The manifest's bot id comes from the `clientId` environment variable.
 * Run with `npm run package` (or `npm run package -- --allow-placeholder`).
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** The folder holding the manifest template and the icons. */
export const APP_PACKAGE_DIR = join(__dirname, '..', '..', 'appPackage');

/** Where `npm run package` writes the zip; dist/ is not committed. */
export const DEFAULT_OUT_FILE = join(__dirname, '..', 'appPackage.zip');

/** Written in the template where the bot's Entra client id goes. */
export const CLIENT_ID_PLACEHOLDER = '${{clientId}}';

/** Bot id of a package built with allowPlaceholder: valid in form, installable nowhere. */
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const ICONS = ['color.png', 'outline.png'] as const;

// A fixed timestamp keeps the zip byte-for-byte the same for the same inputs.
const ENTRY_TIME = new Date('2026-01-01T00:00:00Z');

/** What buildAppPackage needs; clientId is normally process.env.clientId. */
export interface PackageOptions {
  readonly clientId: string | undefined;
  /** Build with NIL_GUID when clientId is unset, for trying the package out. */
  readonly allowPlaceholder?: boolean;
  readonly outFile?: string;
}

/** The bot id to write: clientId when it is a GUID; throws a message for people otherwise. */
export function resolveBotId(clientId: string | undefined, allowPlaceholder = false): string {
  const value = clientId?.trim() ?? '';
  if (value === '' && allowPlaceholder) {
    return NIL_GUID;
  }

  if (value === '') {
    throw new Error(
      "clientId is not set: set it to the bot's Entra application (client) id, " +
        'or pass --allow-placeholder to build a package with an all-zero bot id',
    );
  }

  if (!GUID.test(value)) {
    throw new Error(`clientId "${value}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  }

  return value.toLowerCase();
}

/** The manifest template with every clientId placeholder replaced by botId. */
export function fillManifest(template: string, botId: string): Record<string, unknown> {
  const filled = template.split(CLIENT_ID_PLACEHOLDER).join(botId);
  const left = /\$\{\{[^}]*\}\}/.exec(filled);
  if (left !== null) {
    throw new Error(`manifest.json has a placeholder nothing fills: ${left[0]}`);
  }

  return JSON.parse(filled) as Record<string, unknown>;
}

/** Writes the app package zip and resolves to its path. */
export async function buildAppPackage(options: PackageOptions): Promise<string> {
  const botId = resolveBotId(options.clientId, options.allowPlaceholder);
  const template = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
  const manifest = fillManifest(template, botId);
  const outFile = options.outFile ?? DEFAULT_OUT_FILE;

  const zip = new ZipFile();
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  zip.addBuffer(manifestBytes, 'manifest.json', { mtime: ENTRY_TIME });
  for (const icon of ICONS) {
    zip.addBuffer(readFileSync(join(APP_PACKAGE_DIR, icon)), icon, { mtime: ENTRY_TIME });
  }

  mkdirSync(dirname(outFile), { recursive: true });
  const out = zip.outputStream.pipe(createWriteStream(outFile));
  zip.end();
  await finished(out);
  return outFile;
}

async function main(args: readonly string[]): Promise<void> {
  const unknown = args.filter((arg) => arg !== '--allow-placeholder');
  if (unknown.length > 0) {
    throw new Error(`unknown argument ${unknown[0]}; the only option is --allow-placeholder`);
  }

  const allowPlaceholder = args.includes('--allow-placeholder');
  // eslint-disable-next-line no-restricted-properties -- a build step, not the running bot
  const clientId = process.env.clientId;
  const outFile = await buildAppPackage({ clientId, allowPlaceholder });
  const note = clientId?.trim() ? '' : ` with the placeholder bot id ${NIL_GUID}`;
  console.log(`app package written to ${outFile}${note}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`package: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
