export { cyberstrideDetector, directionOf, settingsFor, type CyberstrideDetectorState } from './detector';
export { runCyberstride, type CyberstridePeriod, type CyberstrideRun } from './batch';
export { advance, initialState, type CyberstrideState, type FilterStep, type Verdict } from './filter';
export {
  cyberstrideSettingsSchema, defaultCyberstrideSettings, parseCyberstrideSettings, westHarrisonSettings,
  type CyberstrideSettings, type CyberstrideSettingsInput,
} from './settings';
export { HYPOTHESES, type HypothesisName } from './multiprocess';
