/** How an escalation ended, as history and digest lines tell it. */
export interface EscalationOutcome {
  readonly state: string;
  readonly openedAt: Date;
  readonly endedAt: Date | null;
  readonly acknowledgedBy: string | null;
  readonly acknowledgedVia: string | null;
}

/** "acknowledged by Sam Lee (teams) after 3 min", "unanswered after 20 min" or "still open". */
export function outcomeText(outcome: EscalationOutcome): string {
  const minutes =
    outcome.endedAt === null
      ? 0
      : Math.round((outcome.endedAt.getTime() - outcome.openedAt.getTime()) / 60_000);
  if (outcome.state === 'acknowledged') {
    const via = outcome.acknowledgedVia ?? 'unknown';
    return `acknowledged by ${outcome.acknowledgedBy ?? 'someone'} (${via}) after ${minutes} min`;
  }

  return outcome.state === 'unanswered' ? `unanswered after ${minutes} min` : 'still open';
}
