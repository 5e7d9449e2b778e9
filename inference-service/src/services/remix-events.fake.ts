import type { RemixEvent, RemixEventSource } from './remix-events';

/** The in-memory RemixEventSource: a test (or MemoryRemixQueue) emits, the stream service listens. */
export class MemoryRemixEvents implements RemixEventSource {
  private readonly listeners = new Map<string, Set<(e: RemixEvent) => void>>();
  private readonly moves = new Set<() => void>();

  subscribe(id: string, listener: (e: RemixEvent) => void): () => void {
    const set = this.listeners.get(id) ?? new Set();
    set.add(listener);
    this.listeners.set(id, set);
    return () => set.delete(listener);
  }

  onQueueMoved(listener: () => void): () => void {
    this.moves.add(listener);
    return () => this.moves.delete(listener);
  }

  emit(id: string, event: RemixEvent): void {
    for (const l of [...(this.listeners.get(id) ?? [])]) l(event);
  }

  moved(): void {
    for (const l of [...this.moves]) l();
  }

  /** Listeners of one remix (a closed stream leaves none) plus queue listeners. */
  count(id: string): number {
    return (this.listeners.get(id)?.size ?? 0) + this.moves.size;
  }
}
