import type { ErrorCode } from '../../shared/index';

/** The HTTP status each error code travels with (docs/sync-protocol.md, "Errors"). */
export const STATUS_OF: Record<ErrorCode, number> = {
  bad_request: 400,
  validation: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  access_revoked: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  protocol_version: 426,
  rate_limited: 429,
  resident_not_found: 422,
  resident_inactive: 422,
  goods_forbidden: 422,
  goods_not_listed: 422,
  weight_cap_exceeded: 422,
  policy_missing: 422,
  offline: 503,
  internal: 500,
};
