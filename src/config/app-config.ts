import type { ChainStep } from '../escalation/chain';
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
  /** Per request; a paging system never waits forever. */
  readonly timeoutMs: number;
  /** First backoff of the bounded exponential retry. */
  readonly retryBackoffMs: number;
}

/** How Infobip reaches the bot back: delivery reports and inbound SMS. */
export interface CallbackConfig {
  /** The bot's public base URL; null when Infobip cannot reach it (no reports). */
  readonly publicUrl: string | null;
  /** Checked on every callback; null leaves callbacks open (never in production). */
  readonly token: Secret | null;
}

/** The escalation chain, frozen into each escalation when it opens. */
export interface EscalationConfig {
  readonly chain: readonly ChainStep[];
  /** Time after the last call step when an unacknowledged escalation is unanswered. */
  readonly unansweredAfterMs: number;
  /** Per phone number: at most `calls` in any `withinMs`; further calls are bundled. */
  readonly callLimits: readonly { readonly calls: number; readonly withinMs: number }[];
  /** How often the engine looks for due steps. */
  readonly tickMs: number;
}

/** What the voice and SMS channels put in every request. */
export interface SenderConfig {
  readonly callerId: PhoneNumber;
  readonly smsSender: string;
  readonly language: string;
}

/** Polling Sentinel's SecurityIncident table through the Log Analytics query API. */
export interface PollConfig {
  readonly workspaceId: string;
  readonly everyMs: number;
  /** How far each poll looks back before the watermark: rows are ingested late. */
  readonly overlapMs: number;
  /** LOGS_ENDPOINT, API version included ("https://api.loganalytics.io/v1"). */
  readonly endpoint: string;
  /** False only for a plain-http loopback endpoint (local testing): no token is sent. */
  readonly authenticate: boolean;
  /** First backoff of the bounded retry of 429, 5xx and network errors. */
  readonly retryBackoffMs: number;
}

/** When the bot counts itself blind: it cannot see Sentinel. */
export interface HeartbeatConfig {
  /** No incident through any intake for this long. */
  readonly silentForMs: number;
  /** Polling failing without a success for this long. */
  readonly pollFailingForMs: number;
}

/** The intakes besides the webhook, and the heartbeat rule. */
export interface IntakeConfig {
  /** Null when polling is off: the webhook is the only intake. */
  readonly poll: PollConfig | null;
  /** Null when the heartbeat rule is off. */
  readonly heartbeat: HeartbeatConfig | null;
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
  readonly callbacks: CallbackConfig;
  readonly escalation: EscalationConfig;
  /** "shadow": everything runs, but no call and no SMS goes out; views say what would have. */
  readonly mode: 'live' | 'shadow';
  /** Null in anonymous local mode (never in production). */
  readonly bot: BotIdentity | null;
  readonly policy: EscalationPolicy;
  readonly roster: RosterConfig;
  readonly sender: SenderConfig;
  readonly intake: IntakeConfig;
}
