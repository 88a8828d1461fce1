import { strict as assert } from 'node:assert';

import type { Command, ParsedCommand } from '../../../src/teams/commands/command';
import type { MentionTarget } from '../../../src/teams/commands/inbound-message';
import { parseCommand } from '../../../src/teams/commands/parse-command';

const SAM: MentionTarget = { id: '29:1sam', name: 'Sam Lee' };
const RILEY: MentionTarget = { id: '29:1riley', name: 'Riley' };

function parse(text: string, targets: MentionTarget[] = []): ParsedCommand {
  return parseCommand({ text, targets });
}

function command(text: string, targets: MentionTarget[] = []): Command {
  const parsed = parse(text, targets);
  assert.equal(parsed.kind, 'command', JSON.stringify(parsed));
  return (parsed as { command: Command }).command;
}

function problem(text: string, targets: MentionTarget[] = []): string {
  const parsed = parse(text, targets);
  assert.equal(parsed.kind, 'invalid', JSON.stringify(parsed));
  return (parsed as { problem: string }).problem;
}

describe('parseCommand', () => {
  it('accepts "oncall" and "/oncall", in any case', () => {
    assert.deepEqual(command('oncall who'), { kind: 'who' });
    assert.deepEqual(command('/oncall who'), { kind: 'who' });
    assert.deepEqual(command('OnCall WHO'), { kind: 'who' });
  });

  it('reads a bare "oncall" and "oncall help" as help', () => {
    assert.deepEqual(command('oncall'), { kind: 'help' });
    assert.deepEqual(command('/oncall help'), { kind: 'help' });
  });

  it('tells an empty message and other text apart from commands', () => {
    assert.deepEqual(parse(''), { kind: 'empty' });
    assert.deepEqual(parse('hello oncall'), { kind: 'other' });
    assert.deepEqual(parse('oncallwho'), { kind: 'other' });
  });

  it('names an unknown command and lists the known ones', () => {
    const parsed = parse('oncall frobnicate');
    assert.equal(parsed.kind, 'invalid');
    assert.match((parsed as { problem: string }).problem, /"oncall frobnicate"/);
    assert.match((parsed as { usage: string }).usage, /oncall who[\s\S]*oncall here/);
  });

  describe('set', () => {
    it('takes the target from the mentions and has no end by default', () => {
      assert.deepEqual(command('oncall set', [SAM]), {
        kind: 'set',
        target: SAM,
        end: { kind: 'open' },
      });
    });

    it('reads "until" a 24-hour time or a date, and "for" a duration', () => {
      const end = (text: string) => (command(text, [SAM]) as { end: unknown }).end;
      assert.deepEqual(end('oncall set until 07:00'), { kind: 'time', hour: 7, minute: 0 });
      assert.deepEqual(end('oncall set UNTIL 7:30'), { kind: 'time', hour: 7, minute: 30 });
      assert.deepEqual(end('oncall set until 2026-12-05'), { kind: 'date', date: '2026-12-05' });
      assert.deepEqual(end('oncall set for 8h'), { kind: 'duration', minutes: 480 });
      assert.deepEqual(end('oncall set for 90m'), { kind: 'duration', minutes: 90 });
      assert.deepEqual(end('oncall set for 1h30m'), { kind: 'duration', minutes: 90 });
      assert.deepEqual(end('oncall set for 2d'), { kind: 'duration', minutes: 2880 });
    });

    it('asks for a mention when there is none, and never reads a typed name', () => {
      assert.match(problem('oncall set'), /mention the person/);
      assert.match(problem('oncall set Sam'), /@mention only, not by a typed name/);
      assert.match(problem('oncall set for 8h'), /mention the person to put on call/);
    });

    it('refuses two people', () => {
      assert.match(problem('oncall set', [SAM, RILEY]), /mention one person only/);
    });

    it('names what is wrong with an end', () => {
      assert.match(problem('oncall set until 24:00', [SAM]), /"24:00" is neither/);
      assert.match(problem('oncall set until 2026-02-30', [SAM]), /"2026-02-30" is neither/);
      assert.match(problem('oncall set for 0h', [SAM]), /"0h" is not a duration/);
      assert.match(problem('oncall set for 8 hours', [SAM]), /can't read "for 8 hours"/);
      assert.match(problem('oncall set until', [SAM]), /can't read "until"/);
      assert.match(problem('oncall set tomorrow', [SAM]), /can't read "tomorrow"/);
    });
  });

  describe('register and verify', () => {
    it('reads an international number, spaces allowed', () => {
      assert.deepEqual(command('oncall register +44 20 7946 0123'), {
        kind: 'register',
        phone: '+442079460123',
      });
    });

    it('explains a missing or national number', () => {
      assert.match(problem('oncall register'), /international form/);
      assert.match(problem('oncall register 020 7946 0123'), /starting with \+/);
      assert.match(problem('oncall register +44 20 79'), /"\+44 20 79"/);
    });

    it('reads a 6-digit code, and nothing else', () => {
      assert.deepEqual(command('oncall verify 012345'), { kind: 'verify', code: '012345' });
      assert.deepEqual(command('oncall verify 012 345'), { kind: 'verify', code: '012345' });
      assert.match(problem('oncall verify'), /6 digits/);
      assert.match(problem('oncall verify 12345a'), /6 digits/);
    });
  });

  describe('history', () => {
    it('lists 10 by default and at most 50', () => {
      assert.deepEqual(command('oncall history'), { kind: 'history', limit: 10 });
      assert.deepEqual(command('oncall history 3'), { kind: 'history', limit: 3 });
      assert.deepEqual(command('oncall history 500'), { kind: 'history', limit: 50 });
    });

    it('refuses what is not a positive count', () => {
      assert.match(problem('oncall history 0'), /not a number of entries/);
      assert.match(problem('oncall history -3'), /not a number of entries/);
      assert.match(problem('oncall history 5 6'), /"5 6"/);
    });
  });

  it('takes nothing after who and here', () => {
    assert.deepEqual(command('oncall here'), { kind: 'here' });
    assert.match(problem('oncall here now'), /"oncall here" takes nothing after it/);
  });
});
