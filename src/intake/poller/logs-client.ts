import { DefaultAzureCredential } from '@azure/identity';
import { LogsQueryClient, type LogsQueryClientOptions } from '@azure/monitor-query-logs';

/** What `LogsQueryClient` takes as its credential. */
export type LogsCredential = ConstructorParameters<typeof LogsQueryClient>[0];

/** Where and how the client reaches Log Analytics. */
export interface LogsClientSettings {
  /** With the API version: "https://api.loganalytics.io/v1". */
  readonly endpoint: string;
  /** False for a plain-http loopback endpoint: no token is asked for or sent. */
  readonly authenticate: boolean;
  /** Defaults to DefaultAzureCredential: managed identity in Azure, a developer's login locally. */
  readonly credential?: LogsCredential;
  /** Extra pipeline policies; tests point an https endpoint at a local fake with one. */
  readonly policies?: LogsQueryClientOptions['additionalPolicies'];
}

/** The name core-rest-pipeline gives the policy that adds `Authorization: Bearer`. */
const BEARER_POLICY = 'bearerTokenAuthenticationPolicy';

/** Fails any token request: the loopback client must never send one. */
const NO_CREDENTIAL: LogsCredential = {
  getToken: () => Promise.reject(new Error('no token is sent to a loopback Log Analytics')),
};

/**
 * Builds the query client. Retries are off here: the poller retries with its own policy,
 * once per query. The token's audience is the endpoint's origin, for sovereign clouds.
 */
export function createLogsClient(settings: LogsClientSettings): LogsQueryClient {
  const common = {
    endpoint: settings.endpoint,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: settings.policies,
  };
  if (!settings.authenticate) {
    const client = new LogsQueryClient(NO_CREDENTIAL, { ...common, allowInsecureConnection: true });
    // Without a bearer policy the pipeline sends plain http; if the policy were still there,
    // it would refuse http outright rather than send a token.
    client.pipeline.removePolicy({ name: BEARER_POLICY });
    return client;
  }

  const audience = `${new URL(settings.endpoint).origin}/.default`;
  return new LogsQueryClient(settings.credential ?? new DefaultAzureCredential(), {
    ...common,
    credentials: { scopes: [audience] },
  });
}
