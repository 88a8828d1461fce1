import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { parseBacktestArgs } from '../../src/backtest/backtest-options';
import { FIXTURE_CONFIG, fixture, tempDir } from './support';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'dist/scripts/backtest.js');

/** Runs the built command as `npm run backtest --` would, without npm. */
function command(args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('backtest: the command line', function () {
  it('prints the summary and writes the report and its summary file', function () {
    const out = path.join(tempDir(), 'night.html');
    const run = command([fixture('night-shift.csv'), '--config', FIXTURE_CONFIG, '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Pages {6}3 \(3 incidents, 0 storms\): 0\.6 a night, 4\.2 a week$/m);
    assert.match(run.stdout, /agreement 50\.0 % of the 6 incidents/);
    assert.match(run.stdout, /Done in \d+\.\d s, peak memory \d+ MB\./);
    assert.ok(existsSync(out));
    assert.ok(existsSync(out.replace(/\.html$/, '.json')));
  });

  it('lists skipped rows with their lines and still succeeds', function () {
    const out = path.join(tempDir(), 'bad.html');
    const run = command([fixture('malformed.csv'), '--config', FIXTURE_CONFIG, '--out', out]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Skipped rows \(5\):\n {2}line 4: Severity: must be one of/);
  });

  it('answers a usage error with exit code 2 and how to write it', function () {
    const run = command([]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /^no export given\nusage: npm run backtest -- <export.csv\|export.json>/,
    );
  });

  it('answers an export it cannot read with exit code 2, not a stack trace', function () {
    const run = command([path.join(tempDir(), 'none.csv'), '--config', FIXTURE_CONFIG]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^cannot read .*none\.csv: ENOENT\n$/);
  });

  it('reads its options', function () {
    const workspace = '3B1E6C0E-2F6A-4D0B-9A43-51F3A8C2D7E9';
    assert.deepEqual(parseBacktestArgs(['--workspace', workspace, '--days=7']), {
      source: { kind: 'workspace', workspaceId: workspace.toLowerCase(), days: 7 },
      config: undefined,
      out: 'backtest-report.html',
      analystRule: 'either',
    });
    const parsed = parseBacktestArgs(['x.csv', '--analyst-escalated', 'TruePositive']);
    assert.equal(parsed.analystRule, 'truepositive');
    assert.throws(() => parseBacktestArgs(['x.csv', '--days', '3']), /--days goes with/);
    assert.throws(() => parseBacktestArgs(['--workspace', 'abc']), /is not a workspace id/);
    assert.throws(() => parseBacktestArgs(['x.csv', '--analyst-escalated', 'hunch']), /not one/);
    assert.throws(() => parseBacktestArgs(['x.csv', '--colour', 'red']), /unknown option --colour/);
    assert.throws(() => parseBacktestArgs(['x.csv', '--out']), /--out needs a value/);
  });
});
