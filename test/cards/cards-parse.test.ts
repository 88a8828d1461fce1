import assert from 'node:assert/strict';
import { MAX_CARD_BYTES, cardProblems } from './card-check';
import { hostileTitle, sampleCards } from './sample-cards';

describe('cards parse in the Adaptive Cards renderer', function () {
  for (const [name, card] of Object.entries(sampleCards())) {
    it(`${name}: schema 1.5 with no parse or validation warning`, function () {
      assert.deepEqual(cardProblems(card), []);
    });

    it(`${name}: small enough for a Teams message`, function () {
      const bytes = Buffer.byteLength(JSON.stringify(card));

      assert.ok(bytes <= MAX_CARD_BYTES, `${bytes} bytes`);
    });
  }

  it('has a hostile sample whose title is 5,000 characters', function () {
    assert.equal(hostileTitle().length, 5000);
    assert.ok('escalation-hostile-title' in sampleCards());
  });
});

describe('card check', function () {
  const minimal = { type: 'AdaptiveCard', version: '1.5', body: [] };

  it('accepts a minimal 1.5 card', function () {
    assert.deepEqual(cardProblems(minimal), []);
  });

  it('reports a version other than 1.5', function () {
    for (const version of ['1.6', '1.4', undefined]) {
      const problems = cardProblems({ ...minimal, version });

      assert.match(problems.join('\n'), /version is .*, Teams renders 1\.5/, String(version));
    }
  });

  it('reports an element type the renderer does not know', function () {
    const card = { ...minimal, body: [{ type: 'Carousel3D', text: 'x' }] };

    assert.match(cardProblems(card).join('\n'), /Unknown element type "Carousel3D"/);
  });

  it('reports a property value the renderer does not know', function () {
    const card = { ...minimal, body: [{ type: 'TextBlock', text: 'x', weight: 'Heavy' }] };

    assert.match(cardProblems(card).join('\n'), /Invalid value "Heavy" for property "weight"/);
  });
});
