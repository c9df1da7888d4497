import type { Reading } from '../../shared/api';
import { parseConfig, type Config, type ConfigInput } from '../../shared/config';
import { hashKey, mulberry32 } from '../sim/prng';

type NodeInput = ConfigInput['nodes'][number];

/**
 * A generated NHS-shaped network of any size, for the UI bench and the map's end-to-end test:
 * England, its 7 regions, 42 districts named as ICBs are ("NHS Hertfordshire and West Essex
 * Integrated Care Board"), and `units` units under them in uneven numbers, with names of every
 * length a real list has ("Leeds Royal Infirmary", "University Hospitals of North Midlands NHS Trust",
 * "The Queen Elizabeth Hospital, Kings Lynn, NHS Foundation Trust"), each with an ODS-like code.
 */
const REGIONS: Array<[id: string, name: string, districts: string[]]> = [
  ['Y63', 'North East and Yorkshire', ['North East and North Cumbria', 'Humber and North Yorkshire', 'South Yorkshire', 'West Yorkshire']],
  ['Y62', 'North West', ['Cheshire and Merseyside', 'Greater Manchester', 'Lancashire and South Cumbria']],
  ['Y60', 'Midlands', ['Birmingham and Solihull', 'Black Country', 'Coventry and Warwickshire', 'Derby and Derbyshire', 'Herefordshire and Worcestershire',
    'Leicester, Leicestershire and Rutland', 'Lincolnshire', 'Northamptonshire', 'Nottingham and Nottinghamshire', 'Shropshire, Telford and Wrekin', 'Staffordshire and Stoke-on-Trent']],
  ['Y61', 'East of England', ['Bedfordshire, Luton and Milton Keynes', 'Cambridgeshire and Peterborough', 'Hertfordshire and West Essex', 'Mid and South Essex', 'Norfolk and Waveney', 'Suffolk and North East Essex']],
  ['Y56', 'London', ['North Central London', 'North East London', 'North West London', 'South East London', 'South West London']],
  ['Y59', 'South East', ['Buckinghamshire, Oxfordshire and Berkshire West', 'Frimley', 'Hampshire and Isle of Wight', 'Kent and Medway', 'Surrey Heartlands', 'Sussex']],
  ['Y58', 'South West', ['Bath and North East Somerset, Swindon and Wiltshire', 'Bristol, North Somerset and South Gloucestershire', 'Cornwall and the Isles of Scilly', 'Devon', 'Dorset', 'Gloucestershire', 'Somerset']],
];

const TOWNS = [
  'Barnsley', 'Bolton', 'Bradford', 'Burton', 'Bury', 'Calderdale', 'Carlisle', 'Chesterfield', 'Chorley', 'Darlington', 'Doncaster', 'Durham',
  'Gateshead', 'Grimsby', 'Halifax', 'Harrogate', 'Hull', 'Huddersfield', 'Kendal', 'Lancaster', 'Leeds', 'Liverpool', 'Macclesfield', 'Manchester',
  'Middlesbrough', 'Newcastle', 'Northallerton', 'Oldham', 'Preston', 'Rochdale', 'Rotherham', 'Salford', 'Scarborough', 'Sheffield', 'Southport',
  'Stockport', 'Sunderland', 'Tameside', 'Wakefield', 'Warrington', 'Whitehaven', 'Wigan', 'Wirral', 'York', 'Birmingham', 'Coventry', 'Derby',
  'Dudley', 'Hereford', 'Kettering', 'Leicester', 'Lincoln', 'Mansfield', 'Northampton', 'Nottingham', 'Shrewsbury', 'Stafford', 'Stoke-on-Trent',
  'Telford', 'Walsall', 'Warwick', 'Wolverhampton', 'Worcester', 'Basildon', 'Bedford', 'Cambridge', 'Colchester', 'Harlow', 'Ipswich', 'Kings Lynn',
  'Luton', 'Norwich', 'Peterborough', 'Southend', 'Stevenage', 'Watford', 'Barking', 'Barnet', 'Croydon', 'Ealing', 'Enfield', 'Hillingdon',
  'Homerton', 'Kingston', 'Lewisham', 'Newham', 'Whittington', 'Ashford', 'Basingstoke', 'Brighton', 'Canterbury', 'Chichester', 'Crawley',
  'Eastbourne', 'Frimley', 'Guildford', 'Maidstone', 'Milton Keynes', 'Oxford', 'Portsmouth', 'Reading', 'Southampton', 'Wexham', 'Winchester',
  'Barnstaple', 'Bath', 'Bournemouth', 'Bristol', 'Cheltenham', 'Dorchester', 'Exeter', 'Gloucester', 'Plymouth', 'Poole', 'Salisbury', 'Swindon',
  'Taunton', 'Torbay', 'Truro', 'Weston-super-Mare', 'Yeovil', 'Isle of Wight', 'North Tees', 'South Tyneside', 'West Suffolk', 'East Kent',
];
const SAINTS = ['Helens', 'Georges', 'Thomas', 'Marys', 'Richards', 'Peters', 'Michaels', 'Lukes', 'Bartholomews', 'Margarets'];

/** Name patterns, short to long: sites, services, and trusts as NHS England writes them. */
const PATTERNS: Array<(a: string, b: string, saint: string) => string> = [
  (a) => `${a} General`,
  (a) => `${a} Royal Infirmary`,
  (a) => `${a} Walk-in Centre`,
  (a, _b, saint) => `St ${saint} Hospital, ${a}`,
  (a) => `${a} Minor Injuries Unit`,
  (a) => `${a} Community Health Services`,
  (a) => `${a} Teaching Hospitals NHS Foundation Trust`,
  (a, b) => `${a} and ${b} NHS Trust`,
  (a) => `University Hospitals of ${a} NHS Trust`,
  (a, b) => `${a} and ${b} Hospitals NHS Foundation Trust`,
  (a) => `The Queen Elizabeth Hospital, ${a}, NHS Foundation Trust`,
];

export const LARGE_LEVELS = ['national', 'region', 'district', 'unit'];

/** The districts' ids in order, e.g. "QD01". */
const districtId = (index: number) => `QD${String(index + 1).padStart(2, '0')}`;
/** An ODS-like code for the n-th unit: "R" and three letters or digits. */
export const unitCode = (index: number) => `R${index.toString(36).toUpperCase().padStart(3, '0')}`;

export function largeNetworkNodes(units: number, seed = 2022): NodeInput[] {
  const next = mulberry32(seed);
  const nodes: NodeInput[] = [{ id: 'ENG', name: 'England', level: 'national' }];
  const districts: string[] = [];
  for (const [regionId, regionName, names] of REGIONS) {
    nodes.push({ id: regionId, name: regionName, level: 'region', parent: 'ENG' });
    for (const name of names) {
      const id = districtId(districts.length);
      districts.push(id);
      nodes.push({ id, name: `NHS ${name} Integrated Care Board`, level: 'district', parent: regionId });
    }
  }
  // Uneven districts, as real ones are: each gets a weight between 0.5 and 1.5, and units go where the weight is most behind.
  const weights = districts.map(() => 0.5 + next());
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const given = districts.map(() => 0);
  const used = new Set<string>();
  for (let u = 0; u < units; u += 1) {
    let at = 0;
    for (let d = 1; d < districts.length; d += 1) if (weights[d]! / total - given[d]! / (u + 1) > weights[at]! / total - given[at]! / (u + 1)) at = d;
    given[at]! += 1;
    nodes.push({ id: unitCode(u), name: uniqueName(next, used), level: 'unit', parent: districts[at]! });
  }
  return nodes;
}

function uniqueName(next: () => number, used: Set<string>): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  for (let attempt = 0; ; attempt += 1) {
    const a = pick(TOWNS);
    let b = pick(TOWNS);
    if (b === a) b = TOWNS[(TOWNS.indexOf(a) + 1) % TOWNS.length]!;
    const name = pick(PATTERNS)(a, b, pick(SAINTS));
    // A big network runs out of combinations: number the site, as a trust numbers its sites.
    const shown = attempt < 12 ? name : `${name} (site ${attempt - 10})`;
    if (!used.has(shown)) {
      used.add(shown);
      return shown;
    }
  }
}

/**
 * G&A bed occupancy, ambulance handovers and A&E 4-hour performance, hourly. The handover bounds of
 * a district, region and England grow with the units they answer for (a unit's usual figure is
 * about 3, its alert bound 6); silence is not judged, as the bench posts round the network.
 */
export function largeIndicators(units: number): ConfigInput['indicators'] {
  const bounds = (perUnit: number) => ({ alert: Math.round(5 * perUnit), crisis: Math.round(7.5 * perUnit), clear: Math.round(4.5 * perUnit) });
  return [
    { id: 'beds_occupied', label: 'G&A beds occupied', unit: 'beds', better: 'lower', period: '1h', aggregate: 'sum', detectors: [], noReport: false },
    { id: 'beds_open', label: 'G&A beds open', unit: 'beds', better: 'higher', period: '1h', aggregate: 'sum', detectors: [], noReport: false },
    {
      id: 'occupancy', label: 'G&A bed occupancy', unit: 'ratio', better: 'lower', period: '1h', noReport: false,
      ratio: { numerator: 'beds_occupied', denominator: 'beds_open' },
      capability: 0.92, potentiality: 0.85, thresholds: { alert: 0.95, crisis: 0.99, clear: 0.94 }, detectors: ['threshold'],
    },
    {
      id: 'handover_over_60', label: 'Ambulance handovers over 60 minutes', unit: 'handovers', better: 'lower', period: '1h', aggregate: 'sum', noReport: false,
      thresholds: { unit: { alert: 6, crisis: 15, clear: 4 }, district: bounds(units / 42), region: bounds(units / 7), national: bounds(units) },
      detectors: ['threshold'],
    },
    { id: 'ae_attendances', label: 'A&E attendances', unit: 'patients', better: 'lower', period: '1h', aggregate: 'sum', detectors: [], noReport: false },
    { id: 'ae_within_4h', label: 'A&E patients seen within 4 hours', unit: 'patients', better: 'higher', period: '1h', aggregate: 'sum', detectors: [], noReport: false },
    {
      id: 'ae_4h', label: 'A&E 4-hour performance', unit: 'share', better: 'higher', period: '1h', noReport: false,
      ratio: { numerator: 'ae_within_4h', denominator: 'ae_attendances' },
      capability: 0.78, potentiality: 0.95, thresholds: { alert: 0.7, crisis: 0.6, clear: 0.72 }, detectors: ['threshold'],
    },
  ];
}

export function largeNetwork(units: number, overrides: Partial<ConfigInput> = {}): Config {
  return parseConfig({
    name: `Generated NHS-shaped network (${units.toLocaleString('en-GB')} units)`,
    levels: LARGE_LEVELS,
    allowances: { unit: '2h', district: '2h', region: '3h' },
    publicRead: true,
    indicators: largeIndicators(units),
    nodes: largeNetworkNodes(units),
    ...overrides,
  });
}

/** What a troubled unit posts instead of its usual figures. */
export type Trouble = 'alert' | 'crisis';

/** About one unit in 40 over its occupancy bound, one in 160 in a handover crisis: the same units every run. */
export function troubleOf(unit: string): Trouble | null {
  const roll = hashKey('trouble', unit) % 160;
  if (roll === 0) return 'crisis';
  return roll % 40 === 1 ? 'alert' : null;
}

/** A troubled unit's figures overriding the simulator's: occupancy at 96.5 % (over the alert bound), or handovers past the crisis bound. */
export function troubled(readings: readonly Reading[]): Reading[] {
  const bedsOpen = new Map(readings.filter((reading) => reading.indicator === 'beds_open').map((reading) => [reading.unit, reading.value]));
  return readings.map((reading) => {
    const trouble = troubleOf(reading.unit);
    const open = bedsOpen.get(reading.unit);
    if (trouble === 'alert' && reading.indicator === 'beds_occupied' && open !== undefined) return { ...reading, value: Math.round(open * 0.965) };
    if (trouble === 'crisis' && reading.indicator === 'handover_over_60') return { ...reading, value: 22 };
    return reading;
  });
}
