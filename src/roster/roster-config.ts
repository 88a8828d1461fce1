import type { PhoneNumber } from './phone-number';

/** A person who can be paged. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly phone: PhoneNumber;
  readonly teamsUserId: string | null;
}

/** The roles an escalation asks for. */
export type Role = 'primary' | 'secondary' | 'manager';

/** People and on-call roles as the config file states them. */
export interface RosterConfig {
  readonly people: readonly Person[];
  readonly onCall: Readonly<Record<Role, string | null>>;
}
