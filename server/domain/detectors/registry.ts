import type { DetectorId } from '../../../shared/config';
import type { Detector } from './types';
import { thresholdDetector } from './threshold';

const detectors: Partial<Record<DetectorId, Detector<unknown>>> = {
  threshold: thresholdDetector as Detector<unknown>,
};

/** The detector of that id, or undefined while it is not built in. */
export const detectorFor = (id: DetectorId): Detector<unknown> | undefined => detectors[id];
