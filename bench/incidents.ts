import { randomUUID } from 'node:crypto';

import { incidentBody } from '../test/support/incidents';

/** Which path of the rules an incident takes, and so what the bot does with it. */
export type IncidentKind = 'ignore' | 'hold' | 'escalate' | 'storm';

/** One webhook body, serialised, with the number the call text will speak. */
export interface BenchIncident {
  readonly number: number;
  readonly body: string;
}

const TITLES: Record<IncidentKind, readonly string[]> = {
  ignore: [
    'Malware detected on finance laptop',
    'Suspicious PowerShell command line',
    'Impossible travel activity',
    'Phishing link clicked by a user',
  ],
  hold: [
    'Multiple failed sign-ins',
    'Unfamiliar sign-in properties',
    'Mailbox forwarding rule created',
    'Rare process executed on a server',
  ],
  escalate: [
    'Suspicious sign-in followed by mass file download',
    'Credential dumping tool detected',
    'Domain admin added outside change window',
  ],
  storm: ['Anomalous token usage', 'Sign-in from anonymous IP address'],
};

const SEVERITY: Record<IncidentKind, string> = {
  ignore: 'High',
  hold: 'Medium',
  escalate: 'High',
  storm: 'Low',
};

/**
 * Makes distinct, realistic Sentinel trigger bodies fast enough for a load generator: the
 * example body is serialised once with markers, and each incident only fills them in.
 */
export class IncidentFactory {
  #next: number;
  readonly #parts: string[];

  /** Incident numbers start at `firstNumber` and never repeat within one factory. */
  constructor(firstNumber: number) {
    this.#next = firstNumber;
    this.#parts = template().split(/(@[A-Z]+@)/);
  }

  /** A new incident of that kind, created at `createdAt` (an instant in the kind's window). */
  next(kind: IncidentKind, createdAt: Date): BenchIncident {
    const number = this.#next++;
    const titles = TITLES[kind];
    const values: Record<string, string> = {
      '@EVENT@': randomUUID(),
      '@NAME@': randomUUID(),
      '@NUMBER@': String(number),
      '@TITLE@': titles[number % titles.length] ?? 'Untitled',
      '@SEVERITY@': SEVERITY[kind],
      '@CREATED@': createdAt.toISOString(),
    };
    const body = this.#parts.map((part) => values[part] ?? part).join('');
    return { number, body };
  }
}

/** Minutes are spread so that bodies differ in time too, as a real queue of incidents does. */
export function createdTime(kind: IncidentKind, seq: number, stormNight: Date): Date {
  const minute = 60_000;
  if (kind === 'ignore') {
    // Tuesday 2026-06-09, 09:00-17:59 in London (BST): staffed hours.
    return new Date(Date.UTC(2026, 5, 9, 8, 0) + (seq % 540) * minute);
  }

  if (kind === 'storm') {
    return new Date(stormNight.getTime() + (seq % 300) * 1000);
  }

  // Tuesday night 23:00 to Wednesday 05:59 in London: outside business hours.
  return new Date(Date.UTC(2026, 5, 9, 22, 0) + (seq % 420) * minute);
}

function template(): string {
  const body = incidentBody({
    eventUniqueId: '@EVENT@',
    name: '@NAME@',
    title: '@TITLE@',
    severity: '@SEVERITY@',
    createdTimeUtc: '@CREATED@',
    incidentNumber: -424242,
  }) as { object: { id: string; properties: Record<string, unknown> } };
  const props = body.object.properties;
  const exampleName = String(props.incidentUrl).split('/').at(-1) ?? '';
  body.object.id = body.object.id.replace(exampleName, '@NAME@');
  props.incidentUrl = String(props.incidentUrl).replace(exampleName, '@NAME@');
  props.lastModifiedTimeUtc = '@CREATED@';
  props.providerIncidentId = '@NUMBER@';
  return JSON.stringify(body).replace('-424242', '@NUMBER@');
}
