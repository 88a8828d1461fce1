/**
 * Runs the work queued within one turn of the event loop in one transaction, so a burst of
 * webhooks shares one disk sync instead of paying one each. Every caller still gets its
 * answer only after the commit that holds its work. When a batch throws, each piece is
 * retried alone, so one bad input cannot fail the others.
 */
export class GroupCommit<I, O> {
  readonly #runBatch: (inputs: readonly I[]) => O[];
  readonly #runOne: (input: I) => O;
  #queue: { input: I; resolve: (output: O) => void; reject: (err: unknown) => void }[] = [];

  /** `runBatch` must run all inputs in one transaction and answer in the same order. */
  constructor(runBatch: (inputs: readonly I[]) => O[], runOne: (input: I) => O) {
    this.#runBatch = runBatch;
    this.#runOne = runOne;
  }

  run(input: I): Promise<O> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      if (this.#queue.length === 1) {
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    const batch = this.#queue;
    this.#queue = [];
    try {
      const outputs = this.#runBatch(batch.map((item) => item.input));
      batch.forEach((item, index) => item.resolve(outputs[index] as O));
    } catch {
      for (const item of batch) {
        try {
          item.resolve(this.#runOne(item.input));
        } catch (err) {
          item.reject(err);
        }
      }
    }
  }
}
