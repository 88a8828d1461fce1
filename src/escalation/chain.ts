/** One step of the escalation chain: whom to call, and when after the escalation opens. */
export interface ChainStep {
  /** A role ("primary", "secondary", "manager") or a person id. */
  readonly target: string;
  readonly afterMs: number;
}

/** A step planned for one escalation, frozen when the escalation opens. */
export interface PlannedStep {
  readonly idx: number;
  /** "finish" is the moment the escalation becomes unanswered. */
  readonly kind: 'call' | 'finish';
  readonly target: string | null;
  readonly dueAt: Date;
}

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Parses "30s", "5m", "1h" or "1h30m" into milliseconds; null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text.trim());
  if (!match || text.trim() === '') {
    return null;
  }

  const [, h = '0', m = '0', s = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

/** Writes a duration as people read it: "30 s", "15 min", "1 h", "1 h 30 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return `${seconds} s`;
  }

  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  const parts = [hours > 0 ? `${hours} h` : '', minutes > 0 ? `${minutes} min` : ''];
  return parts.filter(Boolean).join(' ');
}

/**
 * Plans the steps of a new escalation: one call per chain entry at its offset, then the
 * finish step `unansweredAfterMs` after the last call.
 */
export function planSteps(
  chain: readonly ChainStep[],
  openedAt: Date,
  unansweredAfterMs: number,
): PlannedStep[] {
  const at = (ms: number) => new Date(openedAt.getTime() + ms);
  const calls: PlannedStep[] = chain.map((step, idx) => ({
    idx,
    kind: 'call',
    target: step.target,
    dueAt: at(step.afterMs),
  }));
  const lastMs = chain.reduce((max, step) => Math.max(max, step.afterMs), 0);
  const finish: PlannedStep = {
    idx: chain.length,
    kind: 'finish',
    target: null,
    dueAt: at(lastMs + unansweredAfterMs),
  };
  return [...calls, finish];
}
