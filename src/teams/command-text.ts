import type { Activity } from '@microsoft/agents-activity';

/**
 * The command in a message, lower-cased, with the bot's own mention removed and an optional
 * leading "/" dropped. Null when the message is not an oncall command.
 */
export function commandText(activity: Activity): string | null {
  const botId = activity.recipient?.id;
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: string; text?: string; mentioned?: { id?: string } };
    if (mention.type === 'mention' && mention.mentioned?.id === botId && mention.text) {
      text = text.split(mention.text).join(' ');
    }
  }

  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const command = plain.replace(/^\//, '').toLowerCase();
  return command === 'oncall' || command.startsWith('oncall ') ? command : null;
}
