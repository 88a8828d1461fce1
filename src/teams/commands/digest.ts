import { currentOrLastNight } from '../../digest/digest-window';
import { nightDigest } from '../../digest/night-digest';
import { shadowComparison } from '../../digest/shadow-comparison';
import { forDisplay } from '../../text/safe-text';
import type { CommandDeps } from './command-context';

const LISTED = 50;

/** `oncall digest`: the morning digest of the current night so far, or of the last one. */
export async function digestText(deps: CommandDeps): Promise<string> {
  const night = currentOrLastNight(deps.clock(), deps.policy);
  const view = await nightDigest(deps.store.digests, night, deps.timezone);
  const held = view.groups.map((group) => {
    const shown = group.incidents.slice(0, LISTED).map((i) => `#${i.number} ${i.time}`);
    const more = group.incidents.length - shown.length;
    const title = forDisplay(group.title, 100) || 'untitled';
    const tail = more > 0 ? ` and ${more} more` : '';
    return `${group.incidents.length} × ${title} (${group.severities}): ${shown.join(', ')}${tail}`;
  });
  return [
    `Night digest, ${view.span}: ${view.heldCount} held, ${view.escalations.length} escalated, ` +
      `${view.storms.length} storms.`,
    ...view.storms.map((line) => `Storm: ${forDisplay(line, 200)}`),
    ...view.escalations.map((line) => `Escalated: ${forDisplay(line, 200)}`),
    ...(held.length === 0 ? ['Nothing held.'] : held.map((line) => `Held: ${line}`)),
  ].join('\n');
}

/** `oncall shadow report [days]`: running totals of what shadow mode would have paged. */
export async function shadowReport(deps: CommandDeps, days: number): Promise<string> {
  const to = deps.clock();
  const from = new Date(to.getTime() - days * 24 * 3_600_000);
  const escalations = await deps.store.digests.nightEscalations(from, to);
  const held = await deps.store.digests.heldIncidents(from, to);
  const mode = deps.shadow ? 'Shadow mode is on' : 'Shadow mode is off: these pages went out';
  return [`${mode}. The last ${days} days:`, ...shadowComparison(escalations, held)].join('\n');
}
