import { z } from 'zod';

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

export interface SpcSettings {
  baseline: number;
  rebase: number[];
  minimumPoints: number;
  screenOutliers: boolean;
  runLength: number;
  trendLength: number;
  target: number | null;
}

export const defaultSpcSettings: SpcSettings = {
  baseline: 20,
  rebase: [],
  minimumPoints: 15,
  screenOutliers: true,
  runLength: 7,
  trendLength: 7,
  target: null,
};

/** Parse an indicator's `spc` settings over the defaults; throws with every problem named. */
export function parseSpcSettings(raw: unknown): SpcSettings {
  const parsed = spcSettingsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`);
    throw new Error(`invalid spc settings: ${problems.join('; ')}`);
  }
  const defined = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const settings = { ...defaultSpcSettings, ...defined } as SpcSettings;
  return { ...settings, rebase: [...settings.rebase].sort((a, b) => a - b), minimumPoints: Math.min(settings.minimumPoints, settings.baseline) };
}
