import { spcSettingsSchema } from '../../../../shared/detector-settings';

export { spcSettingsSchema };

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
