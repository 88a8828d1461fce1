import { DateTime } from 'luxon';

import type { OverrideEnd } from '../../roster/override-end';
import { parsePhoneNumber } from '../../roster/phone-number';
import { forDisplay } from '../../text/safe-text';
import { USAGE, type Command, type ParsedCommand } from './command';
import type { InboundMessage } from './inbound-message';

/** Entries `oncall history` lists when no number is given, and at most. */
export const HISTORY_DEFAULT = 10;
export const HISTORY_MAX = 50;

type Parsed = Command | { problem: string; usage: string };

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DURATION = /^(?:(\d{1,3})d)?(?:(\d{1,4})h)?(?:(\d{1,5})m)?$/;

/**
 * The one parser of chat commands. Accepts "oncall ..." and "/oncall ...", any case. A
 * person is never read from the text: `set` takes its target from the message's mentions.
 */
export function parseCommand(message: InboundMessage): ParsedCommand {
  const [first = '', verb = 'help', ...args] = message.text.split(' ').filter(Boolean);
  if (first === '') {
    return { kind: 'empty' };
  }

  if (first.toLowerCase().replace(/^\//, '') !== 'oncall') {
    return { kind: 'other' };
  }

  const parsed = parseVerb(verb.toLowerCase(), args, message);
  return 'problem' in parsed
    ? { kind: 'invalid', ...parsed }
    : { kind: 'command', command: parsed };
}

function parseVerb(verb: string, args: string[], message: InboundMessage): Parsed {
  switch (verb) {
    case 'help':
      return { kind: 'help' };
    case 'who':
    case 'here':
    case 'digest':
      return args.length === 0
        ? { kind: verb }
        : invalid(`"oncall ${verb}" takes nothing after it`, USAGE[verb]);
    case 'set':
      return parseSet(args, message);
    case 'register':
      return parseRegister(args);
    case 'verify':
      return parseVerify(args);
    case 'history':
      return parseHistory(args);
    case 'shadow':
      return parseShadowReport(args);
    default:
      return invalid(
        `I don't know the command ${quoted(`oncall ${verb}`)}`,
        Object.values(USAGE).join('\n'),
      );
  }
}

function parseSet(args: string[], message: InboundMessage): Parsed {
  const [target, ...others] = message.targets;
  if (target === undefined) {
    const typed = args.length > 0 && !['until', 'for'].includes(args[0]!.toLowerCase());
    const problem = typed
      ? 'I find people by their @mention only, not by a typed name: mention the person'
      : 'mention the person to put on call';
    return invalid(problem, USAGE.set);
  }

  if (others.length > 0) {
    return invalid('mention one person only: one primary is on call at a time', USAGE.set);
  }

  const end = parseEnd(args);
  return 'problem' in end ? end : { kind: 'set', target, end };
}

function parseEnd(args: string[]): OverrideEnd | { problem: string; usage: string } {
  const [keyword = '', value, ...rest] = args;
  if (keyword === '') {
    return { kind: 'open' };
  }

  const word = keyword.toLowerCase();
  if ((word !== 'until' && word !== 'for') || value === undefined || rest.length > 0) {
    return invalid(`I can't read ${quoted(args.join(' '))} as an end`, USAGE.set);
  }

  return word === 'until' ? parseUntil(value) : parseDuration(value.toLowerCase());
}

function parseUntil(value: string): OverrideEnd | { problem: string; usage: string } {
  const time = TIME.exec(value);
  if (time !== null) {
    return { kind: 'time', hour: Number(time[1]), minute: Number(time[2]) };
  }

  if (DATE.test(value) && DateTime.fromISO(value).isValid) {
    return { kind: 'date', date: value };
  }

  return invalid(
    `${quoted(value)} is neither a 24-hour time (07:00) nor a date (2026-12-05)`,
    USAGE.set,
  );
}

function parseDuration(value: string): OverrideEnd | { problem: string; usage: string } {
  const match = DURATION.exec(value);
  const [days = 0, hours = 0, minutes = 0] = (match?.slice(1) ?? []).map((n) => Number(n ?? 0));
  const total = days * 1440 + hours * 60 + minutes;
  if (match === null || total === 0) {
    return invalid(`${quoted(value)} is not a duration such as 8h, 90m, 1h30m or 2d`, USAGE.set);
  }

  return { kind: 'duration', minutes: total };
}

function parseRegister(args: string[]): Parsed {
  if (args.length === 0) {
    return invalid('give your number in international form', USAGE.register);
  }

  const raw = args.join(' ');
  try {
    return { kind: 'register', phone: parsePhoneNumber(raw) };
  } catch (err) {
    return invalid(`${quoted(raw)} ${(err as Error).message}`, USAGE.register);
  }
}

function parseVerify(args: string[]): Parsed {
  const code = args.join('');
  return /^\d{6}$/.test(code)
    ? { kind: 'verify', code }
    : invalid('the code has 6 digits, as in the SMS I sent', USAGE.verify);
}

function parseHistory(args: string[]): Parsed {
  const [count, ...rest] = args;
  if (count === undefined) {
    return { kind: 'history', limit: HISTORY_DEFAULT };
  }

  if (!/^\d{1,6}$/.test(count) || Number(count) === 0 || rest.length > 0) {
    return invalid(`${quoted(args.join(' '))} is not a number of entries`, USAGE.history);
  }

  return { kind: 'history', limit: Math.min(Number(count), HISTORY_MAX) };
}

/** User text echoed back: bounded and without control characters. */
function quoted(text: string): string {
  return `"${forDisplay(text, 40)}"`;
}

function invalid(problem: string, usage: string): { problem: string; usage: string } {
  return { problem, usage };
}

function parseShadowReport(args: string[]): Parsed {
  const [report, days, ...rest] = args;
  const count = days === undefined ? 30 : Number(days);
  if (report?.toLowerCase() !== 'report' || rest.length > 0) {
    return invalid('"oncall shadow" needs "report" and at most a number of days', USAGE.shadow);
  }

  if (!Number.isInteger(count) || count < 1 || count > 365) {
    return invalid(`${quoted(days ?? '')} is not a number of days from 1 to 365`, USAGE.shadow);
  }

  return { kind: 'shadow-report', days: count };
}
