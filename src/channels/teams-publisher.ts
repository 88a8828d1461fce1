import { CloudAdapter } from '@microsoft/agents-hosting';

import { ChannelError } from './channel-error';

/** Where the SOC channel is: captured when the bot is added to a team. */
export interface TeamsChannelReference {
  readonly serviceUrl: string;
  readonly tenantId: string | null;
  /** The channel's conversation id, "19:...@thread.tacv2". */
  readonly channelId: string;
  readonly teamId: string | null;
  readonly botId: string;
  readonly botName: string | null;
}

/** A top-level post: what a later card update needs. */
export interface PostedMessage {
  /** "<channel>;messageid=<rootId>": the thread's conversation id. */
  readonly conversationId: string;
  readonly activityId: string;
}

/** Posts Adaptive Cards into a Teams channel. Throws a ChannelError when Teams says no. */
export interface TeamsPublisher {
  post(reference: TeamsChannelReference, card: object): Promise<PostedMessage>;

  /** Replaces a posted card for everyone (`PUT` of the message). */
  update(reference: TeamsChannelReference, posted: PostedMessage, card: object): Promise<void>;
}

const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** Posts through the Agents SDK's connector client, bounded by a timeout. */
export class AgentsTeamsPublisher implements TeamsPublisher {
  readonly #adapter: CloudAdapter;
  readonly #appId: string;
  readonly #timeoutMs: number;

  /** `appId` is the bot's client id, or "" in anonymous local mode. */
  constructor(adapter: CloudAdapter, appId: string, timeoutMs = 10_000) {
    this.#adapter = adapter;
    this.#appId = appId;
    this.#timeoutMs = timeoutMs;
  }

  async post(reference: TeamsChannelReference, card: object): Promise<PostedMessage> {
    const parameters = {
      isGroup: true,
      bot: { id: reference.botId, name: reference.botName ?? undefined },
      channelData: { channel: { id: reference.channelId } },
      tenantId: reference.tenantId ?? undefined,
      activity: cardMessage(card),
    };
    let conversationId = '';
    const create = this.#adapter.createConversationAsync(
      this.#appId,
      'msteams',
      reference.serviceUrl,
      BOT_FRAMEWORK_AUDIENCE,
      parameters as never,
      async (ctx) => {
        conversationId = ctx.activity.conversation?.id ?? '';
      },
    );

    await withTimeout(create, this.#timeoutMs).catch((err: unknown) => {
      throw toChannelError(err);
    });
    const activityId = conversationId.split(';messageid=')[1];
    if (!activityId) {
      throw new ChannelError('teams post: no message id in the answer', { refused: false });
    }

    return { conversationId, activityId };
  }

  async update(
    reference: TeamsChannelReference,
    posted: PostedMessage,
    card: object,
  ): Promise<void> {
    const bot = { id: reference.botId, name: reference.botName ?? '' };
    const conversation = {
      id: posted.conversationId,
      isGroup: true,
      conversationType: 'channel',
      tenantId: reference.tenantId ?? undefined,
    };
    const continuation = {
      channelId: 'msteams',
      serviceUrl: reference.serviceUrl,
      conversation,
      agent: bot,
      user: bot,
      activityId: posted.activityId,
    };
    const identity = this.#appId === '' ? {} : CloudAdapter.createIdentity(this.#appId);
    const replace = this.#adapter.continueConversation(
      identity as never,
      continuation as never,
      async (ctx) => {
        await ctx.updateActivity({ ...cardMessage(card), id: posted.activityId } as never);
      },
    );
    await withTimeout(replace, this.#timeoutMs).catch((err: unknown) => {
      throw toChannelError(err);
    });
  }
}

/** The message activity that carries a card. */
function cardMessage(card: object) {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ChannelError('teams: timed out', { refused: false })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function toChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) {
    return err;
  }

  const status = (err as { response?: { status?: number } }).response?.status;
  const refused = status !== undefined && status >= 400 && status < 500 && status !== 429;
  const label = status === undefined ? (err as Error).message : `${status}`;
  return new ChannelError(`teams: ${label}`, { refused, httpStatus: status, cause: err });
}
