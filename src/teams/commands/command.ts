import type { OverrideEnd } from '../../roster/override-end';
import type { PhoneNumber } from '../../roster/phone-number';
import type { MentionTarget } from './inbound-message';

/** A chat command, parsed and checked for shape; whether it is allowed is decided later. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'who' }
  | { readonly kind: 'set'; readonly target: MentionTarget; readonly end: OverrideEnd }
  | { readonly kind: 'register'; readonly phone: PhoneNumber }
  | { readonly kind: 'verify'; readonly code: string }
  | { readonly kind: 'history'; readonly limit: number }
  | { readonly kind: 'here' }
  | { readonly kind: 'digest' }
  | { readonly kind: 'shadow-report'; readonly days: number };

/** What parsing a message gave. */
export type ParsedCommand =
  | { readonly kind: 'command'; readonly command: Command }
  /** An oncall command that is unknown or malformed: `problem` says what, `usage` how. */
  | { readonly kind: 'invalid'; readonly problem: string; readonly usage: string }
  /** A message with no command at all, only the bot's mention. */
  | { readonly kind: 'empty' }
  /** Text that is not an oncall command. */
  | { readonly kind: 'other' };

/** One line per command, as `oncall help` lists them. */
export const USAGE = {
  who: 'oncall who - who is on call now, since and until when, and why',
  set:
    'oncall set @person [until 07:00 | until 2026-12-05 | for 8h] - ' +
    'make someone primary on call (until changed when no end is given)',
  register: 'oncall register +44 20 7946 0001 - add or replace your own number; I text you a code',
  verify: 'oncall verify 123456 - confirm your number with the texted code',
  history: 'oncall history [n] - the last n on-call changes and escalations (10, at most 50)',
  here: 'oncall here - post escalations to this channel from now on',
  shadow: 'oncall shadow report [days] - shadow mode: what would have been paged (30 days)',
  digest: 'oncall digest - what the night held and escalated (the current or the last night)',
  help: 'oncall help - this list',
} as const;
