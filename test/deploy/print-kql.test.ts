import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describeRules, parseKqlArgs } from '../../scripts/print-kql';
import { rulesParametersFile } from '../../src/sentinel-rules/rules-parameters';
import { buildSentinelRules } from '../../src/sentinel-rules/sentinel-rule';
import { repoRoot } from '../unit/fixtures';
import { expressions, readJsonFiles, type ArmTemplate } from './support/arm-template';
import { examplePolicy } from './support/samples';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'print-kql.js');
const EXAMPLE = path.join(repoRoot(), 'oncall.example.yaml');

function runKql(args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args], { cwd: repoRoot(), encoding: 'utf8' });
}

describe('npm run kql', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kql-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads --config and --out, and refuses anything else with the usage', () => {
    assert.deepEqual(parseKqlArgs([]), { config: undefined, out: undefined });
    assert.deepEqual(parseKqlArgs(['--out', 'x.json', '--config', 'a.yaml']), {
      config: 'a.yaml',
      out: 'x.json',
    });
    assert.throws(() => parseKqlArgs(['--out']), /usage: npm run kql/);
    assert.throws(() => parseKqlArgs(['--verbose', 'yes']), /usage: npm run kql/);
  });

  it('prints both rules with their ids, schedules and queries', () => {
    const rules = buildSentinelRules(examplePolicy());
    const text = describeRules(rules);
    for (const rule of [rules.escalation, rules.storm]) {
      assert.ok(text.includes(`// Rule ${rule.id}: ${rule.displayName} (every PT5M`), rule.id);
      assert.ok(text.includes(rule.query));
    }

    const result = runKql(['--config', EXAMPLE]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, text);
  });

  it('writes the parameters file that sentinel-rules.json takes', () => {
    const out = path.join(dir, 'rules.parameters.json');
    const result = runKql(['--config', EXAMPLE, '--out', out]);
    assert.equal(result.status, 0, result.stderr);
    const written = JSON.parse(readFileSync(out, 'utf8')) as {
      parameters: Record<string, { value: Record<string, unknown> }>;
    };
    assert.deepEqual(written, rulesParametersFile(buildSentinelRules(examplePolicy())));

    const template = readJsonFiles().get('sentinel-rules.json') as ArmTemplate;
    const declared = Object.keys(template.parameters ?? {}).filter((n) => n !== 'workspaceName');
    assert.deepEqual(Object.keys(written.parameters).sort(), declared.sort());
    for (const name of declared) {
      const read = expressions(template).flatMap((e) =>
        [...e.matchAll(new RegExp(`parameters\\('${name}'\\)\\.(\\w+)`, 'g'))].map((m) => m[1]),
      );
      const given = Object.keys(written.parameters[name]?.value ?? {});
      assert.deepEqual([...new Set(read)].sort(), given.sort(), name);
    }
  });

  it('exits 2 naming the config entry KQL cannot express', () => {
    const config = path.join(dir, 'oncall.yaml');
    const yaml = readFileSync(EXAMPLE, 'utf8').replace(
      /preEscalatedPrefix: .*/,
      'preEscalatedPrefix: ""',
    );
    writeFileSync(config, yaml);
    const result = runKql(['--config', config]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /escalate\.preEscalatedPrefix: must not be empty/);
    assert.equal(result.stdout, '');
  });
});
