import type { Session } from '../../../shared/index';
import type { TokenHolder } from './hq-client';
import { refreshAtHq } from './hq-client';
import type { FetchFn, HttpResult } from './http';

export interface TokenHolderOptions {
  baseUrl: string;
  deviceId: string;
  refreshToken: string;
  accessToken?: string | null;
  /** Called with each rotated session, before the new access token is used: re-seal and store it. */
  onRotate?: (session: Session) => Promise<void>;
  fetch?: FetchFn;
}

/**
 * Tokens in memory. Refreshes are single-flight: two requests that meet a 401 together
 * share one refresh, because a rotated refresh token works only once.
 */
export function createTokenHolder(options: TokenHolderOptions): TokenHolder & { refreshToken(): string } {
  let access = options.accessToken ?? null;
  let refreshToken = options.refreshToken;
  let inFlight: Promise<HttpResult<null>> | null = null;

  async function doRefresh(): Promise<HttpResult<null>> {
    const used = refreshToken;
    const answer = await refreshAtHq(options.baseUrl, { refreshToken: used, deviceId: options.deviceId }, options.fetch);
    if (!answer.ok) {
      // A dead refresh token, or an officer HQ no longer lets in: the old access token is no use either.
      if (answer.error.status === 401 || answer.error.code === 'access_revoked') access = null;
      return answer;
    }
    refreshToken = answer.data.refreshToken;
    access = answer.data.accessToken;
    await options.onRotate?.(answer.data);
    return { ok: true, data: null };
  }

  return {
    accessToken: () => access,
    refreshToken: () => refreshToken,
    refresh() {
      inFlight ??= doRefresh().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}
