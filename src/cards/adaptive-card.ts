import { modeBanner } from './mode-banner';

/**
 * The envelope every card of the bot shares: schema 1.5 (what Teams renders), and the
 * shadow-mode line first when the bot runs in shadow mode.
 */
export function adaptiveCard(
  body: readonly object[],
  shadow?: boolean,
  actions?: object[],
): object {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [...modeBanner(shadow), ...body],
    ...(actions === undefined ? {} : { actions }),
  };
}
