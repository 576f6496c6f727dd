import type { Answer, NoAnswer } from '../router/route.js';

/** The answer, or a test failure naming why there was none. */
export function answered(result: Answer | NoAnswer): Answer {
  if ('error' in result) throw new Error(`expected an answer, got: ${result.error}`);
  return result;
}
