import { parseConfig, type Config, type ConfigInput } from '../../shared/config';

type IndicatorInput = ConfigInput['indicators'][number];
type NodeInput = ConfigInput['nodes'][number];

/** Bed occupancy, ambulance handovers and A&E four-hour performance, with their component counts. */
export const WINTER_INDICATORS: IndicatorInput[] = [
  { id: 'beds_occupied', label: 'G&A beds occupied', unit: 'beds', better: 'lower', period: '1h', aggregate: 'sum', detectors: [] },
  { id: 'beds_open', label: 'G&A beds open', unit: 'beds', better: 'higher', period: '1h', aggregate: 'sum', detectors: [] },
  {
    id: 'occupancy', label: 'G&A bed occupancy', unit: 'ratio', better: 'lower', period: '1h',
    ratio: { numerator: 'beds_occupied', denominator: 'beds_open' },
    capability: 0.92, potentiality: 0.85, thresholds: { alert: 0.95, crisis: 0.99, clear: 0.94 }, detectors: ['threshold'],
  },
  {
    id: 'handover_over_60', label: 'Ambulance handovers over 60 minutes', unit: 'handovers', better: 'lower', period: '1h', aggregate: 'sum',
    thresholds: {
      unit: { alert: 6, crisis: 15, clear: 4 },
      district: { alert: 15, crisis: 35, clear: 10 },
      region: { alert: 40, crisis: 90, clear: 30 },
      national: { alert: 120, crisis: 250, clear: 90 },
    },
    detectors: ['threshold'],
  },
  { id: 'ae_attendances', label: 'A&E attendances', unit: 'patients', better: 'lower', period: '1h', aggregate: 'sum', detectors: [] },
  { id: 'ae_within_4h', label: 'A&E patients seen within 4 hours', unit: 'patients', better: 'higher', period: '1h', aggregate: 'sum', detectors: [] },
  {
    id: 'ae_4h', label: 'A&E 4-hour performance', unit: 'share', better: 'higher', period: '1h',
    ratio: { numerator: 'ae_within_4h', denominator: 'ae_attendances' },
    capability: 0.78, potentiality: 0.95, thresholds: { alert: 0.7, crisis: 0.6, clear: 0.72 }, detectors: ['threshold', 'cyberstride'],
  },
];

/** A small network for the end-to-end run: two regions, three districts, five units. */
export function smallNetwork(overrides: Partial<ConfigInput> = {}): Config {
  const nodes: NodeInput[] = [
    { id: 'ENG', name: 'England', level: 'national' },
    { id: 'NW', name: 'North West', level: 'region', parent: 'ENG' },
    { id: 'LON', name: 'London', level: 'region', parent: 'ENG' },
    { id: 'GM', name: 'Greater Manchester', level: 'district', parent: 'NW' },
    { id: 'CM', name: 'Cheshire and Merseyside', level: 'district', parent: 'NW' },
    { id: 'NCL', name: 'North Central London', level: 'district', parent: 'LON' },
    { id: 'MAN', name: 'Manchester Royal', level: 'unit', parent: 'GM' },
    { id: 'SAL', name: 'Salford General', level: 'unit', parent: 'GM' },
    { id: 'LIV', name: 'Liverpool University', level: 'unit', parent: 'CM' },
    { id: 'CAM', name: 'Camden Royal', level: 'unit', parent: 'NCL' },
    { id: 'BAR', name: 'Barnet General', level: 'unit', parent: 'NCL' },
  ];
  return parseConfig({
    name: 'End-to-end network (two-second windows)',
    levels: ['national', 'region', 'district', 'unit'],
    allowances: { unit: '2s', district: '2s', region: '2s' },
    publicRead: true,
    indicators: WINTER_INDICATORS,
    nodes,
    ...overrides,
  });
}

/** NHS England's shape: 7 regions, their 42 integrated care boards, and 150 trusts (names of places, invented trusts). */
const REGIONS: Array<[string, string, Array<[string, string]>]> = [
  ['NEY', 'North East and Yorkshire', [['North East and North Cumbria', 'Newcastle'], ['Humber and North Yorkshire', 'Hull'], ['South Yorkshire', 'Sheffield'], ['West Yorkshire', 'Leeds']]],
  ['NW', 'North West', [['Cheshire and Merseyside', 'Liverpool'], ['Greater Manchester', 'Manchester'], ['Lancashire and South Cumbria', 'Preston']]],
  ['MID', 'Midlands', [['Birmingham and Solihull', 'Birmingham'], ['Black Country', 'Wolverhampton'], ['Coventry and Warwickshire', 'Coventry'], ['Derby and Derbyshire', 'Derby'], ['Herefordshire and Worcestershire', 'Worcester'], ['Leicester, Leicestershire and Rutland', 'Leicester'], ['Lincolnshire', 'Lincoln'], ['Northamptonshire', 'Northampton'], ['Nottingham and Nottinghamshire', 'Nottingham'], ['Shropshire, Telford and Wrekin', 'Shrewsbury'], ['Staffordshire and Stoke-on-Trent', 'Stoke']]],
  ['EOE', 'East of England', [['Bedfordshire, Luton and Milton Keynes', 'Luton'], ['Cambridgeshire and Peterborough', 'Cambridge'], ['Hertfordshire and West Essex', 'Watford'], ['Mid and South Essex', 'Basildon'], ['Norfolk and Waveney', 'Norwich'], ['Suffolk and North East Essex', 'Ipswich']]],
  ['LON', 'London', [['North Central London', 'Camden'], ['North East London', 'Barking'], ['North West London', 'Ealing'], ['South East London', 'Lewisham'], ['South West London', 'Kingston']]],
  ['SE', 'South East', [['Buckinghamshire, Oxfordshire and Berkshire West', 'Oxford'], ['Frimley', 'Frimley'], ['Hampshire and Isle of Wight', 'Southampton'], ['Kent and Medway', 'Maidstone'], ['Surrey Heartlands', 'Guildford'], ['Sussex', 'Brighton']]],
  ['SW', 'South West', [['Bath, Swindon and Wiltshire', 'Swindon'], ['Bristol, North Somerset and South Gloucestershire', 'Bristol'], ['Cornwall and the Isles of Scilly', 'Truro'], ['Devon', 'Exeter'], ['Dorset', 'Dorchester'], ['Gloucestershire', 'Gloucester'], ['Somerset', 'Taunton']]],
];
const TRUSTS = ['General', 'Royal', 'University', 'Community'];

export function nhsShapedNodes(): NodeInput[] {
  const nodes: NodeInput[] = [{ id: 'ENG', name: 'England', level: 'national' }];
  let district = 0;
  for (const [regionId, regionName, districts] of REGIONS) {
    nodes.push({ id: regionId, name: regionName, level: 'region', parent: 'ENG' });
    for (const [districtName, place] of districts) {
      const districtId = `ICB${String(district + 1).padStart(2, '0')}`;
      nodes.push({ id: districtId, name: districtName, level: 'district', parent: regionId });
      // 3 or 4 trusts each: 42 × 3 + 24 = 150.
      const trusts = district % 7 < 4 ? 4 : 3;
      for (let t = 0; t < trusts; t += 1) nodes.push({ id: `${districtId}-${t + 1}`, name: `${place} ${TRUSTS[t]}`, level: 'unit', parent: districtId });
      district += 1;
    }
  }
  return nodes;
}

export function nhsShapedNetwork(overrides: Partial<ConfigInput> = {}): Config {
  return parseConfig({
    name: 'NHS England (shape only)',
    levels: ['national', 'region', 'district', 'unit'],
    allowances: { unit: '2h', district: '2h', region: '3h' },
    publicRead: true,
    indicators: WINTER_INDICATORS,
    nodes: nhsShapedNodes(),
    ...overrides,
  });
}
