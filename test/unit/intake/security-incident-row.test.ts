import { strict as assert } from 'node:assert';

import { parseSecurityIncidentRow } from '../../../src/intake/poller/security-incident-row';
import { parseSentinelTrigger } from '../../../src/intake/sentinel-trigger';
import type { IncidentEvent } from '../../../src/intake/incident';
import { triggerBodyOf, type IncidentState } from '../../fakes/fake-log-analytics';

const WORKSPACE = '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9';

const STATE: IncidentState = {
  name: 'A1B2C3D4-0001-4E5F-8A9B-0C1D2E3F4A5B',
  number: 4711,
  title: '  Suspicious sign-in followed by mass file download ',
  description: 'A user downloaded 4,000 files.',
  severity: 'High',
  status: 'Active',
  owner: 'Sam Lee',
  created: '2026-06-06T01:14:16.9825705Z',
  lastModified: '2026-06-06T01:20:00.1234567Z',
  url: 'https://portal.azure.com/#asset/Incident/a1b2c3d4',
};

/** The row as the SDK hands it over: datetimes as Date, dynamic cells parsed. */
function sdkRow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    IncidentName: STATE.name,
    IncidentNumber: STATE.number,
    Title: STATE.title,
    Description: STATE.description,
    Severity: STATE.severity,
    Status: STATE.status,
    Owner: { objectId: null, email: null, assignedTo: 'Sam Lee', userPrincipalName: null },
    Classification: '',
    CreatedTime: new Date(STATE.created),
    LastModifiedTime: new Date(STATE.lastModified ?? ''),
    IncidentUrl: STATE.url,
    TimeGenerated: new Date('2026-06-06T01:20:03Z'),
    ...overrides,
  };
}

function accept(row: Record<string, unknown>): IncidentEvent {
  const result = parseSecurityIncidentRow(row, WORKSPACE);
  assert.ok(result.ok, result.ok ? '' : result.problem);
  return result.event;
}

describe('parseSecurityIncidentRow', function () {
  it('reads a row into the incident the webhook gives for the same state', function () {
    const webhook = parseSentinelTrigger(triggerBodyOf(STATE, WORKSPACE));
    assert.ok(webhook.ok);
    const polled = accept(sdkRow());

    assert.deepEqual(polled.incident, webhook.event.incident);
    assert.equal(polled.source, 'poll');
    assert.equal(polled.kind, 'Update');
  });

  it('reads a closed incident with its classification as the webhook does', function () {
    const closed = { ...STATE, status: 'Closed', classification: 'TruePositive' };
    const webhook = parseSentinelTrigger(triggerBodyOf(closed, WORKSPACE));
    assert.ok(webhook.ok);
    const polled = accept(sdkRow({ Status: 'Closed', Classification: 'TruePositive' }));

    assert.deepEqual(polled.incident, webhook.event.incident);
    assert.equal(polled.incident.classification, 'TruePositive');
  });

  it('gives the same row the same event id, and a changed row another', function () {
    const id = accept(sdkRow()).eventId;
    assert.equal(id, 'poll:a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b:2026-06-06T01:20:00.123Z');
    assert.equal(accept(sdkRow()).eventId, id);
    const later = accept(sdkRow({ LastModifiedTime: new Date('2026-06-06T01:25:00Z') }));
    assert.notEqual(later.eventId, id);
  });

  it('reads cells the SDK left as text: a JSON owner and ISO datetimes', function () {
    const event = accept(
      sdkRow({
        Owner: '{"assignedTo":null,"userPrincipalName":"sam@example.com"}',
        CreatedTime: '2026-06-06T01:14:16.9825705Z',
        LastModifiedTime: null,
        IncidentNumber: '4711',
        Severity: 'high',
        IncidentUrl: '',
      }),
    );

    assert.equal(event.incident.owner, 'sam@example.com');
    assert.equal(event.incident.lastModifiedTimeUtc, event.incident.createdTimeUtc);
    assert.equal(event.kind, 'Create');
    assert.equal(event.incident.number, 4711);
    assert.equal(event.incident.severity, 'High');
    assert.equal(event.incident.url, null);
  });

  it('reads an unowned incident as owned by nobody', function () {
    const owner = { objectId: null, email: null, assignedTo: null, userPrincipalName: null };
    assert.equal(accept(sdkRow({ Owner: owner })).incident.owner, null);
    assert.equal(accept(sdkRow({ Owner: null })).incident.owner, null);
  });

  it('refuses a row it cannot read, naming the column', function () {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ Severity: 'Critical' }, /^Severity: must be one of/],
      [{ CreatedTime: 'yesterday' }, /^CreatedTime: is not a valid instant/],
      [{ Title: '   ' }, /^Title: must not be empty/],
      [{ IncidentName: undefined }, /^IncidentName/],
    ];
    for (const [overrides, problem] of cases) {
      const result = parseSecurityIncidentRow(sdkRow(overrides), WORKSPACE);
      assert.ok(!result.ok);
      assert.match(result.problem, problem);
    }
  });
});
