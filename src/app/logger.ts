import pino, { type Logger } from 'pino';

/** Paths never logged in clear, wherever they appear. Phone numbers are masked by callers. */
const REDACT = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'apiKey',
  'token',
  'clientSecret',
  '*.apiKey',
  '*.token',
  '*.clientSecret',
];

/** The process logger: pino JSON on stdout, constant messages, data in fields. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'soc-oncall-bot' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
