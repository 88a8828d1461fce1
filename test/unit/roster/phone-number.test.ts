import { strict as assert } from 'node:assert';

import {
  infobipDigits,
  maskPhone,
  parsePhoneNumber,
  type PhoneNumber,
} from '../../../src/roster/phone-number';

describe('parsePhoneNumber', () => {
  it('answers E.164 for an international number', () => {
    assert.equal(parsePhoneNumber('+44 20 7946 0001'), '+442079460001');
    assert.equal(parsePhoneNumber('  +44 (0)20 7946-0001 '), '+442079460001');
  });

  it('rejects a number without the leading +', () => {
    assert.throws(() => parsePhoneNumber('020 7946 0001'), /international number starting with \+/);
    assert.throws(() => parsePhoneNumber('442079460001'), /starting with \+/);
  });

  it('rejects a number that is not valid', () => {
    assert.throws(() => parsePhoneNumber('+44 1632 960001'), /not a valid phone number/);
    assert.throws(() => parsePhoneNumber('+44 20 79'), Error);
    assert.throws(() => parsePhoneNumber('+'), Error);
  });
});

describe('infobipDigits', () => {
  it('drops the +', () => {
    assert.equal(infobipDigits('+442079460001' as PhoneNumber), '442079460001');
  });
});

describe('maskPhone', () => {
  it('keeps the country code and the last two digits only', () => {
    const masked = maskPhone('+442079460001');
    assert.equal(masked, '+44********01');
    assert.ok(!masked.includes('2079460'));
    assert.match(masked.slice(3, -2), /^\*+$/);
  });

  it('keeps a three-digit country code', () => {
    assert.equal(maskPhone('+353851234567'), '+353*******67');
  });

  it('masks a number with a one-digit country code', () => {
    const masked = maskPhone('+12025550123');
    assert.equal(masked, '+1********23');
    assert.ok(!masked.includes('555'));
  });

  it('masks everything when too few digits would be hidden', () => {
    assert.equal(maskPhone('+4412'), '****');
  });
});

describe('parsePhoneNumber, costly and odd numbers', () => {
  it('refuses a premium-rate number, so nobody is texted at a cost', () => {
    assert.throws(() => parsePhoneNumber('+44 909 879 0000'), /premium-rate/);
  });

  it('says "not a valid phone number" rather than a library code', () => {
    assert.throws(() => parsePhoneNumber('+999999999999999999999'), /^Error: is not a valid/);
  });
});
