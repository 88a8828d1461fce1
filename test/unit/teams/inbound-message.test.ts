import { strict as assert } from 'node:assert';

import { Activity } from '@microsoft/agents-activity';

import { readMessage } from '../../../src/teams/commands/inbound-message';

const BOT = { id: '28:bot', name: 'SOC Bot' };
const SAM = { id: '29:1sam', name: 'Sam Lee' };

function message(text: string, entities: object[]): Activity {
  return Activity.fromObject({
    type: 'message',
    text,
    entities,
    recipient: BOT,
    from: { id: '29:1alex', name: 'Alex Analyst' },
    conversation: { id: 'c1' },
  });
}

const mention = (who: { id: string; name: string }, text?: string) =>
  text === undefined
    ? { type: 'mention', mentioned: who }
    : { type: 'mention', text, mentioned: who };

describe('readMessage', () => {
  it('takes out every mention and keeps the words', () => {
    const read = readMessage(
      message('<at>SOC Bot</at> oncall set <at>Sam Lee</at> until 07:00', [
        mention(BOT, '<at>SOC Bot</at>'),
        mention(SAM, '<at>Sam Lee</at>'),
      ]),
    );

    assert.equal(read.text, 'oncall set until 07:00');
    assert.deepEqual(read.targets, [SAM]);
  });

  it('never makes the bot a target', () => {
    const read = readMessage(
      message('<at>SOC Bot</at> oncall set <at>SOC Bot</at>', [
        mention(BOT, '<at>SOC Bot</at>'),
        mention(BOT, '<at>SOC Bot</at>'),
      ]),
    );

    assert.deepEqual(read.targets, []);
  });

  it('counts a name split into several entities with one id as one person', () => {
    const read = readMessage(
      message('<at>SOC Bot</at> oncall set <at>Sam</at> <at>Lee</at>', [
        mention(BOT, '<at>SOC Bot</at>'),
        mention(SAM, '<at>Sam</at>'),
        mention(SAM, '<at>Lee</at>'),
      ]),
    );

    assert.equal(read.text, 'oncall set');
    assert.deepEqual(read.targets, [SAM]);
  });

  it('takes a mention without text, by its id', () => {
    const tom = { id: '29:1tom', name: 'Tom & Jerry' };
    const read = readMessage(
      message('<at>SOC Bot</at> oncall set <at>Tom &amp; Jerry</at>', [mention(BOT), mention(tom)]),
    );

    assert.equal(read.text, 'oncall set');
    assert.deepEqual(read.targets, [tom]);
  });

  it('names a target by its entity text when Teams gives no name', () => {
    const read = readMessage(
      message('oncall set <at>Sam Lee</at>', [
        { type: 'mention', text: '<at>Sam Lee</at>', mentioned: { id: SAM.id } },
      ]),
    );

    assert.deepEqual(read.targets, [SAM]);
  });

  it('drops markup, entities and extra spaces', () => {
    const read = readMessage(message('<p>oncall&nbsp;&nbsp;who</p>\n', []));

    assert.equal(read.text, 'oncall who');
  });

  it('ignores entities that are not mentions, or have no id', () => {
    const read = readMessage(
      message('oncall who', [{ type: 'clientInfo', locale: 'en-GB' }, { type: 'mention' }]),
    );

    assert.deepEqual(read.targets, []);
  });
});
