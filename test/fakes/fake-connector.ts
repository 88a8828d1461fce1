import { RecordingServer, type RecordedRequest } from './recording-server';

/**
 * Speaks the Bot Connector REST API as Teams does: a new channel thread answers
 * `{ id: "<channel>;messageid=<rootId>", activityId: rootId }`.
 */
export function fakeConnector(): RecordingServer {
  let next = 1000;
  return new RecordingServer((request: RecordedRequest) => {
    next += 1;
    if (request.method === 'POST' && request.path === '/v3/conversations') {
      const body = request.body as { channelData?: { channel?: { id?: string } } };
      const channel = body.channelData?.channel?.id ?? 'unknown';
      return { status: 201, body: { id: `${channel};messageid=${next}`, activityId: `${next}` } };
    }

    if (request.path.startsWith('/v3/conversations/')) {
      return { status: 200, body: { id: `${next}` } };
    }

    return { status: 404, body: { error: { code: 'NotFound', message: 'no such route' } } };
  });
}
