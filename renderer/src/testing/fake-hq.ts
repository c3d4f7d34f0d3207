import {
  type Change,
  type Declaration,
  type DutyFreePolicy,
  type GoodsList,
  type MutationResult,
  type Officer,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type Resident,
  ROUTES,
} from '../../../shared/index';
import type { FetchFn } from '../sync/http';
import { type AuditBreak, FakeHqLedger } from './fake-hq-ledger';

/**
 * An in-memory HQ that speaks the sync protocol (v2) over a fetch function, for unit
 * tests of the desk. It re-checks declarations with the shared HQ rule, merges edits with
 * the shared field merge, checks each desk's audit chain and lets only a supervisor
 * resolve a conflict, so what comes back is what the real HQ would say.
 */
export interface FakeHqOptions {
  portId?: string;
  residents?: Resident[];
  goodsList: GoodsList;
  policy: DutyFreePolicy;
  /** The officer a session is for unless another is named (sign-in picks by user name). */
  officer: Officer;
  /** More officers of the port (a supervisor, a second officer). */
  others?: Officer[];
  password?: string;
}

export class FakeHq {
  readonly portId: string;
  readonly requests: { path: string; method: string; after?: number; mutations?: number }[] = [];
  /** Set to make the network fail (before HQ sees the request). */
  offline = false;
  /** HQ applies the next push but the answer is lost on the way back. */
  loseNextPushAnswer = false;
  /** Make the n-th pull request (1-based, counted from now) fail at the network. */
  failPullNumber: number | null = null;
  protocolVersion = PROTOCOL_VERSION;
  /** Officers (by id) HQ no longer lets in: disabled, or posted elsewhere. */
  readonly revoked = new Set<string>();

  private readonly ledger: FakeHqLedger;
  private accessTokens = new Map<string, Officer>();
  private refreshTokens = new Map<string, Officer>();
  private pullsSeen = 0;
  private readonly options: FakeHqOptions;
  private readonly officers: Officer[];

  constructor(options: FakeHqOptions) {
    this.options = options;
    this.portId = options.portId ?? 'DONGXING';
    this.officers = [options.officer, ...(options.others ?? [])];
    this.ledger = new FakeHqLedger({ goodsList: options.goodsList, policy: options.policy });
    for (const resident of options.residents ?? []) this.append({ seq: 0, entity: 'resident', data: resident });
    this.append({ seq: 0, entity: 'goods_list', data: options.goodsList });
    this.append({ seq: 0, entity: 'policy', data: options.policy });
    for (const officer of this.officers) this.append({ seq: 0, entity: 'officer', data: officer });
  }

  get declarations(): ReadonlyMap<string, Declaration> {
    return this.ledger.declarations;
  }

  get conflicts() {
    return this.ledger.conflicts;
  }

  /** Links HQ found out of place in a desk's audit chain (none for an honest desk). */
  get auditBreaks(): readonly AuditBreak[] {
    return this.ledger.auditBreaks;
  }

  append(change: Change): number {
    return this.ledger.append(change);
  }

  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  issueSession(officer: Officer = this.options.officer): { accessToken: string; refreshToken: string } {
    const accessToken = `access-${crypto.randomUUID()}`;
    const refreshToken = `refresh-${crypto.randomUUID()}`;
    this.accessTokens.set(accessToken, officer);
    this.refreshTokens.set(refreshToken, officer);
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
    const officer = this.accessTokens.get(token);
    if (officer === undefined) return json(401, { error: { code: 'unauthorized', message: 'expired' } });
    if (this.revoked.has(officer.id)) return revokedAnswer();
    if (headers.get(PROTOCOL_HEADER) !== String(this.protocolVersion)) {
      return json(426, { error: { code: 'protocol_version', message: '请更新柜台程序 / Update the desk' } });
    }
    if (url.pathname === ROUTES.push) {
      const mutations = isRecord(body) && Array.isArray(body.mutations) ? body.mutations : [];
      const deviceId = isRecord(body) && typeof body.deviceId === 'string' ? body.deviceId : '';
      entry.mutations = mutations.length;
      const results: MutationResult[] = mutations.map((m: unknown, index: number) =>
        this.ledger.apply(m, index, { officer, deviceId, portId: this.portId }),
      );
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
      const page = this.ledger.feedAfter(after, limit);
      const last = page[page.length - 1];
      return json(200, {
        protocolVersion: PROTOCOL_VERSION,
        portId: this.portId,
        changes: page,
        cursor: last?.seq ?? after,
        hasMore: last !== undefined && last.seq < this.ledger.seq,
        hqTime: new Date().toISOString(),
      });
    }
    return json(404, { error: { code: 'not_found', message: 'no route' } });
  };

  resetPullCount(): void {
    this.pullsSeen = 0;
  }

  private login(body: unknown): Response {
    const officer = this.officers.find((o) => isRecord(body) && o.username === body.username) ?? this.options.officer;
    if (!isRecord(body) || body.password !== (this.options.password ?? 'borderdesk')) {
      return json(401, { error: { code: 'invalid_credentials', message: '用户名或密码错误' } });
    }
    if (this.revoked.has(officer.id)) return revokedAnswer();
    return json(200, this.session(officer));
  }

  private refresh(body: unknown): Response {
    const token = isRecord(body) && typeof body.refreshToken === 'string' ? body.refreshToken : '';
    const officer = this.refreshTokens.get(token);
    if (officer === undefined) return json(401, { error: { code: 'unauthorized', message: 'sign in again' } });
    this.refreshTokens.delete(token);
    if (this.revoked.has(officer.id)) return revokedAnswer();
    return json(200, this.session(officer));
  }

  private session(officer: Officer) {
    const tokens = this.issueSession(officer);
    const port = officer.portId === 'DONGXING' ? { port: { name: '东兴口岸', nameEn: 'Dongxing Port' } } : {};
    return { ...tokens, accessExpiresAt: new Date(Date.now() + 900_000).toISOString(), officer, ...port };
  }
}

function revokedAnswer(): Response {
  return json(403, {
    error: { code: 'access_revoked', message: '该关员已不再派驻本口岸 / The officer is no longer posted to this port' },
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
