import type { IncomingMessage } from 'node:http';
import { fail, ok, PROTOCOL_HEADER, PROTOCOL_VERSION, type Result } from '../../shared/index';

/** Sync routes serve only a desk that speaks this HQ's protocol; any other must update first. */
export function checkProtocol(req: IncomingMessage): Result<true> {
  const sent = req.headers[PROTOCOL_HEADER];
  if (sent === String(PROTOCOL_VERSION)) return ok(true);
  return fail(
    'protocol_version',
    `柜台程序与 HQ 协议版本不符（HQ：${PROTOCOL_VERSION}，柜台：${typeof sent === 'string' ? sent.slice(0, 10) : '无'}），请更新柜台程序 / This desk speaks a different sync protocol than HQ (${PROTOCOL_VERSION}): update the desk`,
  );
}
