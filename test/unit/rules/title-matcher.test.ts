import { strict as assert } from 'node:assert';

import { parseTitleMatcher } from '../../../src/rules/title-matcher';

describe('parseTitleMatcher', () => {
  it('compares an exact entry case-insensitively after trimming both sides', () => {
    const matcher = parseTitleMatcher('Serious alert 1');
    assert.equal(matcher.source, 'Serious alert 1');
    assert.equal(matcher.matches('  serious ALERT 1 '), true);
    assert.equal(matcher.matches('Serious alert 1'), true);
  });

  it('does not match part of an exact entry', () => {
    const matcher = parseTitleMatcher('Serious alert 1');
    assert.equal(matcher.matches('Serious alert 10'), false);
    assert.equal(matcher.matches('A serious alert 1'), false);
    assert.equal(matcher.matches('Serious alert'), false);
  });

  it('reads /pattern/flags as a regular expression', () => {
    const matcher = parseTitleMatcher('/^ransomware/i');
    assert.equal(matcher.source, '/^ransomware/i');
    assert.equal(matcher.matches('Ransomware detected'), true);
    assert.equal(matcher.matches('Possible ransomware'), false);
  });

  it('gives the same answer on repeated calls', () => {
    const matcher = parseTitleMatcher('/ransomware/i');
    for (let i = 0; i < 3; i += 1) {
      assert.equal(matcher.matches('ransomware'), true);
    }
  });

  it('accepts the flags i, m, s and u', () => {
    assert.equal(parseTitleMatcher('/^b/im').matches('a\nB'), true);
    assert.equal(parseTitleMatcher('/a.b/s').matches('a\nb'), true);
    assert.equal(parseTitleMatcher('/\\x{1F6A8}/u').matches('alert \u{1F6A8}'), true);
  });

  it('rejects the flags g and y', () => {
    assert.throws(() => parseTitleMatcher('/ransomware/g'), /flags "g" are not allowed/);
    assert.throws(() => parseTitleMatcher('/ransomware/y'), /flags "y" are not allowed/);
    assert.throws(() => parseTitleMatcher('/ransomware/gi'), /not allowed/);
  });

  it('rejects an invalid regular expression', () => {
    assert.throws(() => parseTitleMatcher('/(unclosed/'), /error parsing regexp/);
    assert.throws(() => parseTitleMatcher('/[a-/i'), /error parsing regexp/);
  });

  it('matches in linear time: a backtracking pattern cannot freeze the bot', function () {
    this.timeout(2000);
    const matcher = parseTitleMatcher('/^(a+)+$/i');
    assert.equal(matcher.matches(`${'a'.repeat(10_000)}!`), false);
  });
});
