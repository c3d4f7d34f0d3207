import {
  assessAtHq,
  type Change,
  type Declaration,
  type DutyFreePolicy,
  type GoodsList,
  type MutationResult,
  mutationSchema,
  type Officer,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type Resident,
  ROUTES,
  versionInForce,
} from '../../../shared/index';
import type { FetchFn } from '../sync/http';

/**
 * An in-memory HQ that speaks the sync protocol over a fetch function, for unit tests
 * of the desk's sync engine. It re-checks declarations with the shared HQ rule, so
 * quota flags come out as the real HQ's would.
 */
export interface FakeHqOptions {
  portId?: string;
  residents?: Resident[];
  goodsList: GoodsList;
  policy: DutyFreePolicy;
  officer: Officer;
  password?: string;
}

interface Feed {
  seq: number;
  change: Change;
}

export class FakeHq {
  readonly portId: string;
  readonly declarations = new Map<string, Declaration>();
  readonly requests: { path: string; method: string; after?: number; mutations?: number }[] = [];
  /** Set to make the network fail (before HQ sees the request). */
  offline = false;
  /** HQ applies the next push but the answer is lost on the way back. */
  loseNextPushAnswer = false;
  /** Make the n-th pull request (1-based, counted from now) fail at the network. */
  failPullNumber: number | null = null;
  /** Every access token handed out so far is considered expired. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }
  protocolVersion = PROTOCOL_VERSION;

  private feed: Feed[] = [];
  private seq = 0;
  private results = new Map<string, MutationResult>();
  private accessTokens = new Set<string>();
  private refreshTokens = new Set<string>();
  private pullsSeen = 0;
  private readonly options: FakeHqOptions;

  constructor(options: FakeHqOptions) {
    this.options = options;
    this.portId = options.portId ?? 'DONGXING';
    for (const resident of options.residents ?? []) this.append({ seq: 0, entity: 'resident', data: resident });
    this.append({ seq: 0, entity: 'goods_list', data: options.goodsList });
    this.append({ seq: 0, entity: 'policy', data: options.policy });
    this.append({ seq: 0, entity: 'officer', data: options.officer });
  }

  append(change: Change): number {
    this.seq++;
    this.feed.push({ seq: this.seq, change: { ...change, seq: this.seq } });
    return this.seq;
  }

  issueSession(): { accessToken: string; refreshToken: string } {
    const accessToken = `access-${crypto.randomUUID()}`;
    const refreshToken = `refresh-${crypto.randomUUID()}`;
    this.accessTokens.add(accessToken);
    this.refreshTokens.add(refreshToken);
    return { accessToken, refreshToken };
  }

  readonly fetch: FetchFn = async (input, init) => {
    const url = new URL(input, 'http://hq.test');
    const method = init?.method ?? 'GET';
    const entry: FakeHq['requests'][number] = { path: url.pathname, method };
    this.requests.push(entry);
    if (this.offline) throw new TypeError('Failed to fetch');
    const body: unknown = init?.body === undefined || init.body === null ? undefined : JSON.parse(await new Response(init.body).text());
    const headers = new Headers(init?.headers);
    switch (url.pathname) {
      case ROUTES.login:
        return this.login(body);
      case ROUTES.refresh:
        return this.refresh(body);
    }
    const token = headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!this.accessTokens.has(token)) return json(401, { error: { code: 'unauthorized', message: 'expired' } });
    if (headers.get(PROTOCOL_HEADER) !== String(this.protocolVersion)) {
      return json(426, { error: { code: 'protocol_version', message: '请更新柜台程序 / Update the desk' } });
    }
    if (url.pathname === ROUTES.push) {
      const mutations = isRecord(body) && Array.isArray(body.mutations) ? body.mutations : [];
      entry.mutations = mutations.length;
      const results = mutations.map((m: unknown, index: number) => this.apply(m, index));
      if (this.loseNextPushAnswer) {
        this.loseNextPushAnswer = false;
        throw new TypeError('network changed');
      }
      return json(200, { protocolVersion: PROTOCOL_VERSION, results, hqTime: new Date().toISOString() });
    }
    if (url.pathname === ROUTES.pull) {
      this.pullsSeen++;
      if (this.failPullNumber !== null && this.pullsSeen === this.failPullNumber) throw new TypeError('Failed to fetch');
      const after = Number(url.searchParams.get('after') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 2000);
      entry.after = after;
      const page = this.feed.filter((f) => f.seq > after).slice(0, limit);
      const last = page[page.length - 1];
      return json(200, {
        protocolVersion: PROTOCOL_VERSION,
        portId: this.portId,
        changes: page.map((f) => f.change),
        cursor: last?.seq ?? after,
        hasMore: last !== undefined && last.seq < this.seq,
        hqTime: new Date().toISOString(),
      });
    }
    return json(404, { error: { code: 'not_found', message: 'no route' } });
  };

  resetPullCount(): void {
    this.pullsSeen = 0;
  }

  private login(body: unknown): Response {
    if (!isRecord(body) || body.password !== (this.options.password ?? 'borderdesk')) {
      return json(401, { error: { code: 'invalid_credentials', message: '用户名或密码错误' } });
    }
    return json(200, this.session());
  }

  private refresh(body: unknown): Response {
    const token = isRecord(body) && typeof body.refreshToken === 'string' ? body.refreshToken : '';
    if (!this.refreshTokens.delete(token)) return json(401, { error: { code: 'unauthorized', message: 'sign in again' } });
    return json(200, this.session());
  }

  private session() {
    const tokens = this.issueSession();
    return { ...tokens, accessExpiresAt: new Date(Date.now() + 900_000).toISOString(), officer: this.options.officer };
  }

  private apply(raw: unknown, index: number): MutationResult {
    const base = { index, replayed: false, seq: null, flags: [], error: null };
    const parsed = mutationSchema.safeParse(raw);
    if (!parsed.success) {
      const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : null;
      return { ...base, id, status: 'rejected', error: { code: 'validation', message: parsed.error.issues[0]?.message ?? 'bad' } };
    }
    const mutation = parsed.data;
    const stored = this.results.get(mutation.id);
    if (stored !== undefined) return { ...stored, index, replayed: true };
    const draft = mutation.record;
    const resident = this.feed.map((f) => f.change).find((c) => c.entity === 'resident' && c.data.id === draft.residentId);
    let usedTodayFen = 0;
    for (const d of this.declarations.values()) {
      if (d.residentId === draft.residentId && d.tradeDate === draft.tradeDate) usedTodayFen += d.hqExemptFen ?? 0;
    }
    const hqNow = new Date();
    const assessed = assessAtHq(
      draft,
      {
        resident: resident?.entity === 'resident' ? resident.data : null,
        goodsList: versionInForce([this.options.goodsList], draft.tradeDate),
        policy: versionInForce([this.options.policy], draft.tradeDate),
        usedTodayFen,
      },
      hqNow,
    );
    let result: MutationResult;
    if (!assessed.ok) {
      result = { ...base, id: mutation.id, status: 'rejected', error: assessed.error };
    } else {
      const record: Declaration = {
        ...draft,
        status: 'declared',
        hqExemptFen: assessed.data.hqExemptFen,
        hqTaxableFen: assessed.data.hqTaxableFen,
        hqReceivedAt: hqNow.toISOString(),
        flags: assessed.data.flags,
      };
      this.declarations.set(record.id, record);
      const seq = this.append({ seq: 0, entity: 'declaration', data: record });
      result = { ...base, id: mutation.id, status: 'applied', seq, flags: assessed.data.flags };
    }
    this.results.set(mutation.id, result);
    return result;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
