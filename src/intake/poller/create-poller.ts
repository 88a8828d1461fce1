import type { Logger } from 'pino';

import type { PollConfig } from '../../config/app-config';
import type { IntakeStore } from '../../store/intake-store';
import type { Clock } from '../../time/clock';
import type { IncidentIntake } from '../incident-intake';
import { IncidentPoller } from './incident-poller';
import { LogAnalyticsSource } from './log-analytics-source';
import { createLogsClient, type LogsClientSettings } from './logs-client';
import { pollRetry } from './poll-retry';

/** What `createPoller` wires together. */
export interface CreatePollerDeps {
  readonly config: PollConfig;
  readonly intake: Pick<IncidentIntake, 'receive'>;
  readonly store: IntakeStore;
  readonly onEscalation: () => void;
  readonly clock: Clock;
  readonly logger: Logger;
  /** For tests: a credential and pipeline policies instead of the defaults. */
  readonly client?: Pick<LogsClientSettings, 'credential' | 'policies'>;
}

/** The poller of `intake.poll`, on the SDK's query client with the poller's retry policy. */
export function createPoller(deps: CreatePollerDeps): IncidentPoller {
  const { config } = deps;
  const client = createLogsClient({
    endpoint: config.endpoint,
    authenticate: config.authenticate,
    ...deps.client,
  });
  const source = new LogAnalyticsSource({
    client,
    workspaceId: config.workspaceId,
    retry: pollRetry(config.retryBackoffMs),
  });
  return new IncidentPoller({
    workspaceId: config.workspaceId,
    everyMs: config.everyMs,
    overlapMs: config.overlapMs,
    source,
    intake: deps.intake,
    store: deps.store,
    onEscalation: deps.onEscalation,
    clock: deps.clock,
    logger: deps.logger.child({ workspaceId: config.workspaceId }),
  });
}
