import { RecordingServer, type RecordedRequest } from './recording-server';

/** What the person at a number does when the fake rings them. */
export type Callee = 'press-1' | 'answer' | 'no-answer' | 'busy' | 'rejected' | 'silent';

interface TtsMessage {
  destinations: { to: string; messageId: string }[];
  notifyUrl?: string;
}

/**
 * Speaks Infobip's voice and SMS API (`Authorization: App <key>`): accepts requests, then
 * reports each call's outcome to its `notifyUrl` as the callee behaves. Failures can be
 * queued: an HTTP status, or "hang" for a request that never gets an answer.
 */
export class FakeInfobip extends RecordingServer {
  /** Behaviour per number (digits); numbers not listed don't answer. */
  readonly callees = new Map<string, Callee>();
  /** Answers for the next requests to `/tts/3/advanced`, before normal service resumes. */
  readonly ttsFailures: (number | 'hang')[] = [];
  /** Message ids that `GET /tts/3/logs` reports as existing. */
  readonly knownCalls = new Set<string>();
  /** When true, a call answered with a queued 5xx still happened (Infobip failed late). */
  knownCallsFromFailures = false;

  constructor(apiKey: string) {
    super((request) => this.#answer(request, apiKey));
  }

  calls(to?: string): RecordedRequest[] {
    return this.to('/tts/3/advanced').filter((r) => to === undefined || destination(r)?.to === to);
  }

  texts(to?: string): RecordedRequest[] {
    return this.to('/sms/3/messages').filter((r) => to === undefined || destination(r)?.to === to);
  }

  /** Sends a delivery report as Infobip would; answers the bot's status. */
  async report(notifyUrl: string, messageId: string, to: string, callee: Callee): Promise<number> {
    const res = await fetch(notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(voiceReport(messageId, to, callee)),
    });
    return res.status;
  }

  #answer(request: RecordedRequest, apiKey: string): { status: number; body: unknown } | null {
    if (request.headers.authorization !== `App ${apiKey}`) {
      const error = { serviceException: { messageId: 'UNAUTHORIZED', text: 'Invalid login' } };
      return { status: 401, body: { requestError: error } };
    }

    if (request.method === 'GET' && request.path.startsWith('/tts/3/logs')) {
      const id = new URL(request.path, 'http://fake').searchParams.get('messageId') ?? '';
      return { status: 200, body: { results: this.knownCalls.has(id) ? [{ messageId: id }] : [] } };
    }

    if (request.path === '/tts/3/advanced') {
      return this.#call(request);
    }

    if (request.path === '/sms/3/messages') {
      return accepted(request);
    }

    return { status: 404, body: { errorCode: 'E404', description: 'not found' } };
  }

  #call(request: RecordedRequest): { status: number; body: unknown } | null {
    const failure = this.ttsFailures.shift();
    if (failure === 'hang') {
      return null;
    }

    if (failure !== undefined) {
      if (this.knownCallsFromFailures) {
        const message = (request.body as { messages: TtsMessage[] }).messages[0];
        this.knownCalls.add(message?.destinations[0]?.messageId ?? '');
      }

      const error = { serviceException: { messageId: 'GENERAL_ERROR', text: 'try later' } };
      return { status: failure, body: { requestError: error } };
    }

    const message = (request.body as { messages: TtsMessage[] }).messages[0];
    const target = message?.destinations[0];
    const callee = this.callees.get(target?.to ?? '') ?? 'no-answer';
    if (callee === 'rejected') {
      return accepted(request, { groupId: 5, groupName: 'REJECTED', id: 12, name: 'REJECTED' });
    }

    this.knownCalls.add(target?.messageId ?? '');
    if (message?.notifyUrl && target && callee !== 'silent') {
      const url = message.notifyUrl;
      setTimeout(
        () => void this.report(url, target.messageId, target.to, callee).catch(() => 0),
        30,
      );
    }

    return accepted(request);
  }
}

/** Speaks Infobip's API with every number not answering. */
export function fakeInfobip(apiKey: string): FakeInfobip {
  return new FakeInfobip(apiKey);
}

function destination(request: RecordedRequest) {
  return (request.body as { messages: { destinations: { to: string }[] }[] }).messages[0]
    ?.destinations[0];
}

const PENDING = { groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED' };

function accepted(request: RecordedRequest, status = PENDING) {
  const target = (request.body as { messages: TtsMessage[] }).messages[0]?.destinations[0];
  return {
    status: 200,
    body: {
      bulkId: `bulk-${target?.messageId}`,
      messages: [{ to: target?.to, messageId: target?.messageId, status }],
    },
  };
}

function voiceReport(messageId: string, to: string, callee: Callee): object {
  const outcome = {
    'press-1': { group: 'DELIVERED', error: 'VOICE_ANSWERED', dtmf: '1' },
    answer: { group: 'DELIVERED', error: 'VOICE_ANSWERED', dtmf: '' },
    'no-answer': { group: 'UNDELIVERABLE', error: 'EC_VOICE_NO_ANSWER', dtmf: '' },
    busy: { group: 'UNDELIVERABLE', error: 'EC_VOICE_USER_BUSY', dtmf: '' },
    rejected: { group: 'REJECTED', error: 'REJECTED', dtmf: '' },
    silent: { group: 'PENDING', error: 'NONE', dtmf: '' },
  }[callee];
  return {
    results: [
      {
        bulkId: `bulk-${messageId}`,
        messageId,
        to,
        from: '442079460000',
        sentAt: new Date().toISOString(),
        voiceCall: { dtmfCodes: outcome.dtmf, answeredBy: outcome.dtmf === '' ? null : 'HUMAN' },
        status: { groupId: 3, groupName: outcome.group, id: 5, name: outcome.group },
        error: { groupId: 0, groupName: 'OK', id: 5000, name: outcome.error, permanent: false },
      },
    ],
  };
}
