/**
 * Runs a generator of slices (the `…Steps` functions a reload runs between answers) at once.
 * Search's `runSteps` is this one too (search/steps.ts): the corpus comes before search.
 */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
