import { strict as assert } from 'node:assert';

import type { PhoneNumber } from '../../../src/roster/phone-number';
import type { Person, RosterConfig } from '../../../src/roster/roster-config';
import { Roster } from '../../../src/roster/roster';
import { SqliteStore } from '../../../src/store/sqlite-store';

const ALEX: Person = {
  id: 'alex',
  name: 'Alex Analyst',
  phone: '+442079460001' as PhoneNumber,
  teamsUserId: '29:1alex',
};
const SAM: Person = {
  id: 'sam',
  name: 'Sam Lee',
  phone: '+442079460002' as PhoneNumber,
  teamsUserId: '29:1sam',
};
const MORGAN: Person = {
  id: 'morgan',
  name: 'Morgan Manager',
  phone: '+442079460009' as PhoneNumber,
  teamsUserId: null,
};
const CONFIG: RosterConfig = {
  people: [ALEX, SAM, MORGAN],
  onCall: { primary: 'alex', secondary: 'sam', manager: 'morgan' },
};

const T0 = new Date('2026-06-06T01:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3600_000);

describe('Roster', () => {
  let store: SqliteStore;
  let now: Date;
  let roster: Roster;

  beforeEach(() => {
    store = new SqliteStore(':memory:');
    now = T0;
    roster = new Roster({ config: CONFIG, store, clock: () => now });
  });

  afterEach(async () => {
    await store.close();
  });

  it('answers the config holders when nothing was set in chat', async () => {
    assert.equal((await roster.holder('primary'))?.id, 'alex');
    assert.equal((await roster.holder('manager'))?.id, 'morgan');
    const assignment = await roster.assignment('primary', now);
    assert.equal(assignment.source, 'config');
    assert.equal(assignment.since, null);
    assert.equal(assignment.until, null);
  });

  it('applies an override from when it is set until its end, then the config is back', async () => {
    await roster.setHolder({ role: 'primary', person: SAM, until: hours(6), by: ALEX, at: T0 });

    assert.equal((await roster.holder('primary', hours(-1)))?.id, 'alex');
    assert.equal((await roster.holder('primary', T0))?.id, 'sam');
    assert.equal((await roster.holder('primary', hours(5.9)))?.id, 'sam');
    assert.equal((await roster.holder('primary', hours(6)))?.id, 'alex');
    now = hours(7);
    const back = await roster.assignment('primary', now);
    assert.equal(back.person?.id, 'alex');
    assert.equal(back.source, 'config');
    assert.deepEqual(back.since, hours(6));
  });

  it('records who set it and who held the role before', async () => {
    const change = await roster.setHolder({
      role: 'primary',
      person: SAM,
      until: null,
      by: ALEX,
      at: T0,
    });

    assert.equal(change.previousPersonId, 'alex');
    assert.equal(change.setById, 'alex');
    const [stored] = await store.recentOverrides(5);
    assert.deepEqual(stored, change);
  });

  it('lets a later override replace an earlier one, whatever their ends', async () => {
    await roster.setHolder({ role: 'primary', person: SAM, until: null, by: ALEX, at: T0 });
    await roster.setHolder({
      role: 'primary',
      person: ALEX,
      until: hours(2),
      by: SAM,
      at: hours(1),
    });

    const during = await roster.assignment('primary', hours(1.5));
    assert.equal(during.person?.id, 'alex');
    assert.equal(during.override?.previousPersonId, 'sam');
    assert.equal((await roster.holder('primary', hours(3)))?.id, 'alex');
    assert.equal((await roster.assignment('primary', hours(3))).source, 'config');
  });

  it('keeps other roles as the config says', async () => {
    await roster.setHolder({ role: 'primary', person: MORGAN, until: null, by: ALEX, at: T0 });

    assert.equal((await roster.holder('primary'))?.id, 'morgan');
    assert.equal((await roster.holder('secondary'))?.id, 'sam');
  });

  it('survives a new Roster on the same database: the override is stored', async () => {
    await roster.setHolder({ role: 'primary', person: SAM, until: null, by: ALEX, at: T0 });
    const again = new Roster({ config: CONFIG, store, clock: () => now });

    assert.equal((await again.holder('primary'))?.id, 'sam');
  });

  describe('people from chat', () => {
    async function confirm(personId: string, teamsUserId: string, phone: string) {
      await store.savePendingPhone({
        personId,
        teamsUserId,
        name: 'Sam Lee',
        phone: phone as PhoneNumber,
        codeHash: 'h',
        attempts: 0,
        createdAt: T0,
        expiresAt: hours(1),
      });
      return store.confirmPhone(personId, 'h', T0);
    }

    it('knows config people by their teamsUserId, and nobody else', async () => {
      assert.deepEqual(await roster.standing('29:1sam'), { kind: 'member', person: SAM });
      assert.deepEqual(await roster.standing('29:1riley'), { kind: 'unknown' });
    });

    it('makes a chat person a member once their number is confirmed', async () => {
      const registrant = await roster.registrant('29:1riley', 'Riley Responder');
      assert.equal(registrant.personId, 'teams:29:1riley');
      await store.savePendingPhone({
        ...registrant,
        phone: '+442079460123' as PhoneNumber,
        codeHash: 'h',
        attempts: 0,
        createdAt: T0,
        expiresAt: hours(1),
      });
      assert.deepEqual(await roster.standing('29:1riley'), {
        kind: 'pending',
        name: 'Riley Responder',
      });

      await store.confirmPhone(registrant.personId, 'h', T0);
      const standing = await roster.standing('29:1riley');
      assert.equal(standing.kind, 'member');
      assert.equal(standing.kind === 'member' && standing.person.phone, '+442079460123');
    });

    it('pages a config person on the number they last confirmed in chat', async () => {
      await confirm('sam', '29:1sam', '+442079460077');
      await confirm('sam', '29:1sam', '+442079460078');

      assert.equal((await roster.personById('sam'))?.phone, '+442079460078');
      assert.equal((await roster.personById('sam'))?.name, 'Sam Lee');
      await roster.setHolder({ role: 'primary', person: SAM, until: null, by: ALEX, at: T0 });
      assert.equal((await roster.holder('primary'))?.phone, '+442079460078');
    });

    it('finds a person by a number, the chat number replacing the config one', async () => {
      assert.equal((await roster.personByPhone(SAM.phone))?.id, 'sam');
      await confirm('sam', '29:1sam', '+442079460077');

      assert.equal((await roster.personByPhone('+442079460077' as PhoneNumber))?.id, 'sam');
      assert.equal(await roster.personByPhone(SAM.phone), null);
      assert.equal(await roster.personByPhone('+442079469999' as PhoneNumber), null);
    });

    it('falls back to the config when the overriding person is gone', async () => {
      await store.saveOverride({
        role: 'primary',
        personId: 'teams:29:1gone',
        personName: 'Gone',
        previousPersonId: 'alex',
        previousName: 'Alex Analyst',
        setById: 'alex',
        setByName: 'Alex Analyst',
        setAt: T0,
        until: null,
      });

      assert.equal((await roster.holder('primary'))?.id, 'alex');
    });
  });
});
