import { BOT, CHANNEL, TEAM, TENANT } from './activities';

/** A click on the card's Acknowledge button (Action.Execute), as Teams invokes the bot. */
export function ackInvoke(
  serviceUrl: string,
  escalationId: string,
  from: { id: string; name: string },
  replyToId = '1001',
): object {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:invoke-${escalationId}-${from.id}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from,
    recipient: BOT,
    replyToId,
    conversation: {
      id: `${CHANNEL.id};messageid=${replyToId}`,
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT,
    },
    value: {
      action: { type: 'Action.Execute', verb: 'ack', data: { verb: 'ack', escalationId } },
      trigger: 'manual',
    },
    channelData: { team: TEAM, channel: CHANNEL, tenant: { id: TENANT } },
  };
}
