import type { RosterConfig } from '../roster/roster-config';
import type { EscalationPolicy } from '../rules/policy';
import type { PhoneNumber } from '../roster/phone-number';
import type { Secret } from './secret';

/** The bot's Entra identity, as the Agents SDK names its parts. */
export interface BotIdentity {
  readonly clientId: string;
  readonly clientSecret: Secret | null;
  readonly tenantId: string | null;
}

/** Where and how calls and SMS go out. */
export interface InfobipConfig {
  readonly baseUrl: string;
  readonly apiKey: Secret;
}

/** What the voice and SMS channels put in every request. */
export interface SenderConfig {
  readonly callerId: PhoneNumber;
  readonly smsSender: string;
  readonly language: string;
}

/** Everything the bot reads from the environment and oncall.yaml, validated and frozen. */
export interface AppConfig {
  readonly version: string;
  readonly production: boolean;
  readonly port: number;
  readonly logLevel: string;
  readonly configPath: string;
  /** True when oncall.yaml was absent and the example config is in use. */
  readonly usingExampleConfig: boolean;
  /** SQLite file path, or ":memory:". */
  readonly databasePath: string;
  /** Null when the webhook is open (never in production). */
  readonly webhookToken: Secret | null;
  /** Null in dry-run: calls and SMS are recorded and logged, not sent. */
  readonly infobip: InfobipConfig | null;
  /** Null in anonymous local mode (never in production). */
  readonly bot: BotIdentity | null;
  readonly policy: EscalationPolicy;
  readonly roster: RosterConfig;
  readonly sender: SenderConfig;
}
