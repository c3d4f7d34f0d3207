import { z } from 'zod';
import { isIsoDate } from '../dates';

export const idSchema = z.uuid();
/** Port codes are short upper-case words, e.g. DONGXING. They lead every key at HQ. */
export const portIdSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/, 'port id: 2–32 upper-case letters, digits or _');
export const isoDateSchema = z.string().refine(isIsoDate, 'a date in YYYY-MM-DD form');
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** Integer fen (分): never negative, below a trillion yuan. */
export const fenSchema = z.int().min(0).max(100_000_000_000_000);
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'device id: 8–64 letters, digits, _ or -');

export const ROLES = ['officer', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
