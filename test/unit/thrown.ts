/** Runs `run` and returns what it threw when it is an instance of `type`; fails the test otherwise. */
export function thrown<T extends Error>(
  type: abstract new (...args: never[]) => T,
  run: () => unknown,
): T {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected ${type.name} to be thrown`);
}
