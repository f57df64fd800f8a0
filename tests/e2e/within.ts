/**
 * A step of a test with a deadline: a browser call that never answers (an evaluate in a frame
 * that went away, a command lost on the way) fails with the step's name instead of hanging
 * until the test's own limit, which names nothing.
 */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what} took over ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
