import { strict as assert } from 'node:assert';

import type { BacktestRun } from '../../src/backtest/run-backtest';
import { backtest, fixture, numbersWhere, verdictOf } from './support';

describe('backtest: hand-made exports replayed through the bot', function () {
  describe('night-shift.csv: one weekend, counted by hand', function () {
    let run: BacktestRun;

    before(async function () {
      run = await backtest(fixture('night-shift.csv'));
    });

    it('counts pages, the confusion matrix and agreement as done by hand', function () {
      const s = run.summary;
      assert.deepEqual(s.rows, { read: 17, skipped: 0 });
      assert.deepEqual(s.incidents, { replayed: 7, night: 6, businessHours: 1, createdBefore: 0 });
      assert.deepEqual(
        { total: s.pages.total, real: s.pages.real, noise: s.pages.noise, storm: s.pages.storm },
        { total: 3, real: 2, noise: 1, storm: 0 },
      );
      assert.deepEqual(s.matrix, { caught: 2, extra: 1, missed: 2, quiet: 1, agreement: 0.5 });
      assert.deepEqual(s.period, { firstNight: '2026-06-05', lastNight: '2026-06-09', nights: 5 });
      assert.equal(s.pages.perNight, 0.6);
      assert.equal(s.pages.perWeek, 4.2);
    });

    it('counts pages per night and week, the busiest nights and noisy titles', function () {
      const s = run.summary;
      assert.deepEqual(
        s.nights.map((n) => [n.key, n.pages, n.missed]),
        [
          ['2026-06-05', 2, 2],
          ['2026-06-06', 0, 0],
          ['2026-06-07', 0, 0],
          ['2026-06-08', 0, 0],
          ['2026-06-09', 1, 0],
        ],
      );
      assert.deepEqual(
        s.weeks.map((w) => [w.key, w.pages]),
        [
          ['2026-W23', 2],
          ['2026-W24', 1],
        ],
      );
      assert.deepEqual(
        s.busiestNights.map((n) => n.key),
        ['2026-06-05', '2026-06-09'],
      );
      assert.deepEqual(s.noisyTitles, [{ title: 'Serious alert 1', pages: 1 }]);
    });

    it('decides an incident updated often on its creation, judges its latest row', function () {
      const v = verdictOf(run, 101);
      const h = v.replayed.history;
      assert.equal(h.rows, 4);
      assert.equal(h.created.status, 'New');
      assert.equal(h.created.owner, null);
      assert.deepEqual(
        { status: h.latest.status, classification: h.latest.classification },
        { status: 'Closed', classification: 'TruePositive' },
      );
      assert.equal(h.ownerSince, '2026-06-06T01:20:00.000Z');
      assert.equal(v.replayed.action, 'escalate');
      assert.equal(v.cell, 'caught');
    });

    it('calls a TruePositive the rules held a miss, and says why the rules held it', function () {
      const v = verdictOf(run, 102);
      assert.equal(v.rules, 'held');
      assert.equal(v.cell, 'missed');
      assert.match(v.replayed.reasons.at(-1) ?? '', /severity Medium is not on the escalate list/);
      assert.deepEqual(run.summary.ids.missed.length, 2);
    });

    it('calls a page for an incident closed FalsePositive noise', function () {
      const noise = run.judgement.pages.filter((p) => p.noise);
      assert.deepEqual(
        noise.map((p) => p.opener.history.latest.number),
        [103],
      );
      assert.equal(verdictOf(run, 103).cell, 'extra');
    });

    it('leaves business hours out of the matrix, but counts a pre-escalated page', function () {
      assert.equal(verdictOf(run, 104).cell, null);
      assert.equal(verdictOf(run, 104).rules, 'ignored');
      const prefixed = verdictOf(run, 106);
      assert.equal(prefixed.rules, 'paged');
      assert.equal(prefixed.replayed.outsideBusinessHours, false);
      assert.equal(prefixed.replayed.displayTitle, 'Known-bad IP contacted');
    });
  });

  describe('what counts as escalated by analysts', function () {
    const cells = async (rule: 'either' | 'truepositive' | 'owner' | 'both') => {
      const run = await backtest(fixture('night-shift.csv'), { analystRule: rule });
      return { 105: verdictOf(run, 105).cell, 102: verdictOf(run, 102).cell, summary: run.summary };
    };

    it('either (default): an owner set at night counts, BenignPositive or not', async function () {
      const c = await cells('either');
      assert.deepEqual([c[105], c[102]], ['missed', 'missed']);
    });

    it('truepositive: the classification alone', async function () {
      const c = await cells('truepositive');
      assert.deepEqual([c[105], c[102]], ['quiet', 'missed']);
      assert.equal(c.summary.analystRule, 'truepositive');
    });

    it('owner: an owner set outside business hours alone', async function () {
      const c = await cells('owner');
      assert.deepEqual([c[105], c[102]], ['missed', 'quiet']);
    });

    it('both: a TruePositive whose owner was set at night', async function () {
      const c = await cells('both');
      assert.deepEqual([c[105], c[102]], ['quiet', 'quiet']);
    });
  });

  describe('storm.csv: two night bursts and a High incident among them', function () {
    let run: BacktestRun;

    before(async function () {
      run = await backtest(fixture('storm.csv'));
    });

    it('pages once per storm: the opener pages, the incidents that joined do not', function () {
      const pages = run.judgement.pages.map((p) => [p.kind, p.opener.history.latest.number]);
      assert.deepEqual(pages, [
        ['incident', 213],
        ['storm', 211],
        ['storm', 311],
      ]);
      assert.equal(run.summary.pages.total, 3);
      assert.equal(run.summary.pages.storm, 2);
      assert.equal(verdictOf(run, 212).replayed.action, 'hold');
      assert.equal(verdictOf(run, 212).rules, 'storm');
    });

    it('takes the earlier incidents of the window into the storm: no misses', function () {
      const storm = run.judgement.pages.find((p) => p.opener.history.latest.number === 211);
      assert.equal(storm?.incidents, 12);
      assert.equal(storm?.real, true);
      assert.equal(verdictOf(run, 205).cell, 'caught');
      assert.deepEqual(numbersWhere(run, (v) => v.rules === 'storm').length, 23);
      assert.equal(run.summary.matrix.missed, 0);
      assert.deepEqual(run.warnings, []);
    });

    it('counts a storm whose incidents were all closed as noise as one noise page', function () {
      const storm = run.judgement.pages.find((p) => p.opener.history.latest.number === 311);
      assert.equal(storm?.noise, true);
      assert.equal(run.summary.pages.noise, 1);
      assert.deepEqual(run.summary.noisyTitles, [
        { title: 'storms opened by: Anomalous token usage', pages: 1 },
      ]);
    });

    it('does not count a High incident towards the storm, and holds a late straggler', function () {
      assert.equal(verdictOf(run, 213).rules, 'paged');
      assert.equal(verdictOf(run, 214).rules, 'held');
      assert.equal(verdictOf(run, 214).cell, 'quiet');
    });
  });

  describe('holiday.csv and dst.csv: the calendar of the config', function () {
    it('escalates on a holiday afternoon, leaves the day before to the SOC', async function () {
      const run = await backtest(fixture('holiday.csv'));
      const holiday = verdictOf(run, 401);
      assert.equal(holiday.replayed.action, 'escalate');
      assert.match(holiday.replayed.reasons[0] ?? '', /2026-12-25 is a holiday/);
      assert.equal(verdictOf(run, 402).replayed.action, 'ignore');
      assert.equal(run.summary.pages.total, 1);
    });

    it('reads the hours in London time across the spring DST change', async function () {
      const run = await backtest(fixture('dst.csv'));
      const actions = [501, 502, 503, 504, 505].map((n) => verdictOf(run, n).replayed.action);
      assert.deepEqual(actions, ['escalate', 'escalate', 'escalate', 'ignore', 'escalate']);
      assert.match(verdictOf(run, 503).replayed.reasons[0] ?? '', /Sunday 02:30 Europe\/London/);
      assert.match(verdictOf(run, 504).replayed.reasons[0] ?? '', /Monday 09:30 .* inside/);
      const nights = run.summary.nights.filter((n) => n.pages > 0).map((n) => [n.key, n.pages]);
      assert.deepEqual(nights, [
        ['2026-03-26', 1],
        ['2026-03-28', 2],
        ['2026-03-29', 1],
      ]);
    });
  });

  describe('portal-export.csv and az-export.json: the two export formats', function () {
    it('reads the portal CSV: all columns, [UTC] headers, US dates', async function () {
      const run = await backtest(fixture('portal-export.csv'));
      assert.deepEqual(run.summary.rows, { read: 7, skipped: 0 });
      assert.deepEqual(
        [801, 802, 803].map((n) => verdictOf(run, n).cell),
        ['missed', 'extra', 'caught'],
      );
      assert.equal(
        verdictOf(run, 801).replayed.history.created.title,
        'Impossible travel, "risky" sign-in',
      );
      assert.equal(run.summary.pages.noise, 1);
    });

    it('reads the JSON of az monitor log-analytics query, every cell a string', async function () {
      const run = await backtest(fixture('az-export.json'));
      assert.deepEqual(run.summary.rows, { read: 4, skipped: 1 });
      assert.equal(verdictOf(run, 701).replayed.action, 'escalate');
      assert.equal(verdictOf(run, 701).cell, 'caught');
      assert.equal(verdictOf(run, 703).cell, 'quiet');
    });
  });
});
