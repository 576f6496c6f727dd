/**
 * Default series colours: the Okabe–Ito set, distinguishable under the common colour-vision
 * deficiencies. Reordered so the first few stay strong on a white background; the pale yellow
 * comes last because thin lines in it nearly vanish on white.
 */
export const DEFAULT_PALETTE: readonly string[] = [
  '#0072b2', // blue
  '#d55e00', // vermillion
  '#009e73', // bluish green
  '#cc79a7', // reddish purple
  '#e69f00', // orange
  '#56b4e9', // sky blue
  '#000000', // black
  '#f0e442', // yellow
];

export function paletteColor(index: number): string {
  return DEFAULT_PALETTE[index % DEFAULT_PALETTE.length]!;
}
