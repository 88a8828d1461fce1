import { strict as assert } from 'node:assert';

import { forDisplay, forSms, forSpeech } from '../../../src/text/safe-text';
import { GSM7_ONLY } from '../fixtures';

const EMOJI =
  '\u{1F6A8}\u{1F525} \u{1F44D}\u{1F3FD} \u{1F468}\u200D\u{1F469}\u200D\u{1F467} ' +
  '\u{1F1EC}\u{1F1E7} 1\uFE0F\u20E3 \u2764\uFE0F';
const HOSTILE =
  '<b>Ransomware</b> \u{1F6A8} on \u201Chost-1\u201D \u6587\u4EF6 costs \u20AC5 ' +
  '{x} [y] ~^|\\ see https://evil.example/a \u0000\u202Eend';

function codePoints(text: string): number {
  return Array.from(text).length;
}

describe('forSpeech', () => {
  it('removes SSML and markup tags', () => {
    const spoken = forSpeech('<speak><break time="10s"/></speak>Alert <script>x()</script>', 300);
    assert.equal(spoken, 'Alert x()');
  });

  it('leaves nothing a speech engine could read as SSML', () => {
    const inputs = [
      '<speak><prosody rate="x-slow">slow</prosody></speak>',
      'a < b > c & d',
      '&lt;speak&gt; &amp; <',
      '<unclosed tag and more text',
      '<<script>>alert(1)<</script>>',
    ];
    for (const input of inputs) {
      const spoken = forSpeech(input, 300);
      assert.doesNotMatch(spoken, /[<>&]/, `${input} -> ${spoken}`);
    }
  });

  it('says "and" for an ampersand', () => {
    assert.equal(forSpeech('Smith & Jones', 300), 'Smith and Jones');
  });

  it('drops http, https and www addresses', () => {
    const spoken = forSpeech(
      'see http://evil.example/a?b=c and https://evil.example/x and www.evil.example now',
      300,
    );
    assert.equal(spoken, 'see and and now');
  });

  it('drops emoji, flags, skin tones, joiners and keycaps', () => {
    const spoken = forSpeech(`Alert ${EMOJI} done`, 300);
    assert.doesNotMatch(spoken, /\p{Extended_Pictographic}|\p{Regional_Indicator}/u);
    assert.doesNotMatch(spoken, /\p{Emoji_Modifier}/u);
    for (const mark of ['\u200D', '\uFE0F', '\u20E3']) {
      assert.ok(!spoken.includes(mark));
    }
    assert.match(spoken, /^Alert .*done$/);
  });

  it('removes control and bidirectional characters', () => {
    assert.equal(forSpeech('a\u0000b\u202Ec\u200Bd', 300), 'a b c d');
  });

  it('cuts a 5,000-character title to at most the maximum', () => {
    const title = `${'Ransomware on host '.repeat(260)}\u{1F6A8}<b>x</b>`.slice(0, 5000);
    const spoken = forSpeech(title, 300);
    assert.ok(codePoints(spoken) <= 300, `${codePoints(spoken)} characters`);
    assert.ok(spoken.endsWith('...'));
  });

  it('cuts a title without spaces to at most the maximum', () => {
    const spoken = forSpeech('x'.repeat(5000), 300);
    assert.equal(codePoints(spoken), 300);
  });

  it('leaves a short plain title as it is', () => {
    assert.equal(
      forSpeech('Malware detected on finance laptop', 300),
      'Malware detected on finance laptop',
    );
  });
});

describe('forSms', () => {
  it('answers only GSM-7 characters for hostile input', () => {
    const sms = forSms(`${HOSTILE} ${EMOJI}`, 1000);
    assert.match(sms, GSM7_ONLY, sms);
    assert.ok(sms.includes('Ransomware'));
  });

  it('replaces typographic quotes, dashes and ellipses by their GSM-7 forms', () => {
    const sms = forSms('\u201CHost\u201D \u2018a\u2019 x\u2013y\u2014z wait\u2026', 100);
    assert.equal(sms, '"Host" \'a\' x-y-z wait...');
  });

  it('replaces braces and brackets by parentheses', () => {
    assert.equal(forSms('{a} [b]', 100), '(a) (b)');
  });

  it('drops the euro sign, Chinese characters and emoji', () => {
    const sms = forSms('Cost \u20AC5 \u6587\u4EF6 \u{1F6A8} ok', 100);
    assert.equal(sms, 'Cost 5 ok');
  });

  it('keeps the accented letters GSM-7 has', () => {
    assert.equal(forSms('caf\u00E9 \u00C4rger \u00F1', 100), 'café Ärger ñ');
    assert.equal(forSms('cafe\u0301', 100), 'café');
  });

  it('drops markup and URLs', () => {
    assert.equal(forSms('<b>bold</b> see https://evil.example/x now', 100), 'bold see now');
  });

  it('bounds the length', () => {
    const sms = forSms(`${'word '.repeat(1000)}\u{1F6A8}`, 160);
    assert.ok(sms.length <= 160);
    assert.match(sms, GSM7_ONLY);
  });
});

describe('forDisplay', () => {
  it('removes control characters and the right-to-left override', () => {
    const shown = forDisplay('evil\u0000name\u202Etxt.exe\u0007\u200B!', 200);
    assert.doesNotMatch(shown, /\p{Cc}|\p{Cf}/u);
    assert.equal(shown, 'evil name txt.exe !');
  });

  it('keeps markup visible as text', () => {
    assert.equal(forDisplay('<b>bold</b> & more', 200), '<b>bold</b> & more');
  });

  it('bounds the length of a 5,000-character title', () => {
    const shown = forDisplay(`${'\u{1F6A8} alert '.repeat(700)}`, 200);
    assert.ok(codePoints(shown) <= 200, `${codePoints(shown)} characters`);
  });

  it('collapses whitespace and trims', () => {
    assert.equal(forDisplay('  a\n\tb\u2028c  ', 200), 'a b c');
  });
});
