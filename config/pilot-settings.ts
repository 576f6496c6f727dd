import { setting } from './setting.js';
import { z } from 'zod';
import { fraction, idList, oneOf, wholeNumber, word, type ValueType } from './value-types.js';

/** Colons separate the parts of a vector namespace, so a workspace name cannot contain one. */
const namespacePart: ValueType<string> = { allowed: 'a name without spaces or colons', schema: z.string().regex(/^[^\s:]+$/) };

/** Settings of the pilot pipeline and of retrieval in answers (README, "Pilot pipeline"). */
export const PILOT_SETTINGS = {
  PILOT_EMBEDDER: setting({
    type: oneOf(['hashing', 'openai', 'gemini'] as const),
    default: 'hashing',
    description:
      'What turns chunks into vectors: hashing (local, deterministic, no network), or the OpenAI or Gemini embedding model (needs that provider\'s key). Recorded with every vector.',
  }),
  PILOT_EMBEDDING_MODEL: setting({
    type: word('a model name'),
    description: 'Embedding model for PILOT_EMBEDDER=openai or gemini (default: text-embedding-3-small, gemini-embedding-001).',
  }),
  PILOT_EMBEDDING_DIMENSIONS: setting({
    type: wholeNumber({ min: 0 }),
    default: 0,
    description: 'Vector length; 0 means each embedder\'s default (hashing 256, text-embedding-3-small 1536, Gemini 768).',
  }),
  PILOT_WORKSPACE: setting({
    type: namespacePart,
    default: 'main',
    description: 'Workspace part of vector namespaces (tenant:workspace:pilot:channel) when a run names none.',
  }),
  PILOT_CHUNK_TOKENS: setting({ type: wholeNumber({ min: 16 }), default: 200, description: 'Largest chunk, in tokens (code blocks are kept whole).' }),
  PILOT_CHUNK_OVERLAP: setting({ type: wholeNumber({ min: 0 }), default: 40, description: 'Tokens a chunk repeats from the end of the previous one.' }),
  PILOT_MAX_TOPICS: setting({ type: wholeNumber({ min: 2 }), default: 12, description: 'Most topics the analysis may choose.' }),
  PILOT_WORKERS: setting({
    type: wholeNumber({ min: 0 }),
    default: 1,
    description: 'Worker threads for segmenting and local embedding, off the bot\'s event loop; 0 runs them in-process.',
  }),
  PILOT_HISTORY_LIMIT: setting({ type: wholeNumber({ min: 1 }), default: 5000, description: 'Most channel messages one run ingests.' }),
  RETRIEVAL_CHANNELS: setting({
    type: idList,
    default: [],
    description: 'Channels whose answers use the community passages of their tenant\'s pilot vectors as context and cite them.',
  }),
  RETRIEVAL_TOP_K: setting({ type: wholeNumber({ min: 1 }), default: 3, description: 'Passages retrieved for an answer.' }),
  RETRIEVAL_MIN_SCORE: setting({
    type: fraction({ example: 0.25 }),
    default: 0.25,
    description: 'Lowest cosine similarity for a passage to be used.',
  }),
};
