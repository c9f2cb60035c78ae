import { useEffect, useRef } from 'react';

/**
 * Calls `tick` now and every `ms` while the component is mounted and the window is visible; a
 * hidden window costs nothing (IPFS Desktop polls while hidden and burns CPU when idle). `null`
 * stops it, for work that only ticks while something runs.
 */
export function useVisibleInterval(tick: () => void, ms: number | null): void {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  }, [tick]);
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const sync = () => {
      clearInterval(timer);
      timer = undefined;
      if (ms !== null && document.visibilityState === 'visible') {
        latest.current();
        timer = setInterval(() => latest.current(), ms);
      }
    };
    sync();
    document.addEventListener('visibilitychange', sync);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', sync);
    };
  }, [ms]);
}
