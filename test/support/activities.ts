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

/** A Teams account as activities name it. */
export interface TeamsUser {
  readonly id: string;
  readonly name: string;
}

/** How a mention is sent: whole, split at its spaces, or without the entity's `text`. */
export type MentionStyle = 'whole' | 'split' | 'no-text';

/** A piece of a message: plain text, or a mention of someone. */
export type MessagePart = string | { readonly mention: TeamsUser; readonly style?: MentionStyle };

/** A mention of `user` inside a message's parts. */
export function at(user: TeamsUser, style: MentionStyle = 'whole'): MessagePart {
  return { mention: user, style };
}

/**
 * A message in the SOC channel, addressed to the bot with a mention as Teams sends it:
 * `<at>SOC Bot</at> oncall ...` with one mention entity per `<at>` tag.
 */
export function channelMessage(serviceUrl: string, from: TeamsUser, parts: MessagePart[]): object {
  const { text, entities } = compose([at(BOT), ' ', ...parts]);
  return {
    ...messageBase(serviceUrl, from, text, entities),
    conversation: {
      id: `${CHANNEL.id};messageid=${nextId()}`,
      isGroup: true,
      conversationType: 'channel',
      tenantId: TENANT,
    },
    channelData: { team: TEAM, channel: CHANNEL, tenant: { id: TENANT } },
  };
}

/** A message in a personal chat with the bot: no mention needed. */
export function personalMessage(serviceUrl: string, from: TeamsUser, parts: MessagePart[]): object {
  const { text, entities } = compose(parts);
  return {
    ...messageBase(serviceUrl, from, text, entities),
    conversation: { id: `a:personal-${from.id}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

let counter = 0;

function nextId(): string {
  counter += 1;
  return `${Date.now()}${counter}`;
}

function messageBase(serviceUrl: string, from: TeamsUser, text: string, entities: object[]) {
  return {
    type: 'message',
    id: `f:message-${nextId()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { ...from, aadObjectId: `aad-${from.id}` },
    recipient: BOT,
    text,
    textFormat: 'plain',
    entities,
  };
}

function compose(parts: MessagePart[]): { text: string; entities: object[] } {
  let text = '';
  const entities: object[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }

    const { mention: user, style = 'whole' } = part;
    const words = style === 'split' ? user.name.split(' ') : [user.name];
    const tags = words.map((word) => `<at>${escapeXml(word)}</at>`);
    text += tags.join(' ');
    for (const tag of tags) {
      const mentioned = { id: user.id, name: user.name };
      entities.push(
        style === 'no-text'
          ? { type: 'mention', mentioned }
          : { type: 'mention', text: tag, mentioned },
      );
    }
  }

  return { text, entities };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
