import type { Logger } from 'pino';

import { onCallChangedCard, type OnCallChangedView } from '../../cards/oncall-changed-card';
import type { TeamsChannelReference } from '../../channels/teams-publisher';
import { SOC_CHANNEL } from '../../escalation/pager';
import { resolveEnd } from '../../roster/override-end';
import type { RosterStanding } from '../../roster/roster';
import { USAGE, type Command } from './command';
import type { CommandDeps, CommandRequest } from './command-context';
import type { MentionTarget } from './inbound-message';
import { localTime, nameOf } from './reply-format';

type SetCommand = Extract<Command, { kind: 'set' }>;

/**
 * `oncall set @person [until ... | for ...]`: the person becomes primary from now. Only a
 * roster person may do it, and only someone who can be phoned can be set.
 */
export async function setPrimary(
  deps: CommandDeps,
  request: CommandRequest,
  command: SetCommand,
): Promise<string> {
  const sender = await deps.roster.standing(request.sender.teamsUserId);
  if (sender.kind !== 'member') {
    return refusal(sender);
  }

  const target = await deps.roster.standing(command.target.id);
  if (target.kind !== 'member') {
    return cannotPhone(command.target, target);
  }

  const now = deps.clock();
  const end = resolveEnd(command.end, now, deps.timezone);
  if (!end.ok) {
    return `I can't use that end: ${end.error}.\n${USAGE.set}`;
  }

  const change = await deps.roster.setHolder({
    role: 'primary',
    person: target.person,
    until: end.until,
    by: sender.person,
    at: now,
  });
  request.log.info(
    {
      role: change.role,
      personId: change.personId,
      previousPersonId: change.previousPersonId,
      setBy: change.setById,
      until: change.until?.toISOString() ?? null,
    },
    'on-call changed',
  );

  const zone = deps.timezone;
  const until = end.until === null ? 'until changed' : `${localTime(end.until, zone)} ${zone}`;
  const view: OnCallChangedView = {
    role: 'Primary',
    person: change.personName,
    previous: change.previousName,
    changedBy: change.setByName,
    changedAt: `${localTime(now, zone)} ${zone}`,
    until: end.note === null ? until : `${until} (${end.note})`,
  };
  const posted = await announce(deps, view, request.log);
  return [
    `Done: ${nameOf(view.person)} is primary on call from now, ` +
      `${end.until === null ? '' : 'until '}${view.until}.`,
    `Changed by ${nameOf(view.changedBy)}; before: ${nameOf(view.previous)}.`,
    posted,
  ].join('\n');
}

function refusal(sender: RosterStanding): string {
  const lines = ['Sorry, only people on the on-call roster can change who is on call.'];
  if (sender.kind === 'pending') {
    lines.push(
      'Your number is not confirmed yet: say "oncall verify <code>" with the texted code.',
    );
  } else {
    lines.push(
      'To join, register your number ("oncall register +44 20 7946 0001") and confirm it.',
    );
  }

  return lines.join('\n');
}

function cannotPhone(target: MentionTarget, standing: RosterStanding): string {
  const who = nameOf(target.name);
  if (standing.kind === 'pending') {
    return (
      `I can't put ${who} on call yet: their number is not confirmed. They need to say ` +
      '"oncall verify <code>" with the code I texted them, or register again for a new code.'
    );
  }

  return [
    `I can't put ${who} on call: they are not on the roster, so I have no number to phone.`,
    `To fix it, ${who} says "oncall register +44 20 7946 0001" to me and confirms the ` +
      `texted code, or an admin adds them to oncall.yaml with teamsUserId "${target.id}".`,
  ].join('\n');
}

/** Posts the change in the SOC channel; answers the line the reply gives about it. */
async function announce(deps: CommandDeps, view: OnCallChangedView, log: Logger): Promise<string> {
  const reference = (await deps.store.conversation(SOC_CHANNEL)) as TeamsChannelReference | null;
  if (reference === null) {
    log.warn('no Teams channel known: on-call change not posted');
    return 'No SOC channel is known yet, so I could not post it there: say "oncall here" in it.';
  }

  try {
    await deps.teams.post(reference, onCallChangedCard({ ...view, shadow: deps.shadow }));
    return 'I posted the change in the SOC channel.';
  } catch (err) {
    log.warn({ error: (err as Error).message }, 'on-call change not posted');
    return 'I could not post the change in the SOC channel: Teams did not take the message.';
  }
}
