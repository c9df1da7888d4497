/** A CPU profile as Chrome DevTools' Profiler.stop returns it (the fields the summary reads). */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }>;
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export interface HotSpot {
  name: string;
  selfMs: number;
  /** Self time of the function and everything it called. */
  totalMs: number;
}

/** Every function's self and total time, as DevTools' bottom-up view adds them up. */
function timesOf(profile: CpuProfile): HotSpot[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfOf = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i += 1) selfOf.set(samples[i]!, (selfOf.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const keyOf = (id: number) => {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    const file = url.split('/').pop() ?? '';
    return `${functionName || '(anonymous)'} ${file}${file ? `:${lineNumber + 1}:${columnNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of selfOf) {
    self.set(keyOf(id), (self.get(keyOf(id)) ?? 0) + ms);
    // Every distinct function on the stack is charged once for this time.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const key = keyOf(at);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }
  return [...total].map(([name, totalMs]) => ({ name, selfMs: self.get(name) ?? 0, totalMs }));
}

/** The functions that took the most time themselves. */
export const hotSpots = (profile: CpuProfile, top = 20): HotSpot[] => timesOf(profile).sort((a, b) => b.selfMs - a.selfMs).slice(0, top);

/** The functions under which the most time was spent, for "who called the slow thing". */
export const heaviestTotals = (profile: CpuProfile, top = 20): HotSpot[] => timesOf(profile).sort((a, b) => b.totalMs - a.totalMs).slice(0, top);

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Where the renderer's main thread spent its time, by trace event (Layout, Paint, UpdateLayoutTree,
 * FunctionCall…): top-level "complete" events only, so nested ones are not counted twice.
 */
export function mainThreadTime(trace: { traceEvents: TraceEvent[] }, top = 15): Array<{ name: string; ms: number; count: number }> {
  const main = trace.traceEvents.find((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  if (!main) return [];
  const events = trace.traceEvents.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined);
  const byName = new Map<string, { ms: number; count: number }>();
  for (const event of events) {
    const known = byName.get(event.name) ?? { ms: 0, count: 0 };
    known.ms += event.dur! / 1000;
    known.count += 1;
    byName.set(event.name, known);
  }
  return [...byName].map(([name, { ms, count }]) => ({ name, ms, count })).sort((a, b) => b.ms - a.ms).slice(0, top);
}
