/**
 * Colours as non-premultiplied 8-bit RGBA; chart specs spell them '#rrggbb' (or '#rrggbbaa')
 * so that they can come straight from JSON or a command's options.
 */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0 (transparent) … 255 (opaque). */
  a: number;
}

export function parseColor(hex: string): Rgba {
  const match = /^#([0-9a-f]{6}|[0-9a-f]{8}|[0-9a-f]{3})$/i.exec(hex.trim());
  if (!match) throw new Error(`not a '#rrggbb' colour: ${JSON.stringify(hex)}`);
  let digits = match[1]!;
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  const value = (offset: number): number => parseInt(digits.slice(offset, offset + 2), 16);
  return { r: value(0), g: value(2), b: value(4), a: digits.length === 8 ? value(6) : 255 };
}

/** The same colour with its opacity multiplied by `alpha` (0…1). */
export function withAlpha(color: Rgba, alpha: number): Rgba {
  return { ...color, a: Math.round(color.a * Math.min(1, Math.max(0, alpha))) };
}
