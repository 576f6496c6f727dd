import { fakeVector } from './fake-vector.js';

/** What a fake's embed endpoint answers: the response body, or a google.rpc.Status to send. */
export type GeminiEmbedAnswer =
  | { status: 200; body: unknown }
  | { status: 400; googleStatus: 'INVALID_ARGUMENT'; message: string };

/** One EmbedContentRequest as the Gemini API takes it (alone, or as one item of a batch). */
interface EmbedRequest {
  model?: unknown;
  content?: { parts?: Array<{ text?: unknown }> };
  outputDimensionality?: unknown;
  taskType?: unknown;
}

/** Full sizes: below them the API truncates (outputDimensionality), above them it refuses. */
const NATIVE_DIMENSIONS: Record<string, number> = {
  'gemini-embedding-001': 3072,
  'text-embedding-004': 768,
};
const OTHER_MODEL_DIMENSIONS = 768;
const MAX_BATCH = 100;

const invalid = (message: string): GeminiEmbedAnswer => ({ status: 400, googleStatus: 'INVALID_ARGUMENT', message });

/** The values of one request's embedding, or why the API would refuse it. */
function embedOne(request: EmbedRequest, urlModel: string, where: string): { values: number[] } | { error: string } {
  // Inside a batch every request names its model, and it has to be the URL's.
  if (request.model !== undefined && request.model !== `models/${urlModel}`) {
    return { error: `* ${where}.model: model in the request (${String(request.model)}) does not match the model in the URL (models/${urlModel})` };
  }
  const parts = request.content?.parts;
  if (!Array.isArray(parts) || parts.length === 0) return { error: `* ${where}.content.parts: contents.parts must not be empty.` };
  const text = parts.map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
  if (text === '') return { error: `* ${where}.content.parts[0].data: required oneof field 'data' must have one initialized field` };
  const native = NATIVE_DIMENSIONS[urlModel] ?? OTHER_MODEL_DIMENSIONS;
  let dimensions = native;
  if (request.outputDimensionality !== undefined) {
    const asked = request.outputDimensionality;
    if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 1 || asked > native) {
      return { error: `* ${where}.output_dimensionality: must be between 1 and ${native}` };
    }
    dimensions = asked;
  }
  return { values: fakeVector(urlModel, text, dimensions) };
}

/**
 * The Gemini API's embedding methods on models/{model}: batchEmbedContents (what @google/genai
 * calls) answering `{embeddings: [{values}]}` in request order, and embedContent answering
 * `{embedding: {values}}`, with the API's checks on requests, batch size and dimensions.
 */
export function answerGeminiEmbed(method: 'batchEmbedContents' | 'embedContent', urlModel: string, rawBody: unknown): GeminiEmbedAnswer {
  if (method === 'embedContent') {
    const one = embedOne((rawBody ?? {}) as EmbedRequest, urlModel, 'EmbedContentRequest');
    return 'error' in one ? invalid(one.error) : { status: 200, body: { embedding: one } };
  }
  const requests = ((rawBody ?? {}) as { requests?: unknown }).requests;
  if (!Array.isArray(requests) || requests.length === 0) return invalid('* BatchEmbedContentsRequest.requests: requests is not specified');
  if (requests.length > MAX_BATCH) return invalid(`* BatchEmbedContentsRequest.requests: at most ${MAX_BATCH} requests can be in one batch`);
  const embeddings: Array<{ values: number[] }> = [];
  for (let i = 0; i < requests.length; i++) {
    const one = embedOne((requests[i] ?? {}) as EmbedRequest, urlModel, `BatchEmbedContentsRequest.requests[${i}]`);
    if ('error' in one) return invalid(one.error);
    embeddings.push(one);
  }
  return { status: 200, body: { embeddings } };
}
