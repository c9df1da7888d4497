export { spcChart, type SpcChart, type SpcPoint } from './chart';
export { spcDetector, type SpcState } from './detector';
export { assuranceOf, limitsOf, type Assurance, type Limits } from './limits';
export { rulesEndingAt, verdictOf, type RuleHits, type RuleName, type Side } from './rules';
export { defaultSpcSettings, parseSpcSettings, spcSettingsSchema, type SpcSettings } from './settings';
