/**
 * The kind of request, guessed from its text. Simulated providers have a latent quality per
 * kind, and the featurizer gives the kind to the bandit as a one-hot block, so the router can
 * learn "Gemini for maths, Claude for long-form" style rules from very little data.
 */
export const REQUEST_KINDS = ['code', 'maths', 'chit-chat', 'long-form', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

const CODE = /```|\b(function|python|javascript|typescript|java|rust|golang|sql|regex|compile[sd]?|bug|stack ?trace|exception|refactor|api|json|class|method|variable|code|script|npm|git|docker)\b|=>|\bdef\s|\{\s*$/im;
const MATHS = /\d+(\.\d+)?\s*[-+*/×÷^]\s*\d+|\b(solve|equation|integral|derivative|probability|prove|theorem|calculate|compute|sum of|percent(age)?|math(s|ematics)?|algebra|geometry|matrix|fraction|square root|prime)\b/i;
const LONG_FORM = /\b(essay|story|article|blog post|explain in detail|write (a|an) (long|detailed)|summari[sz]e|report|poem|letter|cover letter|outline|chapter)\b/i;
const CHIT_CHAT = /^(hi|hello|hey|yo|thanks|thank you|good (morning|night|evening)|how are you|what'?s up|lol|haha|gm|gn)\b|\b(joke|how are you|your name|who are you|bored|favorite|favourite)\b/i;

export function classifyRequest(text: string): RequestKind {
  const t = text.trim();
  if (CODE.test(t)) return 'code';
  if (MATHS.test(t)) return 'maths';
  if (LONG_FORM.test(t) || t.length > 600) return 'long-form';
  if (CHIT_CHAT.test(t) || t.length < 25) return 'chit-chat';
  return 'other';
}
