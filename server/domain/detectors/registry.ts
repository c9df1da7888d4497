import type { DetectorId } from '../../../shared/config';
import { cyberstrideDetector } from './cyberstride';
import { spcDetector } from './spc';
import { thresholdDetector } from './threshold';
import type { Detector } from './types';

const detectors: Record<DetectorId, Detector<unknown>> = {
  threshold: thresholdDetector as Detector<unknown>,
  cyberstride: cyberstrideDetector as Detector<unknown>,
  spc: spcDetector as Detector<unknown>,
};

export const detectorFor = (id: DetectorId): Detector<unknown> => detectors[id];

/** Whose forecast band the charts draw when an indicator runs several detectors. */
export const FORECAST_PREFERENCE: readonly DetectorId[] = ['cyberstride', 'spc'];
