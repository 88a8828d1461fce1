import type { RecordedEvent } from './observed-store';

/** One storm of the replay: the incident whose arrival opened it, and all its members. */
export interface ReplayedStorm {
  readonly id: string;
  readonly openedBy: string;
  /** Incident ids, the opener included, in creation order. */
  readonly members: string[];
}

interface Counted {
  readonly id: string;
  readonly createdMs: number;
}

/**
 * Follows which incidents each storm holds, from what the store answered per event. A
 * storm that opens takes in the counted incidents of its window that were in no storm yet,
 * as the store does; its member count checks this bookkeeping against the store's.
 */
export class StormMembers {
  readonly storms = new Map<string, ReplayedStorm>();
  readonly #stormOf = new Map<string, string>();
  readonly #windowMs: number;
  #waiting: Counted[] = [];

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  /**
   * Takes the next incident in creation order. Answers a warning when the store counted
   * a storm differently from this bookkeeping, else null.
   */
  note(id: string, createdUtc: string, recorded: RecordedEvent): string | null {
    const createdMs = Date.parse(createdUtc);
    const storm = recorded.storm;
    if (storm?.kind === 'joined') {
      this.#add(storm.stormId, id);
      return null;
    }

    if (storm?.kind === 'opened') {
      return this.#open(storm.stormId, id, createdMs, storm.count);
    }

    if (recorded.counted) {
      this.#wait({ id, createdMs });
    }

    return null;
  }

  /** The storm an incident belongs to, or null. */
  stormOf(incidentId: string): string | null {
    return this.#stormOf.get(incidentId) ?? null;
  }

  #open(stormId: string, id: string, createdMs: number, count: number): string | null {
    const start = createdMs - this.#windowMs;
    const swept = this.#waiting.filter((c) => c.createdMs > start).map((c) => c.id);
    this.#waiting = [];
    this.storms.set(stormId, { id: stormId, openedBy: id, members: [] });
    [...swept, id].forEach((member) => this.#add(stormId, member));
    if (swept.length + 1 === count) {
      return null;
    }

    return `storm opened by ${id}: the store counted ${count}, the replay ${swept.length + 1}`;
  }

  /** Keeps the counted incidents a later storm may still take in: those inside one window. */
  #wait(counted: Counted): void {
    const start = counted.createdMs - this.#windowMs;
    if (this.#waiting.length > 1000) {
      this.#waiting = this.#waiting.filter((c) => c.createdMs > start);
    }

    this.#waiting.push(counted);
  }

  #add(stormId: string, incidentId: string): void {
    this.storms.get(stormId)?.members.push(incidentId);
    this.#stormOf.set(incidentId, stormId);
  }
}
