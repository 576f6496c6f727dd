/**
 * A synthetic community for the pilot benchmark: chat messages with planted topics, so that
 * topic recovery can be scored. Each topic has its own vocabulary of 40 made-up words (drawn
 * Zipf-like, as real topic words are); every message also carries shared everyday chat words
 * (stopwords included) and some one-off noise words (names, typos). Messages are 5–40 words
 * with at least two topic words — a message with none has no topic to recover. A few messages
 * carry a fenced code block, a few are delivered twice (platform retries, overlapping history
 * pages) for ingest to dedupe, and one planted passage states a unique fact for the retrieval
 * check.
 */
import { Sfc32 } from '../bandits/rng.js';

export interface CorpusMessage {
  sourceId: string;
  channel: string;
  author: string;
  createdAt: number;
  text: string;
  /** Planted topic; -1 for the planted passage. */
  topic: number;
}

export interface PilotCorpus {
  /** In delivery order, redeliveries included. */
  deliveries: CorpusMessage[];
  /** Distinct messages. */
  messages: number;
  topicWords: string[][];
  passage: { sourceId: string; question: string };
}

export interface CorpusOptions {
  messages: number;
  topics: number;
  seed: number;
  /** Share of deliveries that repeat an earlier message. Default 0.02. */
  duplicateRate?: number;
  /** Share of messages with a code block. Default 0.01. */
  codeRate?: number;
}

const TOPIC_WORDS = 40;
const TOPIC_SHARE = 0.35;
const NOISE_SHARE = 0.08;
const CHANNELS = ['general', 'help', 'dev', 'random', 'ops', 'support', 'design', 'releases'];

/** Everyday chat words every topic shares, most frequent first; stopwords included on purpose. */
const COMMON = (
  'the i to and a it is you that this for of on in have just but so be with not can it\'s do what we my ' +
  'was are if there they get at me all like about know anyone think one thanks yeah out now got up would ' +
  'how still help need any when some again really work from an or also maybe today then time try use way ' +
  'good new thing see still make sure does did same people problem issue question please check after ' +
  'someone looks something else already idea yesterday week day working tried seems getting right want ' +
  'hey hi ok okay great nice cool thank lol btw actually probably pretty though because since other much ' +
  'should could might here where why which going doing back first last long little well too very'
).split(' ');

const PASSAGE = 'Heads up: the quarterly invoice export for the Lisbon office now runs on the Zephyr batch server every Thursday at 06:30 UTC.';
const QUESTION = 'Which server runs the Lisbon invoice export?';

const CONSONANTS = 'bcdfghjklmnprstvwz';
const VOWELS = 'aeiou';

/** A pronounceable made-up word of 2–3 syllables. */
function madeUpWord(rng: Sfc32): string {
  let word = '';
  const syllables = 2 + Math.floor(rng.next() * 2);
  for (let s = 0; s < syllables; s++) {
    word += CONSONANTS[Math.floor(rng.next() * CONSONANTS.length)]! + VOWELS[Math.floor(rng.next() * VOWELS.length)]!;
    if (rng.next() < 0.3) word += CONSONANTS[Math.floor(rng.next() * CONSONANTS.length)]!;
  }
  return word;
}

/** Zipf(s = 1) sampler over ranks 0..n-1 via a cumulative table. */
function zipf(n: number): (rng: Sfc32) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < n; r++) cumulative.push((total += 1 / (r + 1)));
  return (rng) => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

export function generatePilotCorpus(options: CorpusOptions): PilotCorpus {
  const { messages, topics, seed } = options;
  const duplicateRate = options.duplicateRate ?? 0.02;
  const codeRate = options.codeRate ?? 0.01;
  const rng = Sfc32.fromSeed(seed);
  const taken = new Set<string>([...COMMON, ...PASSAGE.toLowerCase().split(/\W+/)]);
  const fresh = () => {
    let w = madeUpWord(rng);
    while (taken.has(w)) w = madeUpWord(rng);
    taken.add(w);
    return w;
  };
  const topicWords = Array.from({ length: topics }, () => Array.from({ length: TOPIC_WORDS }, fresh));
  const pickTopicWord = zipf(TOPIC_WORDS);
  const pickCommon = zipf(COMMON.length);
  const passageAt = Math.floor(rng.next() * messages);
  const start = Date.UTC(2025, 0, 1);

  const distinct: CorpusMessage[] = [];
  const deliveries: CorpusMessage[] = [];
  for (let i = 0; i < messages; i++) {
    const topic = i === passageAt ? -1 : Math.floor(rng.next() * topics);
    const text = topic < 0 ? PASSAGE : message(rng, topicWords[topic]!, pickTopicWord, pickCommon, rng.next() < codeRate);
    const m: CorpusMessage = {
      sourceId: `discord:${1_200_000_000_000 + i}`,
      channel: CHANNELS[Math.floor(rng.next() * CHANNELS.length)]!,
      author: `user${Math.floor(rng.next() * 500)}`,
      createdAt: start + i * 20_000,
      text,
      topic,
    };
    distinct.push(m);
    deliveries.push(m);
    if (rng.next() < duplicateRate) deliveries.push(distinct[Math.floor(rng.next() * distinct.length)]!);
  }
  return { deliveries, messages, topicWords, passage: { sourceId: distinct[passageAt]!.sourceId, question: QUESTION } };
}

function message(rng: Sfc32, vocabulary: readonly string[], pickTopicWord: (rng: Sfc32) => number, pickCommon: (rng: Sfc32) => number, code: boolean): string {
  const length = 5 + Math.floor(rng.next() * 36);
  let topical = 0;
  for (let w = 0; w < length; w++) if (rng.next() < TOPIC_SHARE) topical++;
  topical = Math.max(2, topical);
  const words: string[] = [];
  for (let w = 0; w < length; w++) {
    if (w < topical) words.push(vocabulary[pickTopicWord(rng)]!);
    else if (rng.next() < NOISE_SHARE) words.push(madeUpWord(rng));
    else words.push(COMMON[pickCommon(rng)]!);
  }
  // Shuffle so topic words are not all up front.
  for (let w = words.length - 1; w > 0; w--) {
    const j = Math.floor(rng.next() * (w + 1));
    [words[w], words[j]] = [words[j]!, words[w]!];
  }
  const cut = length > 16 && rng.next() < 0.5 ? Math.floor(length / 2) : length;
  const sentence = (ws: string[]) => `${ws[0]!.charAt(0).toUpperCase()}${ws.join(' ').slice(1)}${rng.next() < 0.3 ? '?' : '.'}`;
  let text = cut < length ? `${sentence(words.slice(0, cut))} ${sentence(words.slice(cut))}` : sentence(words);
  if (code) {
    const lines = Array.from({ length: 3 + Math.floor(rng.next() * 10) }, () => {
      const [a, b, c] = [0, 1, 2].map(() => vocabulary[pickTopicWord(rng)]!);
      return `const ${a}_${b} = await ${c}.${b}(${Math.floor(rng.next() * 100)});`;
    });
    text += `\n\n\`\`\`ts\n${lines.join('\n')}\n\`\`\``;
  }
  return text;
}
