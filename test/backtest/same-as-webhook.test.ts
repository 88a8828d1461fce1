import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';

import pino from 'pino';

import { readExportFile } from '../../src/backtest/export-file';
import type { IncidentHistory } from '../../src/backtest/incident-history';
import { replayIncidents } from '../../src/backtest/replay';
import { RowCollector } from '../../src/backtest/row-collector';
import type { Incident } from '../../src/intake/incident';
import { IncidentIntake } from '../../src/intake/incident-intake';
import { parseSentinelTrigger } from '../../src/intake/sentinel-trigger';
import { SqliteStore } from '../../src/store/sqlite-store';
import { BotProcess } from '../support/bot-process';
import { configOf, fixture, FIXTURE_CONFIG } from './support';

const EXPORTS = ['night-shift.csv', 'storm.csv', 'holiday.csv', 'dst.csv', 'portal-export.csv'];

/** The incidents of every hand-made export, in creation order. */
async function allIncidents(): Promise<readonly IncidentHistory[]> {
  const rows = new RowCollector();
  for (const name of EXPORTS) {
    await readExportFile(fixture(name), rows.sink);
  }

  return rows.histories().incidents;
}

/** The Logic App trigger body (reference sentinel.md §1) of an incident's creation. */
function triggerBodyOf(incident: Incident): object {
  return {
    eventUniqueId: randomUUID(),
    objectSchemaType: 'Incident',
    objectEventType: 'Create',
    workspaceId: incident.workspaceId,
    object: {
      id: `/subscriptions/x/providers/Microsoft.SecurityInsights/Incidents/${incident.id}`,
      name: incident.id,
      type: 'Microsoft.SecurityInsights/Incidents',
      properties: {
        title: incident.title,
        description: incident.description,
        severity: incident.severity,
        status: incident.status,
        owner: { assignedTo: incident.owner, objectId: null, email: null },
        createdTimeUtc: incident.createdTimeUtc,
        lastModifiedTimeUtc: incident.lastModifiedTimeUtc,
        incidentNumber: incident.number,
        incidentUrl: incident.url,
      },
    },
  };
}

/** The backtest's decision per incident number. */
async function backtestDecisions(incidents: readonly IncidentHistory[]) {
  const replay = await replayIncidents(incidents, configOf());
  return replay.incidents.map((r) => [r.history.created.number, r.action]);
}

describe('backtest and the live webhook path decide alike', function () {
  let incidents: readonly IncidentHistory[];

  before(async function () {
    incidents = await allIncidents();
    assert.equal(incidents.length, 42);
  });

  it('in process: trigger bodies through parseSentinelTrigger and the intake', async function () {
    const config = configOf();
    const store = new SqliteStore(':memory:');
    let now = new Date(0);
    const intake = new IncidentIntake({
      store,
      escalation: config.escalation,
      policy: config.policy,
      clock: () => now,
      logger: pino({ enabled: false }),
    });
    const live: [number, string][] = [];
    for (const { created } of incidents) {
      const parsed = parseSentinelTrigger(triggerBodyOf(created));
      assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
      now = new Date(created.createdTimeUtc);
      const result = await intake.receive(parsed.event);
      live.push([created.number, result.decision.action]);
    }

    await store.close();
    assert.deepEqual(await backtestDecisions(incidents), live);
  });

  it('replays in batches exactly as one incident at a time', async function () {
    const replayed = async (batch: number) => {
      const replay = await replayIncidents(incidents, { ...configOf(), batch });
      return replay.incidents.map((r) => {
        const storm = replay.stormOf(r.history.id);
        const members = storm === null ? 0 : replay.storms.get(storm)?.members.length;
        return [r.history.created.number, r.action, r.reasons.join(' / '), members];
      });
    };
    const oneByOne = await replayed(1);
    assert.deepEqual(await replayed(7), oneByOne);
    assert.deepEqual(await replayed(500), oneByOne);
  });

  describe('end to end: the built bot answering its webhook', function () {
    this.timeout(60_000);
    const bot = new BotProcess();

    before(async function () {
      await bot.start({ ONCALL_CONFIG: FIXTURE_CONFIG });
    });

    after(async function () {
      await bot.stop();
    });

    it('answers every incident with the decision the backtest replayed', async function () {
      const answers: [number, string][] = [];
      for (const { created } of incidents) {
        const res = await fetch(`${bot.url}/api/incidents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(triggerBodyOf(created)),
        });
        assert.equal(res.status, 202, await res.clone().text());
        const body = (await res.json()) as { decision: { action: string } };
        answers.push([created.number, body.decision.action]);
      }

      const expected = await backtestDecisions(incidents);
      assert.deepEqual(answers, expected);
      const pages = expected.filter(([, action]) => action === 'escalate').length;
      assert.equal(pages, 13);
    });
  });
});
