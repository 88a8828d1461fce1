import { readFileSync } from 'node:fs';
import path from 'node:path';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** An example trigger body from examples/, parsed. */
export function example(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(EXAMPLES, name), 'utf8')) as Record<string, unknown>;
}

export interface IncidentOverrides {
  eventUniqueId?: string;
  name?: string;
  title?: string;
  severity?: string;
  status?: string;
  createdTimeUtc?: string;
  lastModifiedTimeUtc?: string;
  incidentNumber?: number | string;
}

/** The Saturday-night example with some fields replaced. */
export function incidentBody(overrides: IncidentOverrides): Record<string, unknown> {
  const body = example('incident-high-saturday-night.json') as {
    eventUniqueId: string;
    object: { name: string; properties: Record<string, unknown> };
  };
  const { eventUniqueId, name, ...properties } = overrides;
  if (eventUniqueId !== undefined) {
    body.eventUniqueId = eventUniqueId;
  }

  if (name !== undefined) {
    body.object.name = name;
  }

  Object.assign(body.object.properties, properties);
  return body as unknown as Record<string, unknown>;
}
