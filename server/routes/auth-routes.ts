import { z } from 'zod';
import { loginRequestSchema, ok, refreshRequestSchema, ROUTES } from '../../shared/index';
import type { AuthService } from '../auth/auth-service';
import { clientAddressKey } from '../http/client-address';
import { readJsonBody } from '../http/json-body';
import { json, type Route } from '../http/router';
import { parseWith } from '../http/validate';

const logoutRequestSchema = z.object({ refreshToken: z.string().min(1).max(512) });

export function authRoutes(auth: AuthService): Route[] {
  return [
    {
      method: 'POST',
      path: ROUTES.login,
      async handler({ req, setHeader }) {
        const body = await readJsonBody(req);
        if (!body.ok) return body;
        const request = parseWith(loginRequestSchema, body.data);
        if (!request.ok) return request;
        const { result, retryAfterSeconds } = await auth.login(request.data, clientAddressKey(req.socket.remoteAddress));
        if (retryAfterSeconds !== null) setHeader('Retry-After', String(retryAfterSeconds));
        return result.ok ? ok(json(result.data)) : result;
      },
    },
    {
      method: 'POST',
      path: ROUTES.refresh,
      async handler({ req }) {
        const body = await readJsonBody(req);
        if (!body.ok) return body;
        const request = parseWith(refreshRequestSchema, body.data);
        if (!request.ok) return request;
        const session = await auth.refresh(request.data);
        return session.ok ? ok(json(session.data)) : session;
      },
    },
    {
      method: 'POST',
      path: ROUTES.logout,
      async handler({ req }) {
        const body = await readJsonBody(req);
        if (!body.ok) return body;
        const request = parseWith(logoutRequestSchema, body.data);
        if (!request.ok) return request;
        await auth.logout(request.data.refreshToken);
        return ok({ kind: 'empty', status: 204 });
      },
    },
  ];
}
