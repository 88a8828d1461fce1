import type { Activity } from '@microsoft/agents-activity';

import type { TeamsChannelReference } from '../channels/teams-publisher';

interface TeamsChannelData {
  eventType?: string;
  team?: { id?: string };
  channel?: { id?: string };
  tenant?: { id?: string };
}

/** The channel reference an activity from a Teams team carries, or null outside a team. */
export function channelReferenceOf(activity: Activity): TeamsChannelReference | null {
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  const conversationId = activity.conversation?.id ?? '';
  const channelId = data.channel?.id ?? conversationId.split(';messageid=')[0];
  if (!data.team?.id || !channelId || !activity.serviceUrl || !activity.recipient?.id) {
    return null;
  }

  return {
    serviceUrl: activity.serviceUrl,
    tenantId: data.tenant?.id ?? activity.conversation?.tenantId ?? null,
    channelId,
    teamId: data.team.id,
    botId: activity.recipient.id,
    botName: activity.recipient.name ?? null,
  };
}

/** True when the activity tells that the bot itself was added to a team. */
export function isBotAddedToTeam(activity: Activity): boolean {
  const data = (activity.channelData ?? {}) as TeamsChannelData;
  if (activity.type === 'installationUpdate') {
    return activity.action === 'add' && data.team?.id !== undefined;
  }

  const botId = activity.recipient?.id;
  const added = activity.membersAdded ?? [];
  return (
    activity.type === 'conversationUpdate' &&
    data.eventType === 'teamMemberAdded' &&
    added.some((member) => member.id === botId)
  );
}
