import type { Activity } from '@microsoft/agents-activity';

/** A person mentioned in a message, known by their Teams id only. */
export interface MentionTarget {
  /** `mentioned.id` ("29:..."): the only thing a target is resolved by. */
  readonly id: string;
  /** The display name as Teams sent it: for replies, never for matching. */
  readonly name: string;
}

/** A chat message reduced to what commands read. */
export interface InboundMessage {
  /** The text with every mention and all markup taken out, whitespace collapsed. */
  readonly text: string;
  /** People mentioned, the bot excluded, one per id, in order of first mention. */
  readonly targets: readonly MentionTarget[];
}

interface MentionEntity {
  type?: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

const MENTION_MARKUP = /<at\b[^>]*>[\s\S]*?<\/at>/gi;
const TAG = /<[^>]*>/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Reads a message as Teams sends it. Mentions are taken from the entities by
 * `mentioned.id`: a name split into several entities is one person, an entity without
 * `text` still counts, and the bot's own mention (`recipient.id`) is never a target.
 */
export function readMessage(activity: Activity): InboundMessage {
  const text = (activity.text ?? '')
    .replace(MENTION_MARKUP, ' ')
    .replace(TAG, ' ')
    .replace(/&(?:nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, targets: mentionTargets(activity) };
}

function mentionTargets(activity: Activity): MentionTarget[] {
  const botId = activity.recipient?.id;
  const targets = new Map<string, MentionTarget>();
  for (const entity of (activity.entities ?? []) as MentionEntity[]) {
    const id = entity.mentioned?.id;
    if (entity.type !== 'mention' || !id || id === botId || targets.has(id)) {
      continue;
    }

    const name = entity.mentioned?.name ?? (entity.text ?? '').replace(TAG, '');
    targets.set(id, { id, name: name.trim() || id });
  }

  return [...targets.values()];
}
