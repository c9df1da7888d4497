import { z } from 'zod';

const probability = z.number().gt(0).lt(1);
const discount = z.number().gt(0).max(1);

const priorsSchema = z
  .strictObject({ standard: probability, outlier: probability, step: probability, slope: probability })
  .refine((p) => Math.abs(p.standard + p.outlier + p.step + p.slope - 1) < 1e-6, {
    message: 'the four prior probabilities must add up to 1',
  });

/** West & Harrison's m0, C0 = diag(levelVariance, slopeVariance), n0, d0. Without it the series initialises itself. */
const initialSchema = z.strictObject({
  level: z.number(),
  slope: z.number(),
  levelVariance: z.number().positive(),
  slopeVariance: z.number().positive(),
  n: z.number().positive(),
  d: z.number().positive(),
});

export const cyberstrideSettingsSchema = z.strictObject({
  /** Prior probability of each hypothesis in every period (W&H's π). */
  priors: priorsSchema.optional(),
  /** Discount factors of the standard model. */
  discount: z.strictObject({ level: discount, growth: discount }).optional(),
  /** Level discount of the level-change model. */
  stepDiscount: discount.optional(),
  /** Growth discount of the slope-change model. */
  slopeDiscount: discount.optional(),
  /** The outlier model multiplies the observation variance by this. */
  outlierVariance: z.number().gt(1).optional(),
  /** Variance discount β (W&H 10.8): 1 = constant variance; below 1 lets the noise level drift. */
  varianceDiscount: z.number().gt(0).max(1).optional(),
  initial: initialSchema.optional(),
  /** Observations used to initialise level, slope and scale when `initial` is not given. */
  warmup: z.number().int().min(3).max(50).optional(),
  /** Retrospective probability of a step or slope change needed to report a lasting change (two or more values on). */
  changeProbability: probability.optional(),
  /** The same, one value on: higher, since a two-value excursion still looks like a change then (the look back decides those). */
  promptProbability: probability.optional(),
  /** A lasting improvement is reported only when the model is at least this sure. */
  improvementProbability: probability.optional(),
  /** Probability (one period back) of an outlier needed to label it one. */
  outlierProbability: probability.optional(),
  /** How many observations back a surprise is re-judged as more values come in (1: only the next one). */
  lookBack: z.number().int().min(1).max(12).optional(),
  /** A value is a surprise when the posterior probability of the standard model falls below this. */
  surprise: probability.optional(),
  /** A change this close (in observations) after the last reported one is taken as part of it. */
  minGap: z.number().int().min(1).max(50).optional(),
  /** Coverage of the forecast interval. */
  interval: z.number().gt(0).lt(1).optional(),
});

export type CyberstrideSettingsInput = z.input<typeof cyberstrideSettingsSchema>;

export interface CyberstrideSettings {
  priors: { standard: number; outlier: number; step: number; slope: number };
  discount: { level: number; growth: number };
  stepDiscount: number;
  slopeDiscount: number;
  outlierVariance: number;
  varianceDiscount: number;
  initial: z.infer<typeof initialSchema> | null;
  warmup: number;
  changeProbability: number;
  promptProbability: number;
  improvementProbability: number;
  outlierProbability: number;
  lookBack: number;
  surprise: number;
  minGap: number;
  interval: number;
}

/**
 * Defaults meant to work on any series without tuning. Against West & Harrison's CP6 settings: rarer
 * changes a priori (0.5 % a period, not 8 %: long series would otherwise cry wolf), a steadier
 * standard model (its adaptation comes mostly from the mixture), a slowly drifting noise level
 * (β = 0.97), and the prior taken from the series itself (`warmup`).
 */
export const defaultCyberstrideSettings: CyberstrideSettings = {
  priors: { standard: 0.985, outlier: 0.01, step: 0.004, slope: 0.001 },
  discount: { level: 0.98, growth: 0.99 },
  stepDiscount: 0.01,
  slopeDiscount: 0.01,
  outlierVariance: 100,
  varianceDiscount: 0.97,
  initial: null,
  warmup: 6,
  changeProbability: 0.5,
  promptProbability: 0.8,
  improvementProbability: 0.5,
  outlierProbability: 0.5,
  lookBack: 4,
  surprise: 0.8,
  minGap: 5,
  interval: 0.9,
};

/** West & Harrison's four-model settings for the CP6 sales series (ch. 12). */
export const westHarrisonSettings: CyberstrideSettingsInput = {
  priors: { standard: 0.85, outlier: 0.07, step: 0.05, slope: 0.03 },
  discount: { level: 0.9, growth: 0.9 },
  stepDiscount: 0.01,
  slopeDiscount: 0.01,
  outlierVariance: 100,
  varianceDiscount: 1,
  initial: { level: 600, slope: 10, levelVariance: 10000, slopeVariance: 25, n: 10, d: 1440 },
  promptProbability: 0.5,
  lookBack: 1,
};

/** Parse an indicator's `cyberstride` settings over the defaults; throws with every problem named. */
export function parseCyberstrideSettings(raw: unknown): CyberstrideSettings {
  const parsed = cyberstrideSettingsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`);
    throw new Error(`invalid cyberstride settings: ${problems.join('; ')}`);
  }
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...defaultCyberstrideSettings, ...defined } as CyberstrideSettings;
}
