/**
 * Work done in steps: a generator that yields between slices of a long computation (building
 * the index of tens of thousands of sections takes over a second), so a caller can run it all
 * at once (`runSteps`, at start-up, when nothing waits) or in slices that give the event loop
 * back every few milliseconds (`runStepsInSlices`, on a reload, while questions keep coming).
 */

import { runToEnd } from "../corpus/steps.js";

/** A computation that yields (nothing) between slices and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once (the corpus's own runner: its loads are stepped the same way). */
export const runSteps: <T>(steps: Steps<T>) => T = runToEnd;

export interface SliceOptions {
  /** Longest run of steps before the event loop gets a turn (default 8 ms). */
  sliceMs?: number;
  /** Stops between slices with the signal's reason (a process shutting down). */
  signal?: AbortSignal;
}

/** Runs the steps in slices of about `sliceMs`, letting timers and I/O run in between. */
export async function runStepsInSlices<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const { sliceMs = 8, signal } = options;
  for (;;) {
    signal?.throwIfAborted();
    const until = performance.now() + sliceMs;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= until) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}
