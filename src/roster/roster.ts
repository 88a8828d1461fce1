import type { Person, Role, RosterConfig } from './roster-config';

/**
 * Answers "who holds this role?". For now the config is the only source; chat overrides
 * come with the Teams commands.
 */
export class Roster {
  readonly #config: RosterConfig;
  readonly #byId: ReadonlyMap<string, Person>;

  constructor(config: RosterConfig) {
    this.#config = config;
    this.#byId = new Map(config.people.map((p) => [p.id, p]));
  }

  /** The person holding `role`, or null when nobody does. */
  async holder(role: Role): Promise<Person | null> {
    const id = this.#config.onCall[role];
    return id === null ? null : (this.#byId.get(id) ?? null);
  }
}
