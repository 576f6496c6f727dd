import { setting } from './setting.js';
import { flag, fraction, wholeNumber } from './value-types.js';

/**
 * Settings of the autonomous optimizer (README, "Optimizer"). How sure a deployment must be and how
 * far a canary may fall are CONFIDENCE_THRESHOLD and RISK_TOLERANCE, from the profile.
 */
export const OPTIMIZER_SETTINGS = {
  OPTIMIZER_ENABLED: setting({ type: flag, default: true, description: 'Whether the optimizer tunes the bandit on its own (admins can still run it with /optimizer run).' }),
  OPTIMIZER_INTERVAL_HOURS: setting({ type: wholeNumber({ min: 1 }), default: 24, description: 'A community with new rewards is tuned at least this often.' }),
  OPTIMIZER_AFTER_REWARDS: setting({ type: wholeNumber({ min: 1 }), default: 1000, description: '…and as soon as this many rewards closed since its last run.' }),
  OPTIMIZER_MIN_REWARDS: setting({ type: wholeNumber({ min: 10 }), default: 300, description: 'Fewest rewarded requests a community needs before it is tuned.' }),
  OPTIMIZER_MAX_LOGS: setting({ type: wholeNumber({ min: 100 }), default: 20000, description: 'Most recent rewarded requests one run evaluates candidates on.' }),
  OPTIMIZER_TRIALS: setting({ type: wholeNumber({ min: 5 }), default: 30, description: 'Candidates (Bayesian optimization trials) one run evaluates.' }),
  OPTIMIZER_CANARY_SHARE: setting({
    type: fraction({ aboveZero: true, belowOne: true, example: 0.1 }),
    default: 0.1,
    description: 'Share of members a new configuration is tried on first.',
  }),
  OPTIMIZER_CANARY_MIN_REQUESTS: setting({
    type: wholeNumber({ min: 10 }),
    default: 200,
    description: 'Canary requests needed before the tolerance rule may roll it back (a clearly worse canary goes at once).',
  }),
  OPTIMIZER_CANARY_MAX_DAYS: setting({ type: wholeNumber({ min: 1 }), default: 7, description: 'A canary with no clear result by then ends; control stays.' }),
};
