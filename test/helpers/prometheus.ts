/** One sample of the Prometheus text format: `name{label="value",…} number`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)(?: \\d+)?$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
const COMMENT = new RegExp(`^# (HELP|TYPE) (${NAME})(?: (.*))?$`);
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
// Prometheus reads floats as Go's ParseFloat does: NaN and Inf in any case (prom-client writes `Nan`).
const SPECIAL: Record<string, number> = { nan: NaN, '+inf': Infinity, inf: Infinity, '-inf': -Infinity };
const number = (text: string) => (text.toLowerCase() in SPECIAL ? SPECIAL[text.toLowerCase()]! : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : NaN);

/**
 * A strict reader of the Prometheus text exposition format (0.0.4): every line is a HELP or TYPE
 * comment or a sample; every sample belongs to a family declared with a known TYPE. Throws naming
 * the first line that is not.
 */
export function parsePrometheus(text: string): Sample[] {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    const fail = (why: string) => {
      throw new Error(`line ${index + 1} ${why}: ${line}`);
    };
    const comment = COMMENT.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE' && !TYPES.has(comment[3] ?? '')) fail('has an unknown TYPE');
      if (comment[1] === 'TYPE') types.set(comment[2]!, comment[3]!);
      return;
    }
    const match = SAMPLE.exec(line);
    if (!match) return fail('is not a sample');
    const [, name, labelText = '', valueText] = match as unknown as [string, string, string | undefined, string];
    const value = number(valueText);
    if (Number.isNaN(value) && valueText.toLowerCase() !== 'nan') fail('has a value that is not a number');
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count|total)$/, '');
    if (!types.has(family)) fail('belongs to no declared family');
    const labels: Record<string, string> = {};
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < labelText.length) {
      const label = LABEL.exec(labelText);
      if (!label) return fail('has malformed labels');
      labels[label[1]!] = label[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name, labels, value });
  });
  return samples;
}

/** The sum of the samples named `name` whose labels include `labels`. */
export function sumOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
