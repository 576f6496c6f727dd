import { HashingEmbedder } from '../../pilot/hashing-embedder.js';
import { describeEmbedderConformance } from './embedder-conformance.js';

describeEmbedderConformance('hashing embedder', async () => ({ embedder: new HashingEmbedder() }), 'local');
describeEmbedderConformance('hashing embedder with bigrams, 384 dimensions', async () => ({
  embedder: new HashingEmbedder({ dimensions: 384, bigrams: true }),
}), 'local');
