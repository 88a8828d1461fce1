import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { BacktestSummary } from '../../src/backtest/backtest-summary';
import type { RunDiff } from '../../src/backtest/run-diff';
import { backtest, editedConfig, fixture, tempDir } from './support';

describe('backtest: a re-run with an edited config says what changed', function () {
  let dir: string;
  let out: string;

  beforeEach(function () {
    dir = tempDir();
    out = path.join(dir, 'report.html');
  });

  it('keeps the summary beside the report, and says so on the first run', async function () {
    const run = await backtest(fixture('night-shift.csv'), { out });
    assert.equal(run.summaryPath, path.join(dir, 'report.json'));
    assert.ok(existsSync(run.summaryPath));
    const saved = JSON.parse(readFileSync(run.summaryPath, 'utf8')) as BacktestSummary;
    assert.equal(saved.pages.total, 3);
    assert.match(run.terminal, /Since the last run: first run: nothing to compare with/);
  });

  it('escalating Medium too: "2 more pages, 2 fewer misses, 1 more noise page"', async function () {
    await backtest(fixture('night-shift.csv'), { out });
    const config = editedConfig(dir, (c) => {
      (c.escalate as { severities: string[] }).severities = ['High', 'Medium'];
    });
    const run = await backtest(fixture('night-shift.csv'), { out, config });

    assert.match(
      run.terminal,
      /Since the last run: 2 more pages, 2 fewer misses, 1 more noise page\n/,
    );
    assert.match(run.terminal, /config was {2}escalate severities: High\n/);
    assert.match(run.terminal, /config now {2}escalate severities: High, Medium\n/);
    assert.match(run.terminal, /paged now: #102, #105\n/);
    assert.match(run.terminal, /no longer missed: #102, #105\n/);
    const html = readFileSync(out, 'utf8');
    assert.ok(html.includes('Since the last run: 2 more pages, 2 fewer misses, 1 more noise page'));
  });

  it('going back compares with the run just before, not the first one', async function () {
    const medium = editedConfig(dir, (c) => {
      (c.escalate as { severities: string[] }).severities = ['High', 'Medium'];
    });
    await backtest(fixture('night-shift.csv'), { out });
    await backtest(fixture('night-shift.csv'), { out, config: medium });
    const back = await backtest(fixture('night-shift.csv'), { out });
    assert.match(
      back.terminal,
      /Since the last run: 2 fewer pages, 2 more misses, 1 fewer noise page/,
    );
  });

  it('a run with nothing changed says so', async function () {
    await backtest(fixture('night-shift.csv'), { out });
    const again = await backtest(fixture('night-shift.csv'), { out });
    assert.match(again.terminal, /Since the last run: the same pages, misses and noise\n/);
  });

  it('tells when the previous run read another export', async function () {
    await backtest(fixture('night-shift.csv'), { out });
    const other = await backtest(fixture('storm.csv'), { out });
    assert.match(other.terminal, /\(the previous run read another version of the export\)/);
  });

  it('a changed analyst rule is named among the changes', async function () {
    await backtest(fixture('night-shift.csv'), { out });
    const run = await backtest(fixture('night-shift.csv'), { out, analystRule: 'truepositive' });
    const diff = readDiff(run.terminal);
    assert.equal(diff.headline, '1 fewer miss');
    assert.ok(diff.details.includes('analyst rule either → truepositive'));
  });
});

/** The "since the last run" part of the terminal text. */
function readDiff(terminal: string): Pick<RunDiff, 'headline' | 'details'> {
  const lines = terminal.split('\n');
  const at = lines.findIndex((l) => l.startsWith('Since the last run: '));
  const details: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('  ')) {
      break;
    }

    details.push(line.trim());
  }

  return { headline: (lines[at] ?? '').replace('Since the last run: ', ''), details };
}
