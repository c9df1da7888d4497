import { useEffect, useMemo, useRef, useState } from 'react';
import type { IndicatorInfo } from '../../shared/api';
import type { WhatifJob } from '../../shared/contract/planning';
import { cancelWhatif, fetchLivePolicy, fetchWhatif, startWhatif } from '../net/api';
import { levelOf, nameOf, type Hierarchy } from '../state/hierarchy';
import { headline, levelBars, liveAllowances, liveThresholdWords, policyFromDraft, spanWords, thresholdsFromDraft, windowText, type AllowanceDraft, type ThresholdDraft } from '../state/whatif';
import { useElementSize } from './useElementSize';
import { WhatifChart } from './WhatifChart';
import { WhatifDifferences } from './WhatifDifferences';

interface Props {
  token: string | null;
  tree: Hierarchy;
  indicators: IndicatorInfo[];
  /** The span offered first: the week up to the moment replayed, within the log. */
  from: number;
  to: number;
  onClose(): void;
}

const POLL_MS = 500;
const liveBounds = (config: Record<string, unknown> | undefined, indicator: string) => {
  const words = config ? liveThresholdWords(config, indicator) : null;
  return words ? `; live ${words}` : '';
};
/** `datetime-local` reads and writes UTC here: the room's times are UTC, and so is the span sent. */
const toInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const fromInput = (text: string) => Date.parse(`${text}:00Z`);

/**
 * What if the windows had been other: pick a span and change a level's window; the server reruns the
 * span's logged inputs under both policies in a sandbox, and the two runs are shown side by side.
 */
export function WhatifPanel({ token, tree, indicators, from, to, onClose }: Props) {
  const [span, setSpan] = useState({ from: toInput(from), to: toInput(to) });
  const [live, setLive] = useState<{ version: number; allowances: Record<string, number>; config: Record<string, unknown> } | null>(null);
  const [draft, setDraft] = useState<AllowanceDraft>({});
  const judged = useMemo(() => indicators.filter((indicator) => indicator.detectors.includes('threshold')), [indicators]);
  const [bounds, setBounds] = useState<ThresholdDraft>({ indicator: judged[0]?.id ?? '', alert: '', crisis: '' });
  const chosen = judged.find((indicator) => indicator.id === bounds.indicator);
  const [job, setJob] = useState<WhatifJob | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(frame);
  const levelsUp = useMemo(() => [...tree.levels].reverse(), [tree.levels]);

  useEffect(() => {
    let current = true;
    fetchLivePolicy(token)
      .then((policy) => current && setLive({ version: policy.version, allowances: liveAllowances(policy.config), config: policy.config }))
      .catch((error: Error) => current && setProblem(`Could not read the live policy: ${error.message}`));
    return () => {
      current = false;
    };
  }, [token]);

  // A job: its progress every half second until it is done, failed or cancelled.
  const running = job?.status === 'running' ? job.id : null;
  useEffect(() => {
    if (running === null) return;
    const timer = setInterval(() => {
      fetchWhatif(token, running).then(setJob, (error: Error) => setProblem(error.message));
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [running, token]);

  const run = () => {
    setProblem(null);
    const thresholds = chosen ? thresholdsFromDraft(bounds, chosen.better) : ({ ok: true, thresholds: null } as const);
    if (!thresholds.ok) return setProblem(`${chosen!.label}, ${thresholds.field} bound: ${thresholds.message}`);
    const check = policyFromDraft(draft, live?.allowances ?? {}, tree.levels, chosen ? { indicator: chosen.id, bounds: thresholds.thresholds } : undefined);
    if (!check.ok) return setProblem(`Window at the ${check.level}: ${check.message}`);
    const [start, end] = [fromInput(span.from), fromInput(span.to)];
    if (!(start < end)) return setProblem('The span must end after it starts.');
    setJob(null);
    startWhatif(token, { from: new Date(start).toISOString(), to: new Date(end).toISOString(), policy: check.policy }).then(setJob, (error: Error) => setProblem(error.message));
  };

  const result = job?.status === 'done' ? job.result : undefined;
  const labelOf = (id: string) => indicators.find((indicator) => indicator.id === id)?.label ?? id;
  return (
    <section className="whatif-panel" role="dialog" aria-labelledby="whatif-title" data-testid="whatif-panel">
      <header className="whatif-head">
        <h2 id="whatif-title">What if…</h2>
        <button type="button" className="action small" onClick={onClose}>
          Close
        </button>
      </header>
      <form
        className="whatif-form"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <fieldset>
          <legend>Span (UTC) · {spanWords(fromInput(span.from), fromInput(span.to))}</legend>
          <label>
            From <input type="datetime-local" value={span.from} onChange={(event) => setSpan({ ...span, from: event.target.value })} required />
          </label>
          <label>
            To <input type="datetime-local" value={span.to} onChange={(event) => setSpan({ ...span, to: event.target.value })} required />
          </label>
        </fieldset>
        <fieldset>
          <legend>Allowance windows{live ? ` (live policy version ${live.version})` : ''}</legend>
          {levelsUp.slice(0, -1).map((level) => (
            <label key={level}>
              {`Window at the ${level}`}{' '}
              <input
                type="text"
                inputMode="text"
                size={6}
                value={draft[level] ?? ''}
                placeholder={windowText(live?.allowances[level]) || 'none'}
                onChange={(event) => setDraft({ ...draft, [level]: event.target.value })}
              />
              <span className="muted"> live {windowText(live?.allowances[level]) || 'none'}</span>
            </label>
          ))}
        </fieldset>
        {judged.length > 0 && (
          <fieldset>
            <legend>Thresholds, for every level (blank keeps the live ones)</legend>
            <label>
              Indicator{' '}
              <select value={bounds.indicator} onChange={(event) => setBounds({ ...bounds, indicator: event.target.value })}>
                {judged.map((indicator) => (
                  <option key={indicator.id} value={indicator.id}>
                    {indicator.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Alert <input type="text" inputMode="decimal" size={7} value={bounds.alert} onChange={(event) => setBounds({ ...bounds, alert: event.target.value })} />
            </label>
            <label>
              Crisis <input type="text" inputMode="decimal" size={7} value={bounds.crisis} onChange={(event) => setBounds({ ...bounds, crisis: event.target.value })} />
            </label>
            {chosen && <span className="muted">{`in ${chosen.unit || 'its own units'}; ${chosen.better} is better${liveBounds(live?.config, chosen.id)}`}</span>}
          </fieldset>
        )}
        <div className="whatif-actions">
          <button type="submit" className="action" disabled={running !== null || token === null}>
            Run what-if
          </button>
          {token === null && <span className="muted">Sign in to run a what-if (any token: it reruns the log, which costs the server work).</span>}
          {running !== null && (
            <>
              <progress max={1} value={job?.progress ?? 0} aria-label="What-if progress" />
              <button type="button" className="action small" onClick={() => cancelWhatif(token, running).then(setJob, (error: Error) => setProblem(error.message))}>
                Cancel
              </button>
            </>
          )}
        </div>
      </form>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      {job?.status === 'failed' && <p className="problem" role="alert">The what-if failed: {job.error}</p>}
      {job?.status === 'cancelled' && <p className="muted">Cancelled.</p>}
      <div ref={frame} className="whatif-result" aria-live="polite">
        {result && (
          <>
            <p className="whatif-headline" data-testid="whatif-headline">
              {headline(result, tree.levels)}
            </p>
            <p className="muted">
              Against live policy version {result.liveVersion}; {result.inputs} logged inputs rerun in {Math.round(result.elapsedMs)} ms.{' '}
              <span className="whatif-key live">■ live</span> <span className="whatif-key whatif">■ what-if</span>
            </p>
            <WhatifChart bars={levelBars(result, tree.levels)} width={width} />
            <WhatifDifferences job={job!.id} result={result} tree={tree} indicators={indicators} words={{ nameOf: (id) => nameOf(tree, id), labelOf, levelOf: (id) => levelOf(tree, id), levels: tree.levels }} />
          </>
        )}
      </div>
    </section>
  );
}
