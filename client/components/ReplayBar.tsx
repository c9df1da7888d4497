import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { Timeline } from '../../shared/contract/planning';
import { fetchTimeline } from '../net/api';
import { escalationAfter, escalationBefore, instantAt, landingOf, playStep, replayedWords, spanFraction, speedsFor } from '../state/replay';
import { ReplayDensity } from './ReplayDensity';
import { WhatifPanel } from './WhatifPanel';
import type { IndicatorInfo } from '../../shared/api';
import type { Hierarchy } from '../state/hierarchy';
import { useElementSize } from './useElementSize';

interface Props {
  token: string | null;
  tree: Hierarchy;
  indicators: IndicatorInfo[];
  at: number;
  /** The room above still shows another moment: the one asked for is being rebuilt on the server. */
  pending: boolean;
  onMove(at: number, how: 'push' | 'replace'): void;
  onLeave(): void;
}

/** The span a what-if offers first: the week up to the moment replayed. */
const WEEK_MS = 7 * 86_400_000;

/** How often play moves the position: four times a second, each step asking for one moment. */
const PLAY_STEP_MS = 250;

/**
 * Under the replayed room: the density of escalations over the log's span, a cursor to drag, play and
 * pause at speeds from real time to the whole span in a minute, and steps to the previous or next
 * escalation. The room above is fed the state at the cursor by the same reducer as the live room.
 */
export function ReplayBar({ token, tree, indicators, at, pending, onMove, onLeave }: Props) {
  const [whatif, setWhatif] = useState(false);
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [playing, setPlaying] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(frame);
  const from = timeline?.from ? Date.parse(timeline.from) : at;
  const to = timeline?.to ? Math.max(Date.parse(timeline.to), from) : at;
  const speeds = useMemo(() => speedsFor(to - from), [from, to]);
  const [speedId, setSpeedId] = useState<string | null>(null);
  const speed = speeds.find((s) => s.id === speedId) ?? speeds.find((s) => s.id === (to - from > 7 * 86_400_000 ? 'day' : 'hour'))!;

  useEffect(() => {
    let current = true;
    fetchTimeline(token, 300)
      .then((answer) => current && setTimeline(answer))
      .catch((error: Error) => current && setProblem(error.message));
    return () => {
      current = false;
    };
  }, [token]);

  // A moment outside the log (a hand-typed URL, or Replay pressed before the room knew its clock) moves to its nearest end.
  useEffect(() => {
    if (timeline?.from && timeline.to && (at < from || at > to)) onMove(Math.min(to, Math.max(from, at)), 'replace');
  }, [timeline, at, from, to, onMove]);

  // Play: the position moves on by the speed times the real time gone by, and stops at the end of the log.
  const position = useRef(at);
  position.current = at;
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      const step = playStep(position.current, speed.factor, now - last, to);
      last = now;
      onMove(step.at, 'replace');
      if (step.ended) setPlaying(false);
    }, PLAY_STEP_MS);
    return () => clearInterval(timer);
  }, [playing, speed.factor, to, onMove]);

  const escalations = timeline?.escalations ?? [];
  const before = escalationBefore(escalations, at);
  const after = escalationAfter(escalations, at);
  const dragging = useRef(false);
  const moveTo = (event: PointerEvent<HTMLDivElement>, how: 'push' | 'replace') => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) onMove(instantAt((event.clientX - box.left) / box.width, from, to), how);
  };

  return (
    <section className="replay-bar" aria-label="Replay" aria-busy={pending} data-testid="replay-bar">
      <div className="replay-controls">
        <p className="replay-when" role="status" aria-live="polite" data-testid="replay-when">
          <span className="replay-badge">Replay</span> {replayedWords(at)}
          {pending && <span className="replay-pending muted"> · reading that moment…</span>}
        </p>
        <button type="button" className="action small" disabled={before === null} onClick={() => before && onMove(landingOf(before), 'push')} title={before ? `to ${before.to} at ${replayedWords(Date.parse(before.at))}` : 'no earlier escalation'}>
          « Previous escalation
        </button>
        <button type="button" className="action small" aria-pressed={playing} disabled={at >= to && !playing} onClick={() => setPlaying(!playing)}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <label className="replay-speed">
          <span className="muted">Speed </span>
          <select value={speed.id} onChange={(event) => setSpeedId(event.target.value)}>
            {speeds.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="action small" disabled={after === null} onClick={() => after && onMove(landingOf(after), 'push')} title={after ? `to ${after.to} at ${replayedWords(Date.parse(after.at))}` : 'no later escalation'}>
          Next escalation »
        </button>
        <button type="button" className="action small" aria-expanded={whatif} onClick={() => setWhatif(!whatif)}>
          What if…
        </button>
        <button type="button" className="action small replay-leave" onClick={onLeave}>
          Back to live
        </button>
      </div>
      <div
        className="replay-track"
        ref={frame}
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(event, 'replace');
        }}
        onPointerMove={(event) => dragging.current && moveTo(event, 'replace')}
        onPointerUp={() => (dragging.current = false)}
        data-testid="replay-track"
      >
        {timeline && <ReplayDensity timeline={timeline} width={width} cursor={spanFraction(at, from, to)} />}
      </div>
      <input
        className="replay-slider"
        type="range"
        aria-label="Replay position"
        aria-valuetext={replayedWords(at)}
        min={from}
        max={to}
        step={60_000}
        value={Math.min(to, Math.max(from, at))}
        onChange={(event) => onMove(Number(event.target.value), 'replace')}
      />
      {problem && (
        <p className="problem" role="alert">
          Could not read the timeline: {problem}
        </p>
      )}
      {whatif && timeline && <WhatifPanel token={token} tree={tree} indicators={indicators} from={Math.max(from, at - WEEK_MS)} to={Math.max(at, Math.min(to, from + WEEK_MS))} onClose={() => setWhatif(false)} />}
    </section>
  );
}
