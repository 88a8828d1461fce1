/*
 * One sample of every card state the bot posts. cards-parse.test.ts parses each of them and
 * `npm run card-images` renders each to docs/images/<name>.png: add new states here.
 */
import { digestCard } from '../../src/cards/digest-card';
import { escalationCard, type EscalationCardView } from '../../src/cards/escalation-card';
import { onCallChangedCard } from '../../src/cards/oncall-changed-card';

const SENTINEL_URL =
  'https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident' +
  '/subscriptions/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/resourceGroups/soc-rg' +
  '/providers/Microsoft.OperationalInsights/workspaces/soc-ws' +
  '/providers/Microsoft.SecurityInsights/Incidents/a1b2c3d4-0001-4e5f-8a9b-0c1d2e3f4a5b';

const HIGH_AT_NIGHT: EscalationCardView = {
  escalationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  incidentNumber: 4711,
  severity: 'High',
  title: 'Suspicious sign-in followed by mass file download',
  createdLocal: 'Sat 6 Jun 2026 02:14 Europe/London',
  reasons: [
    'Saturday 02:14 Europe/London is outside business hours (Saturday is not a business day)',
    'severity High is on the escalate list',
  ],
  calling: 'Alex Analyst',
  url: SENTINEL_URL,
  state: 'open',
  statusLine: null,
  timeline: [],
  storm: null,
};

const CALLS = [
  '02:14:05 step 1 (primary): called Alex Analyst',
  '02:15:02 call to Alex Analyst: no-answer',
  '02:19:05 step 2 (primary): called Alex Analyst',
];

/** A title an attacker could shape: markup, markdown links, emoji, 5,000 characters. */
export function hostileTitle(): string {
  const piece =
    '[Reset your password](https://evil.example/phish) <b>markup</b> **bold** _it_ ' +
    '# heading `code` <script>alert(1)</script> 🚨🔥👀 @everyone ';
  return piece.repeat(Math.ceil(5000 / piece.length)).slice(0, 5000);
}

/** Every card the bot produces, by name; names are kebab-case and become image file names. */
export function sampleCards(): Record<string, object> {
  return {
    'escalation-open': escalationCard({ ...HIGH_AT_NIGHT, timeline: CALLS }),
    'escalation-open-nobody-on-call': escalationCard({
      ...HIGH_AT_NIGHT,
      incidentNumber: 4712,
      severity: 'Medium',
      title: 'Ransomware note dropped on FS01',
      createdLocal: 'Tue 9 Jun 2026 23:40 Europe/London',
      reasons: [
        'Tuesday 23:40 Europe/London is outside business hours (after 18:00)',
        'title "Ransomware note dropped on FS01" matches /^ransomware/i',
      ],
      calling: 'nobody',
      timeline: ['23:40:02 step 1 (primary): nobody holds "primary": skipped'],
      url: null,
    }),
    'storm-open': escalationCard({
      ...HIGH_AT_NIGHT,
      title: 'Storm: 37 incidents',
      severity: 'Storm',
      reasons: [
        '11 Low/Medium incidents between 01:02 and 01:29 Europe/London (more than 10 in 30 min)',
      ],
      storm: {
        count: 37,
        severities: '29 Low, 8 Medium',
        span: '01:02 to 01:44 Europe/London',
        groups: [
          { title: 'Failed sign-ins from one IP', count: 21, severities: 'Low', url: SENTINEL_URL },
          { title: 'Mailbox rule created', count: 8, severities: 'Medium', url: SENTINEL_URL },
          { title: 'Impossible travel', count: 8, severities: 'Low', url: null },
        ],
      },
      timeline: ['01:29:03 step 1 (primary): called Alex Analyst'],
    }),
    'morning-digest': digestCard({
      span: 'Fri 5 Jun 18:00 to Mon 8 Jun 09:00 Europe/London',
      heldCount: 4,
      groups: [
        {
          title: 'Failed sign-ins from one IP',
          severities: 'Low',
          incidents: [
            { number: 5001, time: 'Sat 01:02', url: SENTINEL_URL },
            { number: 5002, time: 'Sat 01:09', url: SENTINEL_URL },
            { number: 5007, time: 'Sun 23:40', url: null },
          ],
        },
        {
          title: 'Mailbox rule created',
          severities: 'Medium',
          incidents: [{ number: 5003, time: 'Sat 04:12', url: SENTINEL_URL }],
        },
      ],
      escalations: [
        '02:14 #4711 Suspicious sign-in followed by mass file download: ' +
          'acknowledged by Sam Lee (teams) after 3 min',
      ],
      storms: ['01:29 Storm of 37 incidents: acknowledged by Alex Analyst (keypress) after 2 min'],
    }),
    'escalation-acknowledged': escalationCard({
      ...HIGH_AT_NIGHT,
      state: 'acknowledged',
      statusLine: 'Acknowledged by Alex Analyst at 02:19 (pressed 1 on the call)',
      timeline: [
        ...CALLS,
        '02:19:48 call to Alex Analyst: answered, pressed 1',
        '02:19:48 acknowledged by Alex Analyst (keypress)',
      ],
    }),
    'escalation-unanswered': escalationCard({
      ...HIGH_AT_NIGHT,
      state: 'unanswered',
      statusLine: 'Unanswered: the whole chain was called and nobody acknowledged',
      timeline: [
        ...CALLS,
        '02:24:05 step 3 (secondary): called Sam Lee',
        '02:29:05 step 4 (manager): called Morgan Manager',
        '02:34:05 unanswered: the chain ended without an acknowledgement',
      ],
    }),
    'escalation-hostile-title': escalationCard({
      ...HIGH_AT_NIGHT,
      title: hostileTitle(),
      createdLocal: '[Sat](https://evil.example) <i>6 Jun</i> 02:14 Europe/London',
      reasons: [`title matches the known-bad list: ${hostileTitle()}`],
      calling: '**Alex** <b>Analyst</b> 🚨',
      timeline: Array.from({ length: 30 }, (_, i) => `02:${10 + i} ${hostileTitle()}`),
    }),
    'oncall-changed': onCallChangedCard({
      role: 'Primary',
      person: 'Sam Lee',
      previous: 'Alex Analyst',
      changedBy: 'Morgan Manager',
      changedAt: 'Sat 6 Jun 2026 01:00 Europe/London',
      until: 'Sat 6 Jun 2026 09:00 Europe/London',
    }),
    'oncall-changed-hostile-name': onCallChangedCard({
      role: 'Primary',
      person: `[Sam](https://evil.example) <b>Lee</b> 🚨 ${'x'.repeat(500)}`,
      previous: null,
      changedBy: '**Morgan** <i>Manager</i>',
      changedAt: 'Sat 6 Jun 2026 01:00 Europe/London',
      until: 'until changed',
    }),
  };
}
