/** The current instant. Injected everywhere so tests move time instead of waiting for it. */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();
