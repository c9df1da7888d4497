import { personName } from '../../scripts/nhs/names';

describe('ODS names as a person writes them', () => {
  it.each([
    ["THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST", "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust"],
    // "and", "of", "the", "for", "upon" in lower case inside a name; St for Saint.
    ["GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Guy's and St Thomas' NHS Foundation Trust"],
    ['ISLE OF WIGHT NHS TRUST', 'Isle of Wight NHS Trust'],
    ['EAST OF ENGLAND AMBULANCE SERVICE NHS TRUST', 'East of England Ambulance Service NHS Trust'],
    ['GREAT ORMOND STREET HOSPITAL FOR CHILDREN NHS FOUNDATION TRUST', 'Great Ormond Street Hospital for Children NHS Foundation Trust'],
    ['THE NEWCASTLE UPON TYNE HOSPITALS NHS FOUNDATION TRUST', 'The Newcastle upon Tyne Hospitals NHS Foundation Trust'],
    ['TEES, ESK AND WEAR VALLEYS NHS FOUNDATION TRUST', 'Tees, Esk and Wear Valleys NHS Foundation Trust'],
    // Apostrophes.
    ["ALDER HEY CHILDREN'S NHS FOUNDATION TRUST", "Alder Hey Children's NHS Foundation Trust"],
    ["BIRMINGHAM WOMEN'S AND CHILDREN'S NHS FOUNDATION TRUST", "Birmingham Women's and Children's NHS Foundation Trust"],
    ["O'NEILL HOUSE SURGERY", "O'Neill House Surgery"],
    // Hyphenated names: each part capitalised, small words inside in lower case.
    ['NORTH TEES AND HARTLEPOOL HOSPITAL, STOCKTON-ON-TEES', 'North Tees and Hartlepool Hospital, Stockton-on-Tees'],
    ['WESTON-SUPER-MARE WALK-IN CENTRE', 'Weston-super-Mare Walk-in Centre'],
    ['ASHFORD WALK-IN-CENTRE', 'Ashford Walk-in-Centre'],
    // ODS-style acronyms kept: NHS, ICB, GP, UTC, UCC, MIU, OOH, WIC, CIC, letters with full stops, words with no vowel.
    ['NHS SOUTH EAST LONDON ICB', 'NHS South East London ICB'],
    ['ERDINGTON GP HEALTH & WELLBEING WIC', 'Erdington GP Health & Wellbeing WIC'],
    ['BECKENHAM BEACON UCC', 'Beckenham Beacon UCC'],
    ['ROSSENDALE MIU & OOH', 'Rossendale MIU & OOH'],
    ['EAST BERKS PRIMARY CARE OOH(WAM)', 'East Berks Primary Care OOH(WAM)'],
    ['DHU HEALTH CARE C.I.C', 'DHU Health Care C.I.C'],
    ['FIRST COMMUNITY HEALTH AND CARE CIC', 'First Community Health and Care CIC'],
    ['PHL LYMINGTON UTC', 'PHL Lymington UTC'],
    ['BADGER LTD', 'Badger Ltd'],
    ['MARKET HARBOROUGH MED.CTR', 'Market Harborough Med.Ctr'],
    // The first word after a spaced dash or a bracket is capitalised, even a small one.
    ['LLR EA - THE MERLYN VAZ HEALTH & SOCIAL CARE CENTRE', 'LLR EA - The Merlyn Vaz Health & Social Care Centre'],
    ['HERTS URGENT CARE (ASCOTS LANE)', 'Herts Urgent Care (Ascots Lane)'],
    ['2GETHER NHS FOUNDATION TRUST', '2gether NHS Foundation Trust'],
    // A name that already has lower case is left as it is (the ICB names), spacing tidied.
    ['NHS Greater Manchester Integrated Care Board', 'NHS Greater Manchester Integrated Care Board'],
    ['  ROYAL  FREE LONDON NHS FOUNDATION TRUST ', 'Royal Free London NHS Foundation Trust'],
  ])('%s → %s', (published, written) => {
    expect(personName(published)).toBe(written);
  });
});
