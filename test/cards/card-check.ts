/*
 * Checks a card the way the Adaptive Cards JavaScript renderer reads it, without a browser.
 */
import type * as AdaptiveCards from 'adaptivecards';

// The UMD bundle runs in plain Node; the package's lib/ ES modules do not load there.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** The newest card schema Teams renders. */
export const TEAMS_CARD_VERSION = '1.5';

/** Teams refuses a message over about 28 KB; a card has to leave room for the envelope. */
export const MAX_CARD_BYTES = 24 * 1024;

/**
 * Every problem the renderer reports while parsing and validating the card for schema 1.5,
 * plus a version other than 1.5. An empty list means Teams can show the card as written.
 */
export function cardProblems(json: object): string[] {
  const problems: string[] = [];
  const version = (json as { version?: unknown }).version;
  if (version !== TEAMS_CARD_VERSION) {
    problems.push(`version is ${JSON.stringify(version)}, Teams renders ${TEAMS_CARD_VERSION}`);
  }

  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    problems.push(`parse: ${context.getEventAt(i).message}`);
  }

  for (const event of card.validateProperties().validationEvents) {
    problems.push(`validate: ${event.message}`);
  }

  return problems;
}
