/** The config cannot become analytics rules: every problem, each named by its config path. */
export class KqlGenerationError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string[]) {
    super(`cannot generate the Sentinel rules:\n  - ${problems.join('\n  - ')}`);
    this.name = 'KqlGenerationError';
    this.problems = problems;
  }
}
