import type { Rng } from '../bandits/rng.js';
import type { RequestKind } from '../router/request-kind.js';

/**
 * Messages a community might send, by kind, for the demo and the learning tests. The mix and the
 * templates are fixed; the random stream picks among them, so a seed gives the same community.
 */
const TEMPLATES: Record<RequestKind, string[]> = {
  code: [
    'write a python function that {task}',
    'why does my javascript code throw "undefined is not a function" when I {task}?',
    'how do I {task} in typescript?',
    'can you review this sql query that is supposed to {task}?',
    'what is the cleanest regex to {task}?',
  ],
  maths: [
    'what is {a}*{b}?',
    'solve {a}x + {b} = {c} for x',
    'what is the probability of rolling two sixes in {a} throws?',
    'compute the derivative of x^{a} + {b}x',
    'what percentage of {c} is {a}?',
  ],
  'chit-chat': [
    'hey, how are you today?',
    'tell me a joke about {topic}',
    'good morning everyone!',
    'what is your favorite {topic}?',
    'thanks, that was helpful',
  ],
  'long-form': [
    'write an essay about the history of {topic}',
    'write a short story about a {topic} that learns to talk',
    'summarize the main arguments for and against {topic} in a detailed report',
    'draft a blog post introducing our community to {topic}',
  ],
  other: [
    'what are good places to visit near {topic} in spring',
    'recommend three books like the one about {topic}',
    'which laptop should I buy for travelling and light work',
    'how do I get started with {topic} as a hobby',
  ],
};

const TASKS = ['reverses a list', 'parses a date string', 'removes duplicates from an array', 'reads a csv file', 'validates an email address'];
const TOPICS = ['gardening', 'astronomy', 'chess', 'jazz', 'the printing press', 'coffee', 'mountain biking', 'robots'];

/** Share of each kind in the simulated community's traffic. */
export const KIND_MIX: Array<[RequestKind, number]> = [
  ['code', 0.25], ['maths', 0.2], ['chit-chat', 0.25], ['long-form', 0.15], ['other', 0.15],
];

function pick<T>(items: readonly T[], rng: Rng): T {
  return items[Math.floor(rng.next() * items.length)]!;
}

export function communityMessage(rng: Rng): { kind: RequestKind; text: string } {
  let u = rng.next();
  let kind: RequestKind = 'other';
  for (const [k, share] of KIND_MIX) {
    if ((u -= share) < 0) {
      kind = k;
      break;
    }
  }
  const int = (lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1));
  const text = pick(TEMPLATES[kind], rng)
    .replace('{task}', pick(TASKS, rng))
    .replace('{topic}', pick(TOPICS, rng))
    .replace('{a}', String(int(2, 99)))
    .replace('{b}', String(int(2, 99)))
    .replace('{c}', String(int(100, 999)));
  return { kind, text };
}
