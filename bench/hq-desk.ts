import { Agent } from 'node:http';
import { PROTOCOL_VERSION, ROUTES, sessionSchema } from '../shared/index';
import type { DeclarationCreate } from './hq-drafts';
import { type Answer, jsonBytes, postJson } from './hq-http';
import { BENCH_PASSWORD, type DeskPlan } from './hq-setup';

/**
 * One simulated desk of bench:hq: its own officer, device id and HTTP connections
 * (a keep-alive agent of its own, so 50 desks are 50 clients to HQ). Every request body
 * is serialised before the timed part, so the bench's own CPU during the run is little
 * more than sockets and reading answers.
 *
 * The desk pushes its batches one after another, as the desk's outbox does, and now and
 * then sends again what it already sent, as a desk does that lost an answer:
 * - `resend`: the batch just answered, again (its answer never arrived);
 * - `part`: a run of mutations out of an earlier batch (an outbox entry whose answer was
 *   not stored locally);
 * - `echo`: the same batch a second time WHILE the first is still at HQ, over a second
 *   connection (the desk gave up waiting and retried; HQ got both).
 * Every resend must come back `replayed: true` with the seq of the first answer, and
 * each mutation must be applied by exactly one of its deliveries.
 */
export type SendKind = 'fresh' | 'resend' | 'part' | 'echo';

export interface Send {
  kind: SendKind;
  /** The mutations [from, to) of the desk's list. */
  from: number;
  to: number;
  body: Buffer;
}

/** Sends of one step go out together; the next step waits for all their answers. */
export type Step = Send[];

export interface ReplayMix {
  /** Chance, after a batch, that it is sent again in full. */
  resend: number;
  /** Chance, after a batch, that a run of up to a quarter batch out of an earlier one is sent again. */
  part: number;
  /** Chance that a batch goes out twice at once. */
  echo: number;
}

export const DEFAULT_REPLAY_MIX: ReplayMix = { resend: 0.1, part: 0.1, echo: 0.08 };

function bodyOf(deviceId: string, texts: readonly string[], from: number, to: number): Buffer {
  // The mutations were serialised one by one: a slice of them is joined, not serialised again.
  return Buffer.from(`{"protocolVersion":${PROTOCOL_VERSION},"deviceId":"${deviceId}","mutations":[${texts.slice(from, to).join(',')}]}`);
}

export function planSteps(deviceId: string, mutations: readonly DeclarationCreate[], batch: number, mix: ReplayMix, random: () => number): Step[] {
  const texts = mutations.map((m) => JSON.stringify(m));
  const steps: Step[] = [];
  const batches: { from: number; to: number; body: Buffer }[] = [];
  for (let from = 0; from < texts.length; from += batch) {
    const to = Math.min(texts.length, from + batch);
    const current = { from, to, body: bodyOf(deviceId, texts, from, to) };
    batches.push(current);
    const fresh: Send = { kind: 'fresh', ...current };
    steps.push(random() < mix.echo ? [fresh, { ...fresh, kind: 'echo' }] : [fresh]);
    const roll = random();
    if (roll < mix.resend) {
      steps.push([{ kind: 'resend', ...current }]);
    } else if (roll < mix.resend + mix.part) {
      const earlier = batches[Math.floor(random() * batches.length)] ?? current;
      const size = earlier.to - earlier.from;
      const length = 1 + Math.floor(random() * Math.max(1, Math.floor(size / 4)));
      const start = earlier.from + Math.floor(random() * (size - length + 1));
      steps.push([{ kind: 'part', from: start, to: start + length, body: bodyOf(deviceId, texts, start, start + length) }]);
    }
  }
  return steps;
}

export interface DeskTally {
  /** Mutations answered `applied` by a first delivery (replayed: false). */
  applied: number;
  flagged: number;
  /** Mutations HQ answered `rejected` (any delivery). */
  rejected: number;
  /** Requests that failed (network, non-200); each was tried again. */
  httpFailures: number;
  /** Answers that broke exactly-once: a resend not `replayed`, a changed seq, a mutation applied twice or never. */
  wrongAnswers: number;
  /** Mutations sent again (resend, part, echo) and their answers that said replayed. */
  resent: number;
  replayedAnswers: number;
  requests: number;
  /** Access tokens renewed with the refresh token after a 401. */
  refreshes: number;
  /** Round trip of each request, ms. */
  tripsMs: number[];
  /** Problems by kind: how many, and the first one's text. */
  problems: Map<string, { count: number; example: string }>;
  finishedAt: number;
}

const MAX_ATTEMPTS = 5;

export class BenchDesk {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 2 });
  readonly #base: URL;
  #token: string | null = null;
  #refreshToken: string | null = null;
  #refreshing: Promise<boolean> | null = null;
  /** Seq of each mutation's first answer (0: none yet), and how many deliveries applied it. */
  readonly #seqs: Float64Array;
  readonly #appliedBy: Uint8Array;
  readonly #wasRejected: Uint8Array;

  constructor(
    readonly plan: DeskPlan,
    hqUrl: string,
    /** The id of each mutation, in the desk's order. */
    readonly mutationIds: readonly string[],
    readonly steps: readonly Step[],
  ) {
    this.#base = new URL(hqUrl);
    this.#seqs = new Float64Array(mutationIds.length);
    this.#appliedBy = new Uint8Array(mutationIds.length);
    this.#wasRejected = new Uint8Array(mutationIds.length);
  }

  async signIn(): Promise<void> {
    const body = jsonBytes({ username: this.plan.username, password: BENCH_PASSWORD, deviceId: this.plan.deviceId });
    const answer = await postJson(this.#agent, this.#base, ROUTES.login, body, null);
    if (answer.status !== 200) throw new Error(`desk ${this.plan.index}: sign-in ${answer.status} ${answer.text.slice(0, 300)}`);
    const session = sessionSchema.parse(JSON.parse(answer.text));
    this.#token = session.accessToken;
    this.#refreshToken = session.refreshToken;
  }

  /**
   * A new access token for the desk's refresh token, as the desk does when HQ says 401
   * (access tokens last 15 minutes). One at a time: refresh tokens rotate, and HQ treats
   * a used one sent again as stolen.
   */
  #refresh(usedToken: string | null): Promise<boolean> {
    if (this.#token !== usedToken) return Promise.resolve(true);
    this.#refreshing ??= this.#renew().finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #renew(): Promise<boolean> {
    const body = jsonBytes({ refreshToken: this.#refreshToken, deviceId: this.plan.deviceId });
    const answer = await postJson(this.#agent, this.#base, ROUTES.refresh, body, null);
    if (answer.status !== 200) return false;
    const session = sessionSchema.parse(JSON.parse(answer.text));
    this.#token = session.accessToken;
    this.#refreshToken = session.refreshToken;
    return true;
  }

  /** What HQ answered so far (read for progress while the desk runs). */
  readonly tally: DeskTally = {
    applied: 0,
    flagged: 0,
    rejected: 0,
    httpFailures: 0,
    wrongAnswers: 0,
    resent: 0,
    replayedAnswers: 0,
    requests: 0,
    refreshes: 0,
    tripsMs: [],
    problems: new Map(),
    finishedAt: 0,
  };

  /** Pushes every step in order; resolves with what HQ answered. */
  async run(): Promise<DeskTally> {
    const { tally } = this;
    for (const step of this.steps) await Promise.all(step.map((send) => this.#deliver(send, tally)));
    this.#appliedBy.forEach((count, i) => {
      // Never applied but rejected: counted as rejected already.
      if (count === 1 || (count === 0 && this.#wasRejected[i] === 1)) return;
      tally.wrongAnswers++;
      note(tally, 'applied count', `mutation ${i} applied by ${count} deliveries`);
    });
    tally.finishedAt = performance.now();
    return tally;
  }

  close(): void {
    this.#agent.destroy();
  }

  async #deliver(send: Send, tally: DeskTally): Promise<void> {
    if (send.kind !== 'fresh') tally.resent += send.to - send.from;
    let hasRefreshed = false;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      const token = this.#token;
      let answer: Answer | null = null;
      try {
        answer = await postJson(this.#agent, this.#base, ROUTES.push, send.body, token);
      } catch (error) {
        note(tally, 'network', `push ${send.kind} [${send.from},${send.to}) attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}`);
      }
      tally.requests++;
      tally.tripsMs.push(performance.now() - started);
      if (answer?.status === 200) {
        this.#check(send, answer.text, tally);
        return;
      }
      // An expired access token is routine for a desk: refresh it and send again, once.
      if (answer?.status === 401 && !hasRefreshed && (await this.#refresh(token))) {
        hasRefreshed = true;
        tally.refreshes++;
        attempt--;
        continue;
      }
      tally.httpFailures++;
      if (answer !== null) note(tally, `HTTP ${answer.status}`, `push ${send.kind} [${send.from},${send.to}) attempt ${attempt}: ${answer.text.slice(0, 200)}`);
      if (attempt >= MAX_ATTEMPTS) return;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }

  #check(send: Send, text: string, tally: DeskTally): void {
    const { results } = JSON.parse(text) as { results: { index: number; id: string | null; status: string; replayed: boolean; seq: number | null; flags: unknown[]; error: { code: string; message: string } | null }[] };
    if (results.length !== send.to - send.from) {
      tally.wrongAnswers += send.to - send.from;
      note(tally, 'result count', `push ${send.kind}: ${results.length} results for ${send.to - send.from} mutations`);
      return;
    }
    for (const result of results) {
      const i = send.from + result.index;
      if (result.id !== this.mutationIds[i]) {
        tally.wrongAnswers++;
        note(tally, 'result id', `result ${result.index} names ${result.id}, not the mutation sent there`);
        continue;
      }
      if (result.status !== 'applied') {
        tally.rejected++;
        this.#wasRejected[i] = 1;
        note(tally, `rejected ${result.error?.code}`, `${result.error?.message}`);
        continue;
      }
      if (result.replayed) tally.replayedAnswers++;
      else {
        this.#appliedBy[i] = (this.#appliedBy[i] ?? 0) + 1;
        tally.applied++;
        if (result.flags.length > 0) tally.flagged++;
      }
      // A resend goes out after the first answer came: it can only be a replay. An echo
      // races its twin: either may apply, and #appliedBy checks that one did.
      if ((send.kind === 'resend' || send.kind === 'part') && !result.replayed) {
        tally.wrongAnswers++;
        note(tally, 'resend answered as new', `${send.kind} of mutation ${i} answered as new (replayed: false)`);
      }
      const seq = result.seq ?? -1;
      const first = this.#seqs[i] ?? 0;
      if (first === 0) this.#seqs[i] = seq;
      else if (first !== seq) {
        tally.wrongAnswers++;
        note(tally, 'seq changed', `mutation ${i} (${send.kind}): seq ${result.seq} now, ${first} before`);
      }
    }
  }
}

/** Counts a problem by kind and keeps its first example. */
function note(tally: DeskTally, kind: string, example: string): void {
  const seen = tally.problems.get(kind);
  if (seen === undefined) tally.problems.set(kind, { count: 1, example });
  else seen.count++;
}
