import { USAGE } from './command';

/** The answer to `oncall` and `oncall help`: every command, one line each. */
export function helpText(): string {
  return [
    'SOC on-call bot. In a channel, mention me first; in a chat with me, just type.',
    ...Object.values(USAGE),
    'Commands also work with a leading slash: /oncall who.',
  ].join('\n');
}
