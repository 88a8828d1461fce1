import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { Incident } from '../../src/intake/incident';
import type { EscalationPolicy } from '../../src/rules/policy';
import { parseTitleMatcher } from '../../src/rules/title-matcher';

/** The policy of oncall.example.yaml, built by hand so rule tests need no file. */
export function londonPolicy(overrides: Partial<EscalationPolicy> = {}): EscalationPolicy {
  return {
    timezone: 'Europe/London',
    businessHours: { days: new Set([1, 2, 3, 4, 5]), start: 9 * 60, end: 18 * 60 },
    holidays: new Set(['2026-12-25', '2026-12-28']),
    severities: new Set(['High']),
    titles: ['Serious alert 1', '/^ransomware/i'].map(parseTitleMatcher),
    preEscalatedPrefix: '[ON-CALL]',
    volume: { severities: new Set(['Low', 'Medium']), moreThan: 10, windowMs: 30 * 60_000 },
    ...overrides,
  };
}

/** A new High incident created on Saturday 2026-06-06 at 02:14 in London. */
export function makeIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
    workspaceId: '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9',
    number: 4711,
    title: 'Suspicious sign-in followed by mass file download',
    description: '',
    severity: 'High',
    status: 'New',
    owner: null,
    createdTimeUtc: '2026-06-06T01:14:16.982Z',
    lastModifiedTimeUtc: '2026-06-06T01:14:16.982Z',
    url: null,
    classification: null,
    ...overrides,
  };
}

/** The project folder: the nearest folder above the compiled test that has package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`no package.json above ${__dirname}`);
    }

    dir = parent;
  }

  return dir;
}

/** One of the example trigger bodies under examples/, parsed. */
export function readExample(name: string): unknown {
  return JSON.parse(readFileSync(path.join(repoRoot(), 'examples', name), 'utf8'));
}

/** The GSM 03.38 basic character set, without the escape to the extension table. */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,\\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà';

/** Matches text made of GSM-7 basic characters only. */
export const GSM7_ONLY = new RegExp(`^[${GSM7_BASIC}]*$`);
