/**
 * The baseline of the intake benchmark, run as its own process: restify with the bot's body
 * parser options on the same route, answering 202 to everything it parses. Prints its port.
 */
import restify from 'restify';

const MAX_BODY_BYTES = 1024 * 1024;

const server = restify.createServer({ name: 'bare', handleUncaughtExceptions: false });

server.post(
  '/api/incidents',
  restify.plugins.bodyParser({
    maxBodySize: MAX_BODY_BYTES,
    mapParams: false,
    rejectUnknown: true,
  }),
  async (_req: restify.Request, res: restify.Response) => {
    res.send(202, { accepted: true });
  },
);

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

process.once('SIGTERM', () => server.close(() => process.exit(0)));
