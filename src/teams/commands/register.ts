import { maskPhone } from '../../roster/phone-number';
import {
  CODE_TTL_MINUTES,
  MAX_CODE_ATTEMPTS,
  type StartOutcome,
} from '../../roster/phone-verification';
import type { Command } from './command';
import type { CommandDeps, CommandRequest } from './command-context';

type RegisterCommand = Extract<Command, { kind: 'register' }>;

/**
 * `oncall register <phone>`: the sender adds or replaces their own number. It is texted a
 * code and counts only once the code comes back; until then the old number, if any, stays.
 */
export async function registerPhone(
  deps: CommandDeps,
  request: CommandRequest,
  command: RegisterCommand,
): Promise<string> {
  const { teamsUserId, name } = request.sender;
  const registrant = await deps.roster.registrant(teamsUserId, name);
  const masked = maskPhone(command.phone);
  let outcome: StartOutcome;
  try {
    outcome = await deps.verification.start(registrant, command.phone);
  } catch (err) {
    request.log.warn({ error: (err as Error).message, to: masked }, 'verification code not sent');
    return (
      `I could not text a code to ${masked}: the SMS service did not take it. ` +
      'Check the number and try again in a few minutes.'
    );
  }

  if (outcome.kind === 'too-soon') {
    const seconds = Math.ceil((outcome.retryAt.getTime() - deps.clock().getTime()) / 1000);
    return `I texted you a code moments ago. Use it, or ask for a new one in ${seconds} s.`;
  }

  return [
    `I texted a 6-digit code to ${masked}. Say "oncall verify <code>" to me within ` +
      `${CODE_TTL_MINUTES} minutes (${MAX_CODE_ATTEMPTS} tries).`,
    'Until you do, this number is not used for paging.',
  ].join('\n');
}
