import type { Role } from '../../roster/roster-config';
import type { Assignment } from '../../roster/roster';
import type { CommandDeps } from './command-context';
import { localTime, nameOf } from './reply-format';

const ROLES: readonly [Role, string][] = [
  ['primary', 'Primary'],
  ['secondary', 'Secondary'],
  ['manager', 'Manager'],
];

/** `oncall who`: each role's holder now, since and until when, and why. */
export async function whoIsOnCall(deps: CommandDeps): Promise<string> {
  const now = deps.clock();
  const lines = [`On call now (times in ${deps.timezone}):`];
  for (const [role, label] of ROLES) {
    const assignment = await deps.roster.assignment(role, now);
    if (role === 'secondary' && assignment.person === null) {
      continue;
    }

    lines.push(`${label}: ${describe(assignment, deps.timezone)}`);
  }

  return lines.join('\n');
}

function describe(assignment: Assignment, zone: string): string {
  if (assignment.person === null) {
    return 'nobody (none in the config).';
  }

  const since = assignment.since === null ? '' : `, since ${localTime(assignment.since, zone)}`;
  const until =
    assignment.until === null ? 'until changed' : `until ${localTime(assignment.until, zone)}`;
  const why =
    assignment.override === null
      ? 'From the config (oncall.yaml).'
      : `Set in Teams by ${nameOf(assignment.override.setByName)}.`;
  return `${nameOf(assignment.person.name)}${since}, ${until}. ${why}`;
}
