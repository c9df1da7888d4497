/**
 * ODS publishes organisation names in capitals ("THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS
 * FOUNDATION TRUST"). `personName` writes them as a person would ("The Queen Elizabeth Hospital,
 * King's Lynn, NHS Foundation Trust"); the published form is kept beside it (`publishedName`).
 */

/** Acronyms with a vowel in them, kept in capitals (those with none, such as NHS or GP, are kept anyway). */
const ACRONYMS = new Set([
  'NHS', 'ICB', 'ICS', 'CCG', 'STP', 'PCT', 'CSU', 'UK', 'GP', 'UTC', 'UCC', 'MIU', 'OOH', 'WIC', 'CIC', 'UEC', 'EA', 'DHU', 'NEMS', 'WAM', 'AE',
]);

/** Words with no vowel that are abbreviations, not acronyms. */
const ABBREVIATIONS: Record<string, string> = { ST: 'St', LTD: 'Ltd', CTR: 'Ctr', DR: 'Dr', MR: 'Mr', MRS: 'Mrs' };

/** Small words written in lower case inside a name ("Isle of Wight", "Stockton-on-Tees", "Weston-super-Mare"). */
const SMALL = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'upon', 'at', 'by', 'to', 'with', 'under', 'super', 'a', 'an']);

const WORD = /[A-Za-z0-9]+(?:'[A-Za-z0-9]*)*/g;

/** The first word of the name, or of a part in brackets or after a dash set off by spaces, starts with a capital. */
function startsPhrase(before: string): boolean {
  return before.trim() === '' || /\(\s*$/.test(before) || /\s[-–:]\s+$/.test(before);
}

function capitalised(word: string): string {
  // O'Neill, D'Arcy: a name after a one-letter prefix keeps its capital.
  const prefixed = /^([OD])'([A-Z])(.*)$/.exec(word);
  if (prefixed) return `${prefixed[1]}'${prefixed[2]}${prefixed[3]!.toLowerCase()}`;
  return word.charAt(0) + word.slice(1).toLowerCase();
}

function writeWord(word: string, phraseStart: boolean): string {
  const bare = word.replace(/'.*$/, '');
  if (ACRONYMS.has(bare)) return word;
  if (ABBREVIATIONS[bare] !== undefined && bare === word) return ABBREVIATIONS[bare]!;
  // A single letter (the C of "C.I.C", the A of "A&E") or a word with no vowel (NHS, GP, PHL) is an acronym.
  const letters = word.replace(/'/g, '');
  if ((letters.length === 1 || /^[B-DF-HJ-NP-TV-XZ0-9]+$/.test(letters)) && /[A-Z]/.test(letters)) return word;
  const lower = word.toLowerCase();
  if (!phraseStart && SMALL.has(lower)) return lower;
  return capitalised(word);
}

/**
 * A name as a person writes it. Only a name in capitals is rewritten: one that already has lower-case
 * letters (the ICB names, "NHS Greater Manchester Integrated Care Board") is returned as it is.
 */
export function personName(published: string): string {
  const name = published.trim().replace(/\s+/g, ' ');
  if (/[a-z]/.test(name)) return name;
  return name.replace(WORD, (word, offset: number) => writeWord(word, startsPhrase(name.slice(0, offset))));
}
