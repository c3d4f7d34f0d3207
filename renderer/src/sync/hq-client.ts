import { z } from 'zod';
import {
  type LoginRequest,
  type Mutation,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  pullResponseSchema,
  pushResponseSchema,
  ROUTES,
  type Session,
  sessionSchema,
} from '../../../shared/index';
import { asciiJson } from './ascii-json';
import { callJson, type FetchFn, type HttpResult, jsonInit, SerializedJson } from './http';

/** Holds the session's tokens in memory; the access token never touches storage. */
export interface TokenHolder {
  accessToken(): string | null;
  /**
   * Gets a fresh access token (rotating the refresh token). An error with status 401
   * means the refresh token is dead: the officer must sign in again.
   */
  refresh(): Promise<HttpResult<null>>;
}

/**
 * Mutations serialised ahead of sending: the desk serialises its next batch while the
 * current one is at HQ, so the next request leaves as soon as the answer is in.
 */
export class SerializedMutations {
  private constructor(
    /** The JSON array of the mutations, as a Blob where the platform has them. */
    readonly json: string | Blob,
    readonly count: number,
  ) {}

  static of(mutations: readonly Mutation[]): SerializedMutations {
    const json = asciiJson(mutations);
    return new SerializedMutations(typeof Blob === 'function' ? new Blob([json]) : json, mutations.length);
  }
}

export interface HqClient {
  push(mutations: readonly Mutation[] | SerializedMutations): Promise<HttpResult<PushResponse>>;
  pull(after: number, limit: number): Promise<HttpResult<PullResponse>>;
}

export interface HqClientOptions {
  baseUrl: string;
  deviceId: string;
  tokens: TokenHolder;
  fetch?: FetchFn;
}

const defaultFetch: FetchFn = (input, init) => fetch(input, init);

/** The sync routes: bearer token, protocol header, one refresh and retry on 401. */
export function createHqClient(options: HqClientOptions): HqClient {
  const fetchFn = options.fetch ?? defaultFetch;
  const { baseUrl, deviceId, tokens } = options;

  async function authed<S extends z.ZodType>(
    path: string,
    method: 'GET' | 'POST',
    body: unknown,
    schema: S,
  ): Promise<HttpResult<z.output<S>>> {
    // Serialised once, whether or not a token refresh makes us send it twice.
    const payload = body === undefined || body instanceof SerializedJson ? body : new SerializedJson(asciiJson(body));
    const attempt = (token: string) =>
      callJson(
        fetchFn,
        `${baseUrl}${path}`,
        jsonInit(method, payload, { Authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) }),
        schema,
      );
    const token = tokens.accessToken();
    if (token !== null) {
      const first = await attempt(token);
      if (first.ok || first.error.status !== 401) return first;
    }
    const refreshed = await tokens.refresh();
    if (!refreshed.ok) return refreshed;
    const fresh = tokens.accessToken();
    if (fresh === null) {
      return { ok: false, error: { code: 'unauthorized', message: '请重新登录 / Sign in again', status: 401 } };
    }
    return attempt(fresh);
  }

  return {
    push: (mutations) => {
      const batch = mutations instanceof SerializedMutations ? mutations : SerializedMutations.of(mutations);
      const head = `{"protocolVersion":${PROTOCOL_VERSION},"deviceId":${asciiJson(deviceId)},"mutations":`;
      // A Blob made of Blobs refers to its parts: nothing is copied here.
      const body = typeof batch.json === 'string' ? `${head}${batch.json}}` : new Blob([head, batch.json, '}']);
      return authed(ROUTES.push, 'POST', new SerializedJson(body), pushResponseSchema);
    },
    pull: (after, limit) =>
      authed(`${ROUTES.pull}?after=${after}&limit=${limit}`, 'GET', undefined, pullResponseSchema),
  };
}

export function loginToHq(baseUrl: string, request: LoginRequest, fetchFn: FetchFn = defaultFetch): Promise<HttpResult<Session>> {
  return callJson(fetchFn, `${baseUrl}${ROUTES.login}`, jsonInit('POST', request), sessionSchema);
}

export function refreshAtHq(
  baseUrl: string,
  request: { refreshToken: string; deviceId: string },
  fetchFn: FetchFn = defaultFetch,
): Promise<HttpResult<Session>> {
  return callJson(fetchFn, `${baseUrl}${ROUTES.refresh}`, jsonInit('POST', request), sessionSchema);
}

export function logoutAtHq(baseUrl: string, refreshToken: string, fetchFn: FetchFn = defaultFetch): Promise<HttpResult<unknown>> {
  return callJson(fetchFn, `${baseUrl}${ROUTES.logout}`, jsonInit('POST', { refreshToken }), z.unknown());
}
