import { z } from 'zod';

// The detectors' settings, parsed where the configuration is parsed (shared/config.ts), so a bad one
// stops the start with its field named rather than failing every reading. The detectors parse them
// again over their defaults (server/domain/detectors/*/settings.ts).

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

/** An indicator's `cyberstride` settings (Harrison–Stevens); every field optional over the detector's defaults. */
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
/** West & Harrison's m0, C0, n0, d0, as the detector keeps it. */
export type CyberstrideInitial = z.output<typeof initialSchema>;

/** An indicator's `spc` settings (Making Data Count); every field optional over the detector's defaults. */
export const spcSettingsSchema = z.strictObject({
  /** Points (from the start, and from each rebase) that set the mean and limits. */
  baseline: z.number().int().min(2).max(1000).optional(),
  /** 0-based period indices (missing periods counted) where a new baseline starts. */
  rebase: z.array(z.number().int().min(0)).optional(),
  /** The streaming detector stays silent until its baseline has this many points. */
  minimumPoints: z.number().int().min(2).max(1000).optional(),
  /** Leave moving ranges above 3.267 × their mean out of the limits (Making Data Count). */
  screenOutliers: z.boolean().optional(),
  /** Points in a run on one side of the mean, and in a rising or falling trend. */
  runLength: z.number().int().min(2).max(50).optional(),
  trendLength: z.number().int().min(3).max(50).optional(),
  /** Target for the assurance verdict. */
  target: z.number().optional(),
});
