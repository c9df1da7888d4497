import { cyberstrideSettingsSchema, type CyberstrideInitial, type CyberstrideSettingsInput } from '../../../../shared/detector-settings';

export { cyberstrideSettingsSchema, type CyberstrideSettingsInput };

export interface CyberstrideSettings {
  priors: { standard: number; outlier: number; step: number; slope: number };
  discount: { level: number; growth: number };
  stepDiscount: number;
  slopeDiscount: number;
  outlierVariance: number;
  varianceDiscount: number;
  initial: CyberstrideInitial | null;
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
