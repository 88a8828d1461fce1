import { maskPhone } from '../../roster/phone-number';
import { CODE_TTL_MINUTES } from '../../roster/phone-verification';
import type { Command } from './command';
import type { CommandDeps, CommandRequest } from './command-context';
import { nameOf } from './reply-format';

type VerifyCommand = Extract<Command, { kind: 'verify' }>;

const REGISTER_AGAIN = 'Say "oncall register <number>" again for a new code.';

/** `oncall verify <code>`: confirms the sender's pending number with the texted code. */
export async function verifyPhone(
  deps: CommandDeps,
  request: CommandRequest,
  command: VerifyCommand,
): Promise<string> {
  const { teamsUserId, name } = request.sender;
  const registrant = await deps.roster.registrant(teamsUserId, name);
  const outcome = await deps.verification.verify(registrant.personId, command.code);
  switch (outcome.kind) {
    case 'verified':
      return (
        `Thanks, ${nameOf(registrant.name)}: ${maskPhone(outcome.phone)} is confirmed. ` +
        'You are on the roster and can be put on call.'
      );
    case 'wrong':
      return `That code is not right. ${outcome.triesLeft} ${tries(outcome.triesLeft)} left.`;
    case 'locked':
      return `That was the last try for this code. ${REGISTER_AGAIN}`;
    case 'expired':
      return `That code has expired: codes last ${CODE_TTL_MINUTES} minutes. ${REGISTER_AGAIN}`;
    case 'none':
      return (
        'No number of yours is waiting for a code. Register one first: ' +
        '"oncall register +44 20 7946 0001".'
      );
  }
}

function tries(count: number): string {
  return count === 1 ? 'try' : 'tries';
}
