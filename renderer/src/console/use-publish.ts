import { useState } from 'react';
import type { z } from 'zod';
import { type AppError, fail, ok, type Result } from '../../../shared/index';
import { useConsoleT } from './i18n/use-console-t';

/** What HQ answers a published reference version with. */
interface Published {
  record: { version: number };
  seq: number;
}

/** A form's values through the shared request schema: the first issue named by its field, as HQ would. */
export function parsedRequest<S extends z.ZodType>(schema: S, values: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  return fail('validation', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`, String(issue?.path[0] ?? ''));
}

/**
 * The publish step every versioned-reference form of the console shares (政策, 两步申报参数,
 * 卡口过磅误差): a request the form built (or its refusal) goes to HQ; HQ's refusal or
 * "published vN, seq" is shown; `onPublished` reloads what the tab lists.
 */
export function usePublish<Request>(publish: (request: Request) => Promise<Result<Published>>, onPublished: () => void) {
  const t = useConsoleT();
  const [error, setError] = useState<AppError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  /** True when HQ published the version. */
  const run = async (request: Result<Request>): Promise<boolean> => {
    setSuccess(null);
    if (!request.ok) {
      setError(request.error);
      return false;
    }
    setBusy(true);
    const answer = await publish(request.data);
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return false;
    }
    setError(null);
    setSuccess(t('published', { version: answer.data.record.version, seq: answer.data.seq }));
    onPublished();
    return true;
  };
  return { error, success, isBusy, run };
}
