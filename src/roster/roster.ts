import type { OnCallOverride, RosterStore } from '../store/roster-store';
import type { Clock } from '../time/clock';
import type { PhoneNumber } from './phone-number';
import type { Person, Role, RosterConfig } from './roster-config';

/** Who holds a role at an instant, and why. */
export interface Assignment {
  readonly role: Role;
  /** Null when nobody holds the role. */
  readonly person: Person | null;
  /** "override": set in chat; "config": as oncall.yaml says. */
  readonly source: 'config' | 'override';
  /** The override that decides, when source is "override". */
  readonly override: OnCallOverride | null;
  /** When the holder took over, when known. */
  readonly since: Date | null;
  /** When it ends; null: until changed. */
  readonly until: Date | null;
}

/** How a Teams account relates to the roster. */
export type RosterStanding =
  | { readonly kind: 'member'; readonly person: Person }
  | { readonly kind: 'pending'; readonly name: string }
  | { readonly kind: 'unknown' };

/** Who registers a number: the config person of a Teams account, or a new roster person. */
export interface Registrant {
  readonly personId: string;
  readonly teamsUserId: string;
  readonly name: string;
}

/** Input of {@link Roster.setHolder}. */
export interface HolderChange {
  readonly role: Role;
  readonly person: Person;
  readonly until: Date | null;
  /** The roster person who made the change. */
  readonly by: Person;
  readonly at: Date;
}

export interface RosterDeps {
  readonly config: RosterConfig;
  readonly store: RosterStore;
  readonly clock: Clock;
}

/**
 * Answers "who holds this role at t?". The config file is the policy; an override set in chat
 * replaces its role from when it is set until its end or the next override. A person can be
 * paged only with a number: from the config, or registered in chat and confirmed by code.
 */
export class Roster {
  readonly #deps: RosterDeps;
  readonly #byId: ReadonlyMap<string, Person>;

  constructor(deps: RosterDeps) {
    this.#deps = deps;
    this.#byId = new Map(deps.config.people.map((p) => [p.id, p]));
  }

  /** The person holding `role` at `at` (default: now), or null when nobody does. */
  async holder(role: Role, at?: Date): Promise<Person | null> {
    return (await this.assignment(role, at ?? this.#deps.clock())).person;
  }

  /** Who holds `role` at `at`, since when, until when and why. */
  async assignment(role: Role, at: Date): Promise<Assignment> {
    const override = await this.#deps.store.latestOverride(role, at);
    if (override !== null && (override.until === null || override.until > at)) {
      const person = await this.personById(override.personId);
      if (person !== null) {
        const { setAt: since, until } = override;
        return { role, person, source: 'override', override, since, until };
      }
    }

    const id = this.#deps.config.onCall[role];
    const ended = override?.until && override.until <= at ? override.until : null;
    return {
      role,
      person: id === null ? null : await this.personById(id),
      source: 'config',
      override: null,
      since: ended,
      until: null,
    };
  }

  /**
   * Makes `person` hold `role` from `at` until `until` (null: until the next change), and
   * records who did it and who held the role before.
   */
  async setHolder(change: HolderChange): Promise<OnCallOverride> {
    const previous = await this.assignment(change.role, change.at);
    return this.#deps.store.saveOverride({
      role: change.role,
      personId: change.person.id,
      personName: change.person.name,
      previousPersonId: previous.person?.id ?? null,
      previousName: previous.person?.name ?? null,
      setById: change.by.id,
      setByName: change.by.name,
      setAt: change.at,
      until: change.until,
    });
  }

  /** A person by id, with the number they confirmed in chat when there is one. */
  async personById(id: string): Promise<Person | null> {
    const registered = await this.#deps.store.registeredPhone(id);
    const configured = this.#byId.get(id);
    if (configured !== undefined) {
      return registered === null ? configured : { ...configured, phone: registered.phone };
    }

    if (registered === null) {
      return null;
    }

    return {
      id: registered.personId,
      name: registered.name,
      phone: registered.phone,
      teamsUserId: registered.teamsUserId,
    };
  }

  /**
   * The roster person a number belongs to (E.164), for replies by SMS. A number confirmed in
   * chat wins; a config number counts unless its person confirmed another one since.
   */
  async personByPhone(phone: PhoneNumber): Promise<Person | null> {
    const [registered] = await this.#deps.store.registeredPhonesByNumber(phone);
    if (registered !== undefined) {
      return this.personById(registered.personId);
    }

    for (const configured of this.#deps.config.people.filter((p) => p.phone === phone)) {
      const person = await this.personById(configured.id);
      if (person?.phone === phone) {
        return person;
      }
    }

    return null;
  }

  /** Whether a Teams account is a roster person who can be phoned, and who. */
  async standing(teamsUserId: string): Promise<RosterStanding> {
    const registrant = await this.registrant(teamsUserId, '');
    const person = await this.personById(registrant.personId);
    if (person !== null) {
      return { kind: 'member', person };
    }

    const pending = await this.#deps.store.pendingPhone(registrant.personId);
    return pending === null ? { kind: 'unknown' } : { kind: 'pending', name: pending.name };
  }

  /**
   * The person a Teams account registers a number for: the config person with that
   * `teamsUserId`, the person it registered before, or a new one named `displayName`.
   */
  async registrant(teamsUserId: string, displayName: string): Promise<Registrant> {
    const configured = this.#deps.config.people.find((p) => p.teamsUserId === teamsUserId);
    if (configured !== undefined) {
      return { personId: configured.id, teamsUserId, name: configured.name };
    }

    const registered = await this.#deps.store.registeredPhoneOfTeamsUser(teamsUserId);
    if (registered !== null) {
      return { personId: registered.personId, teamsUserId, name: displayName || registered.name };
    }

    return { personId: chatPersonId(teamsUserId), teamsUserId, name: displayName };
  }
}

/** The id of a person known from chat only. The colon keeps it apart from config ids. */
export function chatPersonId(teamsUserId: string): string {
  return `teams:${teamsUserId}`;
}
