import { strict as assert } from 'node:assert';

import { callText, managerOpenedSms } from '../../../src/escalation/page-texts';
import { GSM7_ONLY, makeIncident } from '../fixtures';

const LONG_TITLE =
  '<speak><break time="10s"/>\u{1F6A8} Ransomware & worse on https://evil.example/x host '
    .repeat(70)
    .slice(0, 5000);

describe('callText', () => {
  it('spells the incident number digit by digit', () => {
    const text = callText(makeIncident({ number: 4711 }), 'Malware on laptop', ['a reason']);
    assert.ok(text.includes('Incident number 4, 7, 1, 1, severity High.'), text);
  });

  it('says the title and the reasons and asks for the key press', () => {
    const text = callText(makeIncident(), 'Malware on laptop', [
      'Saturday 02:14 Europe/London is outside business hours',
      'severity High is on the escalate list',
    ]);
    assert.ok(text.includes('Malware on laptop.'));
    assert.ok(text.includes('outside business hours; severity High is on the escalate list'));
    assert.ok(text.endsWith('Press 1 to acknowledge.'));
  });

  it('says "untitled" when nothing speakable is left of the title', () => {
    const text = callText(makeIncident(), '<b></b> \u{1F6A8}', ['a reason']);
    assert.ok(text.includes(' untitled.'));
  });

  it('stays within 1,400 characters for a 5,000-character title and long reasons', () => {
    const reasons = Array.from({ length: 40 }, (_, i) => `reason ${i} ${'because '.repeat(30)}`);
    const incident = makeIncident({ number: 999_999_999_999_999 });
    const text = callText(incident, LONG_TITLE, reasons);
    assert.ok(text.length <= 1400, `${text.length} characters`);
    assert.ok(text.includes('Press 1 to acknowledge'));
  });

  it('contains no markup for a hostile title and reasons', () => {
    const text = callText(makeIncident(), LONG_TITLE, ['<speak>x</speak>', 'a > b & c < d']);
    assert.doesNotMatch(text, /[<>&]/);
    assert.ok(!text.includes('https://'));
  });
});

describe('managerOpenedSms', () => {
  it('names the incident, its severity, its title and who is called', () => {
    const sms = managerOpenedSms(makeIncident(), 'Malware on laptop', 'calling Alex Analyst');
    assert.equal(
      sms,
      'SOC escalation: incident 4711 (High) Malware on laptop. calling Alex Analyst.',
    );
  });

  it('answers GSM-7 only, within 306 characters', () => {
    const title = `${LONG_TITLE} \u201Cquoted\u201D \u6587\u4EF6 \u20AC5 {x} [y]`;
    const sms = managerOpenedSms(makeIncident(), title, 'calling Zo\u00EB \u{1F600} {primary}');
    assert.match(sms, GSM7_ONLY, sms);
    assert.ok(sms.length <= 306, `${sms.length} characters`);
  });

  it('stays within 306 characters for a long name of who is called', () => {
    const sms = managerOpenedSms(makeIncident(), LONG_TITLE, 'calling '.repeat(100));
    assert.ok(sms.length <= 306, `${sms.length} characters`);
    assert.match(sms, GSM7_ONLY);
  });
});
