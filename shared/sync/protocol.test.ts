import { describe, expect, it } from 'vitest';
import { nextAuditLink } from '../audit/chain';
import type { DeclarationDraft } from '../model/declaration';
import type { Resident } from '../model/resident';
import {
  changeSchema,
  DEFAULT_PULL_LIMIT,
  errorBodySchema,
  healthResponseSchema,
  loginRequestSchema,
  MAX_PULL_LIMIT,
  MAX_PUSH_MUTATIONS,
  mutationResultSchema,
  mutationSchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullQuerySchema,
  pullResponseSchema,
  pushRequestSchema,
  pushResponseSchema,
  ROUTES,
  refreshRequestSchema,
  sessionSchema,
} from './protocol';

const record: DeclarationDraft = {
  id: '0c7d3b0e-2f4a-4b8e-9c3d-5e6f7a8b9c0d',
  portId: 'DONGXING',
  pointId: 'DX-01',
  residentId: '3f0b8c1e-6a52-4c1e-9d7e-0b7f3a2c9e11',
  certificateNo: 'DX000001',
  residentName: '黄氏兰',
  tradeDate: '2026-11-22',
  declaredAt: '2026-11-22T01:15:00Z',
  vehiclePlate: null,
  carPool: true,
  lines: [{ hsCode: '0801', name: '坚果', originCountry: 'VN', quantity: 10, unit: 'kg', grossKg: 10.5, netKg: 10, unitPriceFen: 5000, valueFen: 50_000 }],
  totalFen: 50_000,
  exemptFen: 50_000,
  taxableFen: 0,
  policyVersion: 1,
  goodsListVersion: 1,
  officerId: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  deviceId: 'desk-dx01-a',
};
const unlinked = { id: '1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b', type: 'declaration.create', deskTime: '2026-11-22T01:15:00Z', record } as const;
const mutation = { ...unlinked, audit: nextAuditLink(null, unlinked) };
const resident: Resident = {
  id: '3f0b8c1e-6a52-4c1e-9d7e-0b7f3a2c9e11',
  portId: 'DONGXING',
  name: '黄氏兰',
  idNumber: '45068119800101123X',
  certificateNo: 'DX000001',
  township: '',
  village: '',
  validFrom: '2024-01-01',
  validTo: '2030-12-31',
  status: 'valid',
};

function issuePaths(schema: { safeParse(v: unknown): { success: true } | { success: false; error: { issues: { path: PropertyKey[] }[] } } }, value: unknown): string[] {
  const result = schema.safeParse(value);
  // zod may raise two issues on one field (e.g. `int` and `max`); the field is what matters here.
  return result.success ? [] : [...new Set(result.error.issues.map((issue) => issue.path.map(String).join('.')))];
}

describe('protocol constants', () => {
  it('are the ones desks and HQ agreed on', () => {
    expect(PROTOCOL_VERSION).toBe(2);
    expect(PROTOCOL_HEADER).toBe('x-borderdesk-protocol');
    expect(MAX_PUSH_MUTATIONS).toBe(2000);
    expect(DEFAULT_PULL_LIMIT).toBeLessThanOrEqual(MAX_PULL_LIMIT);
  });

  it('has one distinct versioned path per route', () => {
    const paths = Object.values(ROUTES);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path).toMatch(/^\/api\/v1\/[a-z/]+$/);
  });
});

describe('auth bodies', () => {
  it('login needs a username, a password and a proper device id', () => {
    const body = { username: 'dx.officer1', password: 'borderdesk', deviceId: 'desk-dx01-a' };
    expect(loginRequestSchema.parse(body)).toEqual(body);
    expect(issuePaths(loginRequestSchema, { ...body, username: '' })).toEqual(['username']);
    expect(issuePaths(loginRequestSchema, { ...body, password: 'x'.repeat(257) })).toEqual(['password']);
    expect(issuePaths(loginRequestSchema, { ...body, deviceId: 'a b' })).toEqual(['deviceId']);
    expect(issuePaths(loginRequestSchema, { ...body, password: ['borderdesk'] })).toEqual(['password']);
  });

  it('refresh refuses a token too short to be one of ours', () => {
    expect(issuePaths(refreshRequestSchema, { refreshToken: 'short', deviceId: 'desk-dx01-a' })).toEqual(['refreshToken']);
    expect(issuePaths(refreshRequestSchema, { refreshToken: 'r'.repeat(513), deviceId: 'desk-dx01-a' })).toEqual(['refreshToken']);
    expect(refreshRequestSchema.safeParse({ refreshToken: 'r'.repeat(43), deviceId: 'desk-dx01-a' }).success).toBe(true);
  });

  it('a session carries the officer and an expiry instant', () => {
    const session = {
      accessToken: 'a',
      accessExpiresAt: '2026-11-22T02:15:00Z',
      refreshToken: 'r',
      officer: { id: '9a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', portId: 'DONGXING', username: 'dx.officer1', name: '李', role: 'officer' },
    };
    expect(sessionSchema.safeParse(session).success).toBe(true);
    expect(issuePaths(sessionSchema, { ...session, accessExpiresAt: 'in 15 minutes' })).toEqual(['accessExpiresAt']);
    expect(issuePaths(sessionSchema, { ...session, officer: { ...session.officer, role: 'god' } })).toEqual(['officer.role']);
  });
});

describe('pushRequestSchema', () => {
  const envelope = { protocolVersion: PROTOCOL_VERSION, deviceId: 'desk-dx01-a', mutations: [mutation] };

  it('accepts 1 to 2,000 mutations and leaves them unparsed for one-by-one checking', () => {
    expect(pushRequestSchema.safeParse(envelope).success).toBe(true);
    expect(pushRequestSchema.safeParse({ ...envelope, mutations: Array.from({ length: MAX_PUSH_MUTATIONS }, () => mutation) }).success).toBe(true);
    // A garbage mutation does not sink the envelope: it is answered on its own.
    const mixed = pushRequestSchema.parse({ ...envelope, mutations: [mutation, 42, { type: 'nope' }] });
    expect(mixed.mutations).toEqual([mutation, 42, { type: 'nope' }]);
  });

  it('refuses an empty push and one over the limit on the mutations field', () => {
    expect(issuePaths(pushRequestSchema, { ...envelope, mutations: [] })).toEqual(['mutations']);
    expect(issuePaths(pushRequestSchema, { ...envelope, mutations: Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => mutation) })).toEqual(['mutations']);
    expect(issuePaths(pushRequestSchema, { ...envelope, mutations: mutation })).toEqual(['mutations']);
  });

  it('refuses a non-integer protocol version and a bad device id', () => {
    expect(issuePaths(pushRequestSchema, { ...envelope, protocolVersion: '1' })).toEqual(['protocolVersion']);
    expect(issuePaths(pushRequestSchema, { ...envelope, protocolVersion: 1.5 })).toEqual(['protocolVersion']);
    expect(issuePaths(pushRequestSchema, { ...envelope, deviceId: '../../etc' })).toEqual(['deviceId']);
    expect(issuePaths(pushRequestSchema, null)).toEqual(['']);
  });
});

describe('mutationSchema', () => {
  it('accepts a declaration.create', () => {
    expect(mutationSchema.parse(mutation)).toEqual(mutation);
  });

  it('discriminates on type and refuses types it does not know', () => {
    for (const type of ['declaration.delete', 'DECLARATION.CREATE', '', undefined, 1]) {
      expect(issuePaths(mutationSchema, { ...mutation, type })).toEqual(['type']);
    }
  });

  it('points into the record for a bad record, as the protocol doc promises', () => {
    const bad = { ...mutation, record: { ...record, lines: [{ ...record.lines[0], hsCode: 'X' }] } };
    expect(issuePaths(mutationSchema, bad)).toEqual(['record.lines.0.hsCode']);
    expect(issuePaths(mutationSchema, { ...mutation, record: { ...record, tradeDate: '2026-02-30' } })).toEqual(['record.tradeDate']);
  });

  it('needs a UUID id and a desk time with a zone', () => {
    expect(issuePaths(mutationSchema, { ...mutation, id: 'm-1' })).toEqual(['id']);
    expect(issuePaths(mutationSchema, { ...mutation, deskTime: '2026-11-22 09:15' })).toEqual(['deskTime']);
  });
});

describe('pullQuerySchema', () => {
  it('fills in defaults when the query has no numbers', () => {
    expect(pullQuerySchema.parse({})).toEqual({ after: 0, limit: DEFAULT_PULL_LIMIT });
  });

  it('reads the numbers from query-string text', () => {
    expect(pullQuerySchema.parse({ after: '90412', limit: '500' })).toEqual({ after: 90_412, limit: 500 });
    expect(pullQuerySchema.parse({ after: '0', limit: String(MAX_PULL_LIMIT) })).toEqual({ after: 0, limit: MAX_PULL_LIMIT });
    expect(pullQuerySchema.parse({ after: String(Number.MAX_SAFE_INTEGER) }).after).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    [{ after: '-1' }, 'after'],
    [{ after: 'abc' }, 'after'],
    [{ after: '1.5' }, 'after'],
    [{ after: 'Infinity' }, 'after'],
    [{ after: '9007199254740993' }, 'after'],
    [{ limit: '999999' }, 'limit'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '-5' }, 'limit'],
    [{ limit: 'all' }, 'limit'],
    [{ limit: String(MAX_PULL_LIMIT + 1) }, 'limit'],
  ])('refuses %j on %s', (query, field) => {
    expect(issuePaths(pullQuerySchema, query)).toEqual([field]);
  });
});

describe('pull and push answers', () => {
  it('a change is told apart by its entity and its data is checked', () => {
    expect(changeSchema.safeParse({ seq: 1, entity: 'resident', data: resident }).success).toBe(true);
    expect(issuePaths(changeSchema, { seq: 1, entity: 'resident', data: { ...resident, idNumber: '1' } })).toEqual(['data.idNumber']);
    expect(issuePaths(changeSchema, { seq: 1, entity: 'password', data: {} })).toEqual(['entity']);
    // A resident cannot be smuggled in as a market point.
    expect(changeSchema.safeParse({ seq: 1, entity: 'market_point', data: resident }).success).toBe(false);
  });

  it('a pull page parses and needs the port and cursor', () => {
    const page = {
      protocolVersion: 1,
      portId: 'DONGXING',
      changes: [{ seq: 7, entity: 'resident', data: resident }],
      cursor: 7,
      hasMore: false,
      hqTime: '2026-11-22T02:00:00Z',
    };
    expect(pullResponseSchema.parse(page)).toEqual(page);
    expect(issuePaths(pullResponseSchema, { ...page, cursor: '7' })).toEqual(['cursor']);
    expect(issuePaths(pullResponseSchema, { ...page, portId: 'dongxing' })).toEqual(['portId']);
  });

  it('a push answer carries one result per mutation with a known error code', () => {
    const rejected = { index: 0, id: null, status: 'rejected', replayed: false, seq: null, flags: [], error: { code: 'validation', message: 'bad', field: 'record.lines.0.hsCode' } };
    const applied = { index: 1, id: mutation.id, status: 'applied', replayed: true, seq: 9, flags: [{ code: 'resident_inactive', message: '…', messageEn: '…', at: '2026-11-22T02:00:00Z' }], error: null };
    expect(pushResponseSchema.safeParse({ protocolVersion: 1, results: [rejected, applied], hqTime: '2026-11-22T02:00:00Z' }).success).toBe(true);
    expect(issuePaths(mutationResultSchema, { ...rejected, error: { code: 'oops', message: 'x' } })).toEqual(['error.code']);
    expect(issuePaths(mutationResultSchema, { ...applied, status: 'pending' })).toEqual(['status']);
  });

  it('error bodies and health answers have their documented shape', () => {
    expect(errorBodySchema.safeParse({ error: { code: 'protocol_version', message: 'update the desk' } }).success).toBe(true);
    expect(issuePaths(errorBodySchema, { error: { code: 'teapot', message: '' } })).toEqual(['error.code']);
    expect(healthResponseSchema.safeParse({ ok: true, protocolVersion: 1, store: 'pglite', hqTime: '2026-11-22T02:00:00Z' }).success).toBe(true);
    expect(issuePaths(healthResponseSchema, { ok: true, protocolVersion: 1, store: 'sqlite', hqTime: '2026-11-22T02:00:00Z' })).toEqual(['store']);
  });
});
