import type { Severity } from '../intake/incident';
import type { TitleMatcher } from './title-matcher';
import type { VolumeRule } from './volume-rule';

/** Minutes after local midnight. */
export type MinuteOfDay = number;

/** When the SOC is staffed, in its own time zone. */
export interface BusinessHours {
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  readonly days: ReadonlySet<number>;
  readonly start: MinuteOfDay;
  /** Exclusive: at `end` the SOC is closed. */
  readonly end: MinuteOfDay;
}

/** Everything the rules read from the config, validated and frozen at start-up. */
export interface EscalationPolicy {
  /** IANA zone; every hour rule is evaluated here. */
  readonly timezone: string;
  readonly businessHours: BusinessHours;
  /** Local dates (yyyy-MM-dd) treated as outside business hours all day. */
  readonly holidays: ReadonlySet<string>;
  readonly severities: ReadonlySet<Severity>;
  readonly titles: readonly TitleMatcher[];
  readonly preEscalatedPrefix: string;
  /** The storm rule; null when it is off. */
  readonly volume: VolumeRule | null;
}
