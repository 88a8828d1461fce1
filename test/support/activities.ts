/** Activities as Teams sends them to the bot, pointed at a fake connector. */

export const BOT = { id: '28:soc-oncall-bot', name: 'SOC Bot' };
export const TEAM = { id: '19:team-general@thread.tacv2', name: 'SOC' };
export const CHANNEL = { id: '19:soc-night@thread.tacv2', name: 'Night shift' };
export const TENANT = 'a7d3e5f1-0000-4000-8000-00000000c0de';

/** The bot added to a team: a conversationUpdate with the bot in membersAdded. */
export function botAddedToTeam(serviceUrl: string): object {
  return {
    type: 'conversationUpdate',
    id: 'f:activity-added-1',
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:1alex', name: 'Alex Analyst', aadObjectId: 'aad-alex' },
    recipient: BOT,
    conversation: { id: CHANNEL.id, isGroup: true, conversationType: 'channel', tenantId: TENANT },
    membersAdded: [BOT],
    channelData: {
      eventType: 'teamMemberAdded',
      team: TEAM,
      channel: CHANNEL,
      tenant: { id: TENANT },
    },
  };
}
