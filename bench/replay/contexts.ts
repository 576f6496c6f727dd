import { featurize } from '../../router/features.js';
import { NumericFeaturizer } from '../../router/numeric-features.js';
import type { Table } from '../table/load-table.js';

/**
 * The context of every row, built the way the router builds it: a `text` column goes through the
 * bot's own featurizer (router/features.ts), `x.*` columns through the online numeric featurizer
 * (standardized with the statistics of earlier rows only, plus squares). With both, the numeric
 * block follows the text block without its second bias.
 */
export function tableContexts(table: Table): Float64Array[] {
  const numeric = table.numericNames.length > 0 ? new NumericFeaturizer(table.numericNames.length) : undefined;
  return table.numeric.map((values, i) => {
    const numericBlock = numeric?.next(values);
    if (!table.text) return numericBlock!;
    const text = featurize({ text: table.text[i]!, history: [] }).vector;
    if (!numericBlock) return text;
    const out = new Float64Array(text.length + numericBlock.length - 1);
    out.set(text);
    out.set(numericBlock.subarray(1), text.length);
    return out;
  });
}
