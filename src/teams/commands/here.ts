import { SOC_CHANNEL } from '../../escalation/pager';
import { channelReferenceOf } from '../channel-reference';
import type { CommandDeps, CommandRequest } from './command-context';

/** `oncall here`: escalations go to the channel the command was said in, from now on. */
export async function moveHere(deps: CommandDeps, request: CommandRequest): Promise<string> {
  const reference = channelReferenceOf(request.activity);
  if (reference === null) {
    return '"oncall here" works in a team channel: mention me there.';
  }

  await deps.store.saveConversation(SOC_CHANNEL, reference, deps.clock());
  request.log.info(
    { channelId: reference.channelId, teamId: reference.teamId, why: 'moved by command' },
    'SOC channel set',
  );
  return 'Escalations will be posted to this channel from now on.';
}
