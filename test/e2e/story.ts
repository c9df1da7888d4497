import { nhsShapedNodes } from './networks';
import type { Trouble } from './winter';

const unitNamed = (name: string): string => {
  const unit = nhsShapedNodes().find((node) => node.name === name && node.level === 'unit');
  if (!unit) throw new Error(`no unit named ${name}`);
  return unit.id;
};

/**
 * A bad winter afternoon on the NHS-shaped network (allowances: unit 2 h, district 2 h, region 3 h),
 * seen 40 minutes past the hour: signals at every stage of their climb.
 */
export const STORY: { troubles: Trouble[]; minutesPastTheHour: number } = {
  minutesPastTheHour: 40,
  troubles: [
    // Climbed unit → district → region → national: held at the top, no window left.
    { unit: unitNamed('Lewisham Royal'), sinceHours: 7, figures: { handovers: 9 } },
    // Unit → district → region; the region has 1 h 20 m of its 3 h left.
    { unit: unitNamed('Leeds Royal'), sinceHours: 5, figures: { occupancy: 0.972 } },
    // Unit → district, 20 m left there.
    { unit: unitNamed('Bristol University'), sinceHours: 3, figures: { occupancy: 0.961 } },
    // Just passed to the district.
    { unit: unitNamed('Norwich Royal'), sinceHours: 2, figures: { ae4h: 0.66 } },
    // Crisis: skips the unit's window, held by the district, every ancestor told at once.
    { unit: unitNamed('Manchester General'), sinceHours: 1, figures: { handovers: 19 } },
    // Still the unit's own to settle.
    { unit: unitNamed('Camden Royal'), sinceHours: 1, figures: { ae4h: 0.67 } },
    { unit: unitNamed('Exeter General'), sinceHours: 0, figures: { handovers: 8 } },
    // A lasting improvement the forecaster is sure of: a bright spot, told to every level at once.
    { unit: unitNamed('Truro Royal'), sinceHours: 3, figures: { ae4h: 0.94 } },
  ],
};
