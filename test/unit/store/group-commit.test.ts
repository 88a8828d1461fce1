import { strict as assert } from 'node:assert';

import { GroupCommit } from '../../../src/store/group-commit';

describe('GroupCommit', function () {
  it('runs what is queued in one turn as one batch, answering each in order', async function () {
    const batches: number[][] = [];
    const group = new GroupCommit<number, number>(
      (inputs) => {
        batches.push([...inputs]);
        return inputs.map((n) => n * 10);
      },
      () => assert.fail('no single run expected'),
    );

    const answers = await Promise.all([group.run(1), group.run(2), group.run(3)]);
    const later = await group.run(4);

    assert.deepEqual(answers, [10, 20, 30]);
    assert.equal(later, 40);
    assert.deepEqual(batches, [[1, 2, 3], [4]]);
  });

  it('retries each alone when the batch fails, so one bad input fails alone', async function () {
    const group = new GroupCommit<number, number>(
      () => {
        throw new Error('batch rolled back');
      },
      (n) => {
        if (n === 2) {
          throw new Error('bad input 2');
        }

        return n;
      },
    );

    const results = await Promise.allSettled([group.run(1), group.run(2), group.run(3)]);

    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      [1, 'bad input 2', 3],
    );
  });
});
