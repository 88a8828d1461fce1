/*
 * Microsoft's Teams manifest schema, for validating appPackage/manifest.json offline.
 * Microsoft's validators fetch it over the network; here it comes once from the npm tarball of
 * the Agents Toolkit CLI, which ships every schema version, and is cached under node_modules.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const CLI_PACKAGE = '@microsoft/m365agentstoolkit-cli';
const CLI_VERSION = '1.1.17';
const SCHEMA_IN_TARBALL = 'package/json-schemas/teams/v1.29/MicrosoftTeams.schema.json';
const SCHEMA_SHA256 = 'b4b311031e1a086e47815b68160664790250362ad85351f4c3dca4730fa5529d';

/** Where the schema is kept between runs; a clean clone fetches it again. */
export const SCHEMA_CACHE_FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  'node_modules',
  '.cache',
  'teams-schema',
  `m365agentstoolkit-cli-${CLI_VERSION}`,
  'v1.29',
  'MicrosoftTeams.schema.json',
);

/** The v1.29 schema, read from the cache or fetched into it (a 34 MB tarball) first. */
export function loadTeamsSchema(): Record<string, unknown> {
  if (!existsSync(SCHEMA_CACHE_FILE)) {
    fetchIntoCache();
  }

  const bytes = readFileSync(SCHEMA_CACHE_FILE);
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== SCHEMA_SHA256) {
    throw new Error(
      `${SCHEMA_CACHE_FILE} has sha256 ${digest}, expected ${SCHEMA_SHA256}; delete it to refetch`,
    );
  }

  return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
}

/** Packs the pinned CLI version into a scratch folder and moves only the schema out of it. */
function fetchIntoCache(): void {
  const cacheDir = join(SCHEMA_CACHE_FILE, '..');
  mkdirSync(cacheDir, { recursive: true });
  const scratch = mkdtempSync(join(cacheDir, 'fetch-'));
  try {
    const spec = `${CLI_PACKAGE}@${CLI_VERSION}`;
    const packed = execFileSync(
      'npm',
      ['pack', spec, '--pack-destination', scratch, '--json', '--ignore-scripts'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const [entry] = JSON.parse(packed) as Array<{ filename: string }>;
    if (entry === undefined) {
      throw new Error(`npm pack ${spec} reported no tarball`);
    }

    const tarball = join(scratch, entry.filename);
    execFileSync('tar', ['-xzf', tarball, '-C', scratch, SCHEMA_IN_TARBALL], { stdio: 'pipe' });
    // A rename is atomic, so a parallel run never reads a half-written schema.
    renameSync(join(scratch, SCHEMA_IN_TARBALL), SCHEMA_CACHE_FILE);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
