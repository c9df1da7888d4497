/**
 * What the bench measures inside the page, installed before the room's own scripts run. It runs in
 * the browser, so it is self-contained (playwright serialises the function).
 *
 * First render: navigation start → the first animation frame in which the map shows its regions
 * (the focus and at least 7 cells with a `data-node`) with the live marks on them (one not
 * "normal"): the national view drawn and lit. Then, for `seconds`, every animation frame is counted,
 * and every long task (PerformanceObserver 'longtask', > 50 ms) that starts after first render.
 */
export interface ProbeResult {
  firstRenderMs: number;
  frames: number;
  seconds: number;
  longTasks: number[];
  /** Long tasks before first render (loading, first layout), for the record. */
  longTasksBefore: number[];
  domElements: number;
  runningAnimations: number;
}

export interface ProbeWindow {
  __bench?: { result?: ProbeResult; firstRenderMs?: number };
}

export function installProbe(seconds: number): void {
  const bench: { result?: ProbeResult; firstRenderMs?: number } = {};
  (window as unknown as ProbeWindow).__bench = bench;
  const tasks: Array<{ start: number; duration: number }> = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  const rendered = () => {
    const cells = document.querySelectorAll('[data-testid="recursion-map"] [data-node]');
    if (cells.length < 8) return false;
    for (const cell of cells) if ((cell.getAttribute('data-state') ?? 'normal') !== 'normal') return true;
    return false;
  };

  const measure = (from: number) => {
    let frames = 0;
    const count = (at: number) => {
      if (at - from < seconds * 1000) {
        frames += 1;
        requestAnimationFrame(count);
        return;
      }
      bench.result = {
        firstRenderMs: from,
        frames,
        seconds: (at - from) / 1000,
        longTasks: tasks.filter((task) => task.start >= from).map((task) => task.duration),
        longTasksBefore: tasks.filter((task) => task.start < from).map((task) => task.duration),
        domElements: document.getElementsByTagName('*').length,
        runningAnimations: document.getAnimations().filter((animation) => animation.playState === 'running').length,
      };
    };
    requestAnimationFrame(count);
  };

  const waitForRender = () => {
    if (rendered()) {
      const at = performance.now();
      bench.firstRenderMs = at;
      measure(at);
    } else requestAnimationFrame(waitForRender);
  };
  requestAnimationFrame(waitForRender);
}

/** The ceiling: an empty page counting animation frames for the same time, in the same browser. */
export function installCeiling(seconds: number): void {
  const bench: { result?: ProbeResult } = {};
  (window as unknown as ProbeWindow).__bench = bench;
  let frames = 0;
  let from = -1;
  const count = (at: number) => {
    if (from < 0) from = at;
    if (at - from < seconds * 1000) {
      frames += 1;
      requestAnimationFrame(count);
      return;
    }
    bench.result = { firstRenderMs: 0, frames, seconds: (at - from) / 1000, longTasks: [], longTasksBefore: [], domElements: 0, runningAnimations: 0 };
  };
  requestAnimationFrame(count);
}
