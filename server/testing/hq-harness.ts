import { randomUUID } from 'node:crypto';
import {
  assessDeclaration,
  cstDateOf,
  type DeclarationChanges,
  type DeclarationDraft,
  type GoodsLine,
  type Mutation,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  ROUTES,
  type Session,
  sessionSchema,
} from '../../shared/index';
import { createHq, type Hq, type HqOptions } from '../app';
import { silentLogger } from '../log';
import { DEMO_OFFICERS, DEMO_PASSWORD, demoGoodsList, demoPolicy, demoResidentId } from '../seed/demo-data';
import { type DeskChain, deskChain } from './audit-chain';
import type { TestStore } from './test-stores';

/**
 * A seeded HQ listening on a free port, and small helpers that speak its HTTP API the
 * way a desk does. For tests only (no vitest import here: it is plain code).
 */
export interface Harness {
  hq: Hq;
  url: string;
  /** Current test clock; move it with `advance`. */
  clock: { now: Date; advance(ms: number): void };
  login(username: string, deviceId?: string): Promise<Session>;
  request(path: string, init?: RequestInit & { token?: string; protocol?: boolean }): Promise<Response>;
  push(token: string, mutations: unknown[], deviceId?: string): Promise<Response>;
  pull(token: string, after: number, limit: number, port?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(store: TestStore, options: Partial<HqOptions> = {}): Promise<Harness> {
  const clock = {
    now: new Date(),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  const hq = await createHq({ store: store.options, staticDir: null, seedDemo: true, logger: silentLogger, now: () => clock.now, ...options });
  const url = await hq.listen(0);
  const request: Harness['request'] = (path, init = {}) => {
    const { token, protocol = true, headers, ...rest } = init;
    const all = new Headers(headers);
    if (token !== undefined) all.set('authorization', `Bearer ${token}`);
    if (protocol) all.set(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    return fetch(`${url}${path}`, { ...rest, headers: all });
  };
  return {
    hq,
    url,
    clock,
    request,
    async login(username, deviceId = 'desk-test-0001') {
      const res = await request(ROUTES.login, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD, deviceId }),
      });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return sessionSchema.parse(await res.json());
    },
    push(token, mutations, deviceId = 'desk-test-0001') {
      return request(ROUTES.push, {
        method: 'POST',
        token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, deviceId, mutations }),
      });
    },
    pull(token, after, limit, port) {
      return request(`${ROUTES.pull}?after=${after}&limit=${limit}${port === undefined ? '' : `&port=${port}`}`, { token });
    },
    close: () => hq.close(),
  };
}

export function officerId(username: string): string {
  const officer = DEMO_OFFICERS.find((o) => o.username === username);
  if (officer === undefined) throw new Error(`no demo officer ${username}`);
  return officer.id;
}

export type CreateMutation = Extract<Mutation, { type: 'declaration.create' }>;
export type UpdateMutation = Extract<Mutation, { type: 'declaration.update' }>;
export type ResolveMutation = Extract<Mutation, { type: 'conflict.resolve' }>;

/**
 * A declaration.create mutation as a desk would make it (amounts from the quota rule),
 * linked into its desk's audit chain (`chain`, default: the chain of `deviceId`).
 */
export function declarationMutation(input: {
  certificateNo: string;
  pointId?: string;
  portId?: string;
  officer?: string;
  valueFen?: number;
  hsCode?: string;
  usedTodayFen?: number;
  tradeDate?: string;
  deviceId?: string;
  chain?: DeskChain;
}): CreateMutation & { record: DeclarationDraft } {
  const portId = input.portId ?? 'DONGXING';
  const valueFen = input.valueFen ?? 100_000;
  const line: GoodsLine = {
    hsCode: input.hsCode ?? '0803',
    name: '香蕉',
    originCountry: 'VN',
    quantity: 100,
    unit: 'kg',
    grossKg: 105,
    netKg: 100,
    unitPriceFen: valueFen / 100,
    valueFen,
  };
  const assessment = assessDeclaration({
    lines: [line],
    goodsList: demoGoodsList(portId),
    policy: demoPolicy(portId),
    usedTodayFen: input.usedTodayFen ?? 0,
  });
  const now = new Date();
  const deviceId = input.deviceId ?? 'desk-test-0001';
  return (input.chain ?? deskChain(deviceId)).link({
    id: randomUUID(),
    type: 'declaration.create' as const,
    deskTime: now.toISOString(),
    record: {
      id: randomUUID(),
      portId,
      pointId: input.pointId ?? 'DX-01',
      residentId: demoResidentId(input.certificateNo),
      certificateNo: input.certificateNo,
      residentName: '测试',
      tradeDate: input.tradeDate ?? cstDateOf(now),
      declaredAt: now.toISOString(),
      vehiclePlate: null,
      carPool: false,
      lines: [line],
      totalFen: assessment.totalFen,
      exemptFen: assessment.exemptFen,
      taxableFen: assessment.taxableFen,
      policyVersion: 1,
      goodsListVersion: 1,
      officerId: officerId(input.officer ?? 'dx.officer1'),
      deviceId,
    },
  });
}

/** A declaration.update mutation: `changes` made on the desk to version `baseVersion` of the record. */
export function updateMutation(input: {
  recordId: string;
  baseVersion: number;
  changes: DeclarationChanges;
  portId?: string;
  deviceId?: string;
  chain?: DeskChain;
}): UpdateMutation {
  return (input.chain ?? deskChain(input.deviceId ?? 'desk-test-0001')).link({
    id: randomUUID(),
    type: 'declaration.update' as const,
    deskTime: new Date().toISOString(),
    portId: input.portId ?? 'DONGXING',
    recordId: input.recordId,
    baseVersion: input.baseVersion,
    changes: input.changes,
  });
}

/** A conflict.resolve mutation: a supervisor's choice of one side of a conflict. */
export function resolveMutation(input: {
  conflictId: string;
  choice: 'winner' | 'loser';
  portId?: string;
  deviceId?: string;
  chain?: DeskChain;
}): ResolveMutation {
  return (input.chain ?? deskChain(input.deviceId ?? 'desk-test-0001')).link({
    id: randomUUID(),
    type: 'conflict.resolve' as const,
    deskTime: new Date().toISOString(),
    portId: input.portId ?? 'DONGXING',
    conflictId: input.conflictId,
    choice: input.choice,
  });
}
