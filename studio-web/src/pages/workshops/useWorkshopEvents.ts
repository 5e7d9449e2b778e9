import { useEffect, useRef, useState } from 'react';

/**
 * A workshop's server-sent events (gallery-api routes/workshops/events.ts): `onChange` runs on each one, and once
 * when the stream (re)connects, so a page never misses what happened while it was away. Nothing polls.
 */
export function useWorkshopEvents(url: string | null, onChange: () => void): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    const changed = () => latest.current();
    source.addEventListener('ready', () => {
      setLive(true);
      changed();
    });
    for (const type of ['submission', 'decision', 'pupils', 'workshop']) source.addEventListener(type, changed);
    source.onerror = () => setLive(false);
    return () => {
      source.close();
      setLive(false);
    };
  }, [url]);
  return live;
}
