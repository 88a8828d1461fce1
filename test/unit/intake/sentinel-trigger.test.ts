import { strict as assert } from 'node:assert';

import type { AppError } from '../../../src/errors/app-error';
import { parseSentinelTrigger } from '../../../src/intake/sentinel-trigger';
import type { IncidentEvent } from '../../../src/intake/incident';
import { readExample } from '../fixtures';

const EXAMPLES = [
  'incident-high-saturday-night.json',
  'incident-high-tuesday-morning.json',
  'incident-medium-weeknight.json',
];

interface TriggerBody {
  object: { properties: Record<string, unknown> };
  [key: string]: unknown;
}

/** The Saturday-night example with its properties changed. */
function bodyWith(properties: Record<string, unknown>): TriggerBody {
  const body = readExample('incident-high-saturday-night.json') as TriggerBody;
  body.object.properties = { ...body.object.properties, ...properties };
  return body;
}

function accept(body: unknown): IncidentEvent {
  const result = parseSentinelTrigger(body);
  if (!result.ok) {
    assert.fail(`refused: ${result.error.message}`);
  }

  return result.event;
}

function refuse(body: unknown): AppError {
  const result = parseSentinelTrigger(body);
  if (result.ok) {
    assert.fail('accepted');
  }

  assert.equal(result.error.status, 400);
  assert.equal(result.error.safe, true);
  return result.error;
}

describe('parseSentinelTrigger', () => {
  describe('the example bodies', () => {
    for (const name of EXAMPLES) {
      it(`parses ${name}`, () => {
        const event = accept(readExample(name));
        assert.equal(event.source, 'webhook');
        assert.equal(event.kind, 'Create');
        assert.match(event.incident.createdTimeUtc, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      });
    }

    it('reads every field of the Saturday-night incident', () => {
      const event = accept(readExample('incident-high-saturday-night.json'));
      assert.equal(event.eventId, '6f1c1b4e-6a1e-4c59-9a55-0c2a8c1e7d01');
      assert.deepEqual(
        { ...event.incident, url: event.incident.url?.startsWith('https://portal.azure.com/') },
        {
          id: 'a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b',
          workspaceId: '3b1e6c0e-2f6a-4d0b-9a43-51f3a8c2d7e9',
          number: 4711,
          title: 'Suspicious sign-in followed by mass file download',
          description: 'A user signed in from an unfamiliar location and downloaded 4,000 files.',
          severity: 'High',
          status: 'New',
          owner: null,
          classification: null,
          createdTimeUtc: '2026-06-06T01:14:16.982Z',
          lastModifiedTimeUtc: '2026-06-06T01:14:16.982Z',
          url: true,
        },
      );
    });
  });

  describe('field variants', () => {
    it('accepts the incident number as a string', () => {
      assert.equal(accept(bodyWith({ incidentNumber: '4711' })).incident.number, 4711);
    });

    it('accepts severity and status in any letter case', () => {
      const incident = accept(bodyWith({ severity: 'high', status: 'ACTIVE' })).incident;
      assert.equal(incident.severity, 'High');
      assert.equal(incident.status, 'Active');
    });

    it('converts an instant with an offset to UTC', () => {
      const event = accept(bodyWith({ createdTimeUtc: '2026-06-06T03:14:16+02:00' }));
      assert.equal(event.incident.createdTimeUtc, '2026-06-06T01:14:16.000Z');
    });

    it('takes the owner from the first field that is set', () => {
      const owner = { objectId: 'oid', email: 'sam@example.com', assignedTo: null };
      assert.equal(accept(bodyWith({ owner })).incident.owner, 'sam@example.com');
    });

    it('accepts a 5,000-character title with emoji and markup unchanged', () => {
      const unit = '<speak>\u{1F6A8} Ransomware <b>on</b> host</speak> ';
      const repeated = unit.repeat(Math.floor(5000 / unit.length));
      const title = repeated + 'x'.repeat(5000 - repeated.length);
      assert.equal(title.length, 5000);
      assert.equal(accept(bodyWith({ title })).incident.title, title);
    });
  });

  describe('refused bodies', () => {
    it('refuses an unknown severity, naming object.properties.severity', () => {
      const error = refuse(bodyWith({ severity: 'Critical' }));
      assert.equal(error.code, 'INVALID_INCIDENT');
      assert.match(error.message, /object\.properties\.severity: must be one of High, Medium/);
    });

    it('refuses a missing title, naming object.properties.title', () => {
      const body = bodyWith({});
      delete body.object.properties.title;
      assert.match(refuse(body).message, /object\.properties\.title/);
    });

    it('refuses a blank title', () => {
      assert.match(refuse(bodyWith({ title: '   ' })).message, /object\.properties\.title/);
    });

    it('refuses createdTimeUtc without Z or an offset', () => {
      const error = refuse(bodyWith({ createdTimeUtc: '2026-06-06T01:14:16.9825705' }));
      assert.match(error.message, /object\.properties\.createdTimeUtc/);
    });

    it('refuses createdTimeUtc that is not an instant', () => {
      const error = refuse(bodyWith({ createdTimeUtc: '2026-02-30T01:14:16Z' }));
      assert.match(error.message, /object\.properties\.createdTimeUtc: .*not a valid instant/);
    });

    it('refuses a negative or fractional incident number', () => {
      assert.match(refuse(bodyWith({ incidentNumber: -1 })).message, /incidentNumber/);
      assert.match(refuse(bodyWith({ incidentNumber: 1.5 })).message, /incidentNumber/);
      assert.match(refuse(bodyWith({ incidentNumber: '47a' })).message, /incidentNumber/);
    });

    it('refuses a body of another schema type', () => {
      const body = { ...bodyWith({}), objectSchemaType: 'Alert' };
      assert.match(refuse(body).message, /objectSchemaType: must be "Incident"/);
    });

    it('refuses an alert-trigger body by name', () => {
      const error = refuse({
        SystemAlertId: '7c3e1a55-0000-4d2f-9d4b-1f0e2a3b4c5d',
        AlertDisplayName: 'Suspicious sign-in',
        Severity: 'High',
      });
      assert.equal(error.code, 'UNSUPPORTED_PAYLOAD');
      assert.match(error.message, /alert trigger/);
    });

    it('refuses an Azure Monitor common-alert-schema body', () => {
      const error = refuse({ schemaId: 'azureMonitorCommonAlertSchema', data: {} });
      assert.equal(error.code, 'UNSUPPORTED_PAYLOAD');
      assert.match(error.message, /Azure Monitor/);
    });

    it('refuses bodies that are not objects', () => {
      for (const body of [
        [readExample('incident-high-saturday-night.json')],
        'incident',
        null,
        42,
      ]) {
        const error = refuse(body);
        assert.equal(error.code, 'UNSUPPORTED_PAYLOAD');
        assert.match(error.message, /JSON object/);
      }
    });

    it('refuses an empty object, naming the missing fields', () => {
      const error = refuse({});
      assert.equal(error.code, 'INVALID_INCIDENT');
      assert.match(error.message, /eventUniqueId/);
    });
  });
});
