import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import type { IncidentState } from '../fakes/fake-log-analytics';
import { ONE_CALL, PollScenario, pollIntake } from './poller-scenario';

const OVERLAP_MS = 4000;

function dayIncident(number: number): IncidentState {
  return {
    name: randomUUID(),
    number,
    title: `Late row ${number}`,
    severity: 'Medium',
    status: 'New',
    created: '2026-06-09T09:00:00Z',
  };
}

describe('poller-late-rows: rows ingested late are found inside the overlap only', function () {
  const s = new PollScenario();
  const stored = (name: string) =>
    s.bot.query(`SELECT id FROM incidents WHERE id = '${name}'`).length === 1;

  before(async function () {
    await s.start({ ...ONE_CALL, ...pollIntake('4s') });
    await s.polls(2);
  });

  after(async function () {
    await s.stop();
  });

  it('finds a row that arrives late but inside the overlap', async function () {
    const late = dayIncident(8101);
    const timeGenerated = new Date(Date.now() - OVERLAP_MS / 2);
    const [watermark] = s.bot.query<{ watermark: string }>('SELECT watermark FROM poll_watermarks');
    assert.ok(watermark && new Date(watermark.watermark) > timeGenerated, 'a poll passed it by');

    await s.serve(late, timeGenerated);
    assert.ok(stored(late.name));
  });

  it('misses a row that arrives later than the overlap reaches back', async function () {
    const tooLate = dayIncident(8102);
    const timeGenerated = new Date(Date.now() - 30_000);
    s.logs.add(tooLate, timeGenerated);
    const first = s.logs.queries().length;
    await s.polls(3);

    assert.equal(stored(tooLate.name), false);
    const windows = s.logs.windows().slice(first);
    assert.ok(windows.every((w) => w.from > timeGenerated));
  });
});
