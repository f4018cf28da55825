import { MultiBar, Presets } from 'cli-progress';
import type { ImportProgress } from '../gtfs/schedule-types';

/**
 * One bar per stage of an import, on stderr, fed the same way whether the import runs here or on a
 * server. Without a terminal (a log, a CI job) bars would not draw: each stage gets a line when it
 * is done instead.
 */
export function progressBars(): { onProgress: ImportProgress; stop(): void } {
  if (!process.stderr.isTTY) return stageLines();
  const bars = new MultiBar(
    { format: ' {phase} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const phases = new Map<string, ReturnType<MultiBar['create']>>();
  return {
    onProgress(phase, done, total) {
      const label = phase.padEnd(14);
      let bar = phases.get(phase);
      if (!bar) phases.set(phase, (bar = bars.create(total ?? done, done, { phase: label })));
      if (total === null && done > bar.getTotal()) bar.setTotal(done);
      bar.update(done, { phase: label });
    },
    stop: () => bars.stop(),
  };
}

function stageLines(): { onProgress: ImportProgress; stop(): void } {
  const done = new Set<string>();
  return {
    onProgress(phase, count, total) {
      const finished = total !== null || phase === 'storing';
      if (!finished || done.has(phase)) return;
      done.add(phase);
      process.stderr.write(` ${phase.padEnd(14)} ${total === null ? '…' : `${count}/${total}`}\n`);
    },
    stop: () => undefined,
  };
}
