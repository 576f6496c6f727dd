import { fakeVector } from './fake-vector.js';

/** What a fake's POST /v1/embeddings answers: the response body, or an API error to send. */
export type EmbeddingsAnswer =
  | { status: 200; body: unknown }
  | { status: 400 | 404; message: string; code: string | null; param: string | null };

/** Native sizes, and whether the model accepts `dimensions` (ada-002 does not). */
const MODELS: Record<string, { dimensions: number; shortens: boolean }> = {
  'text-embedding-3-small': { dimensions: 1536, shortens: true },
  'text-embedding-3-large': { dimensions: 3072, shortens: true },
  'text-embedding-ada-002': { dimensions: 1536, shortens: false },
};
/** What a local server's model produces when the fake does not know it. */
const OTHER_MODEL_DIMENSIONS = 384;
const MAX_INPUTS = 2048;

interface EmbeddingsBody {
  model?: unknown;
  input?: unknown;
  dimensions?: unknown;
  encoding_format?: unknown;
}

const invalid = (message: string, param: string | null, code: string | null = null): EmbeddingsAnswer =>
  ({ status: 400, message, code, param });

/**
 * OpenAI's embeddings endpoint for string inputs, checked the way the real API checks them
 * (model given, input a non-empty string or array of non-empty strings, at most 2048 inputs,
 * dimensions only where the model supports it), answering `list` of `embedding` objects.
 * Only float encoding is served: the embedders must ask for it.
 */
export function answerEmbeddings(rawBody: unknown): EmbeddingsAnswer {
  const body = (rawBody ?? {}) as EmbeddingsBody;
  if (typeof body.model !== 'string' || body.model === '') return invalid('you must provide a model parameter', null);
  const inputs = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(inputs) || inputs.length === 0) return invalid("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", null);
  if (inputs.length > MAX_INPUTS) return invalid(`'$.input' is too long. Maximum length is ${MAX_INPUTS}, but got ${inputs.length} items instead.`, 'input', 'array_above_max_length');
  if (inputs.some((input) => typeof input !== 'string' || input === '')) return invalid("'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", null);
  if (body.encoding_format !== 'float') return invalid('this fake serves encoding_format "float" only', 'encoding_format');
  const known = MODELS[body.model];
  let dimensions = known?.dimensions ?? OTHER_MODEL_DIMENSIONS;
  if (body.dimensions !== undefined) {
    if (known && !known.shortens) return invalid('This model does not support specifying dimensions.', null);
    if (typeof body.dimensions !== 'number' || !Number.isInteger(body.dimensions) || body.dimensions < 1 || body.dimensions > dimensions) {
      return invalid(`Invalid value for 'dimensions' = ${String(body.dimensions)}. Must be between 1 and ${dimensions}.`, 'dimensions');
    }
    dimensions = body.dimensions;
  }
  const model = body.model;
  const tokens = (inputs as string[]).reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  return {
    status: 200,
    body: {
      object: 'list',
      data: (inputs as string[]).map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(model, text, dimensions) })),
      model,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
  };
}
