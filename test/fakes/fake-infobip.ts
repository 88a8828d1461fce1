import { RecordingServer, type RecordedRequest } from './recording-server';

/** Speaks Infobip's voice and SMS API: `Authorization: App <key>`, and acceptance answers. */
export function fakeInfobip(apiKey: string): RecordingServer {
  return new RecordingServer((request) => answer(request, apiKey));
}

function answer(request: RecordedRequest, apiKey: string): { status: number; body: unknown } {
  if (request.headers.authorization !== `App ${apiKey}`) {
    return {
      status: 401,
      body: {
        requestError: {
          serviceException: { messageId: 'UNAUTHORIZED', text: 'Invalid login details' },
        },
      },
    };
  }

  const message = (
    request.body as { messages: { destinations: { to: string; messageId: string }[] }[] }
  ).messages[0];
  const destination = message?.destinations[0];
  const pending = { groupId: 1, groupName: 'PENDING', id: 26, name: 'PENDING_ACCEPTED' };
  if (request.path === '/tts/3/advanced' || request.path === '/sms/3/messages') {
    return {
      status: 200,
      body: {
        bulkId: `bulk-${destination?.messageId}`,
        messages: [{ to: destination?.to, messageId: destination?.messageId, status: pending }],
      },
    };
  }

  return { status: 404, body: { errorCode: 'E404', description: 'not found' } };
}
