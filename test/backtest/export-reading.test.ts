import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { normaliseCell } from '../../src/backtest/export-columns';
import { readExportFile } from '../../src/backtest/export-file';
import type { RawRow, RowProblem } from '../../src/backtest/export-row';
import { JsonArraySplitter } from '../../src/backtest/json-array-splitter';
import { RowCollector } from '../../src/backtest/row-collector';
import { AppError } from '../../src/errors/app-error';
import { fixture, tempDir } from './support';

/** Every item a reader hands over, in order. */
async function itemsOf(file: string): Promise<(RawRow | RowProblem)[]> {
  const items: (RawRow | RowProblem)[] = [];
  await readExportFile(file, (item) => items.push(item));
  return items;
}

async function collected(file: string): Promise<RowCollector> {
  const rows = new RowCollector();
  await readExportFile(file, rows.sink);
  return rows;
}

function written(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

describe('backtest: reading exports', function () {
  describe('CSV', function () {
    it('keeps quoted commas, doubled quotes and newlines inside cells', async function () {
      const items = (await itemsOf(fixture('portal-export.csv'))) as RawRow[];
      const titles = new Set(items.map((row) => row.cells.Title));
      assert.deepEqual([...titles].sort(), [
        'Impossible travel, "risky" sign-in',
        'Malware detected\non endpoint',
        'Ransomware, encrypted shares, "finance"',
      ]);
      const description = items.find((row) => row.cells.IncidentNumber === '803')?.cells;
      assert.equal(
        description?.Description,
        'Shares renamed to *.locked,\r\nthree hosts affected.',
      );
    });

    it('gives each row the line it starts on, counting newlines inside quotes', async function () {
      const items = await itemsOf(fixture('portal-export.csv'));
      assert.deepEqual(
        items.map((item) => item.line),
        [2, 5, 6, 8, 10, 12, 15],
      );
    });

    it('reads "[UTC]" headers and the portal\'s US datetimes as UTC instants', async function () {
      const items = (await itemsOf(fixture('portal-export.csv'))) as RawRow[];
      const first = items[0]?.cells;
      assert.equal(first?.TimeGenerated, '6/8/2026, 10:00:30.000 AM');
      assert.equal(
        normaliseCell('TimeGenerated', first?.TimeGenerated),
        '2026-06-08T10:00:30.000Z',
      );
      assert.equal(
        normaliseCell('CreatedTime', '6/6/2026, 12:05:00 PM'),
        '2026-06-06T12:05:00.000Z',
      );
      assert.equal(
        normaliseCell('CreatedTime', '2026/6/6 0:05:00.250'),
        '2026-06-06T00:05:00.250Z',
      );
      assert.equal(normaliseCell('CreatedTime', '2026-06-06T00:05:00'), '2026-06-06T00:05:00Z');
      assert.equal(normaliseCell('Title', ''), undefined);
    });

    it('reports each malformed row with its line, skips it, and reads on', async function () {
      const rows = await collected(fixture('malformed.csv'));
      assert.deepEqual(rows.problems, [
        { line: 4, problem: 'Severity: must be one of High, Medium, Low, Informational' },
        { line: 5, problem: 'has 4 fields where the header has 12' },
        { line: 6, problem: 'CreatedTime: is not a valid instant' },
        { line: 7, problem: 'IncidentName: is missing' },
        {
          line: 11,
          problem:
            'a quote opened in this row is never closed: the rest of the file could not be read',
        },
      ]);
      const numbers = rows.histories().incidents.map((h) => h.created.number);
      assert.deepEqual(numbers, [601, 606]);
      assert.equal(rows.histories().incidents[0]?.latest.classification, 'TruePositive');
    });

    it('refuses a file whose header lacks the incident columns, naming them', async function () {
      const file = written(
        'other.csv',
        'TimeGenerated,Computer,EventID\n2026-06-06T01:00:00Z,h,1\n',
      );
      await assert.rejects(
        itemsOf(file),
        (err: AppError) =>
          err.code === 'EXPORT_COLUMNS' &&
          /no IncidentName, IncidentNumber, Title, Severity, Status, CreatedTime column/.test(
            err.message,
          ),
      );
    });

    it('refuses datetimes shown in a local time zone', async function () {
      const header =
        'TimeGenerated [Local Time],IncidentName,IncidentNumber,Title,Severity,Status,CreatedTime';
      const file = written('local.csv', `${header}\n`);
      await assert.rejects(itemsOf(file), /TimeGenerated \[Local Time\] are in a local time zone/);
    });

    it('refuses an empty file', async function () {
      await assert.rejects(itemsOf(written('empty.csv', '')), /empty\.csv is empty/);
    });

    it('refuses a file that is not there, saying so', async function () {
      await assert.rejects(
        itemsOf(path.join(tempDir(), 'missing.csv')),
        (err: AppError) => err.code === 'EXPORT_UNREADABLE' && /ENOENT/.test(err.message),
      );
    });
  });

  describe('JSON', function () {
    it('reads an array of row objects and reports a bad row with its line', async function () {
      const rows = await collected(fixture('az-export.json'));
      assert.equal(rows.read, 4);
      assert.deepEqual(rows.problems, [
        { line: 34, problem: 'Severity: must be one of High, Medium, Low, Informational' },
      ]);
      assert.deepEqual(
        rows.histories().incidents.map((h) => h.created.number),
        [701, 703],
      );
    });

    it('skips an element that is not valid JSON and reads on', async function () {
      const text = readFileSync(fixture('az-export.json'), 'utf8').replace(
        /\n {2}\{\n {4}"TableName"/,
        '\n  {\n    "IncidentName": "broken",\n    "Title": \n  },$&',
      );
      const rows = await collected(written('broken.json', text));
      assert.deepEqual(
        rows.problems.map((p) => p.line),
        [2, 38],
      );
      assert.match(rows.problems[0]?.problem ?? '', /^not valid JSON/);
      assert.equal(rows.histories().incidents.length, 2);
    });

    it('refuses JSON that is not one array of rows', async function () {
      const file = written('object.json', '{ "tables": [] }');
      await assert.rejects(itemsOf(file), (err: AppError) => err.code === 'EXPORT_FORMAT');
    });

    it('refuses a truncated array', async function () {
      const file = written('cut.json', '[{"IncidentName": "a"},\n{"IncidentName": "b"');
      await assert.rejects(itemsOf(file), /ends inside its array \(line 2\)/);
    });

    it('cuts the same elements wherever the text is split into chunks', function () {
      const text = '\uFEFF[\n {"a": "x,]}\\"{[", "b": [1, {"c": 2}]},\n\n {"d": "\\\\"} ,\n 3\n]\n';
      const expected: [string, number][] = [];
      const whole = new JsonArraySplitter((t, line) => expected.push([t, line]));
      whole.push(text);
      whole.end();
      assert.deepEqual(
        expected.map(([t, line]) => [JSON.parse(t) as unknown, line]),
        [
          [{ a: 'x,]}"{[', b: [1, { c: 2 }] }, 2],
          [{ d: '\\' }, 4],
          [3, 5],
        ],
      );
      for (let cut = 1; cut < text.length; cut += 1) {
        const got: [string, number][] = [];
        const splitter = new JsonArraySplitter((t, line) => got.push([t, line]));
        splitter.push(text.slice(0, cut));
        splitter.push(text.slice(cut));
        splitter.end();
        assert.deepEqual(got, expected, `split at ${cut}`);
      }
    });
  });
});
