import type { Activity } from '@microsoft/agents-activity';
import type { Logger } from 'pino';

import type { TeamsPublisher } from '../../channels/teams-publisher';
import type { PhoneVerification } from '../../roster/phone-verification';
import type { Roster } from '../../roster/roster';
import type { EscalationPolicy } from '../../rules/policy';
import type { Store } from '../../store/store';
import type { Clock } from '../../time/clock';

/** What the command handlers work with. */
export interface CommandDeps {
  readonly roster: Roster;
  readonly verification: PhoneVerification;
  readonly store: Store;
  /** Posts the on-call-changed card to the SOC channel, as the pager posts escalations. */
  readonly teams: TeamsPublisher;
  /** The SOC's IANA zone: times in commands and replies are read and shown in it. */
  readonly timezone: string;
  /** Shadow mode: cards say so. */
  readonly shadow?: boolean;
  /** Business hours and holidays, for the nights the digest reports. */
  readonly policy: EscalationPolicy;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** One command being answered. */
export interface CommandRequest {
  readonly activity: Activity;
  /** Who sent it: `from.id` and the display name Teams gave. */
  readonly sender: { readonly teamsUserId: string; readonly name: string };
  /** A child logger with the activity's id and the command. */
  readonly log: Logger;
}
