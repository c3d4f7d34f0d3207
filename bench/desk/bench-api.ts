/** What the bench desk page exposes on `window.bench` for bench/sync.bench.ts to drive. */
export interface BenchApi {
  signIn(username: string, password: string): Promise<void>;
  /** Pull everything after the stored cursor; counts what arrived and how long it took. */
  pull(): Promise<{ records: number; declarations: number; ms: number }>;
  /** Save `count` declarations through the desk's own save path (record + outbox entry). */
  seedOutbox(count: number): Promise<void>;
  /** Push the whole outbox; `tripMs` sums the requests' round trips as the desk saw them. */
  push(): Promise<{ applied: number; rejected: number; flagged: number; ms: number; requests: number; tripMs: number }>;
  /** How many declarations HQ holds for the port (its day report over the bench's dates). */
  hqCount(): Promise<number>;
  /** Dexie bulkPut of the pulled declarations into a scratch database, in pull-sized pages. */
  dexieLimit(): Promise<{ records: number; pageSize: number; ms: number }>;
}
