import {
  checkSiteLives,
  fail,
  type NewSiteRequest,
  ok,
  type Result,
  recordSiteEvent,
  type Site,
  type SiteEventRequest,
  siteSchema,
  type UpdateSiteRequest,
} from '../../shared/index';
import type { Db, Queryable } from '../db/db';
import { parseWith } from '../http/validate';
import { lockPortCounter, takeSeqs } from '../sync/seq';
import { unknownPort, type Written } from './reference-write';

/**
 * The administrator's writes of designated sites (指定监管场地). A site is stored whole
 * (the record desks pull) with its own version, +1 on every change; every change is one
 * transaction that locks the port's counter, checks the version the console started from
 * (409 when another administrator changed the site meanwhile), runs the site through its
 * schema and `checkSiteLives` (every category's history a legal sequence of acts), and
 * stores it at the next seq, so desks receive it at their next pull.
 */

export async function listSites(db: Queryable, portId: string): Promise<Site[]> {
  const rows = await db.query<{ data: Site }>('SELECT data FROM sites WHERE port_id = $1 ORDER BY site_id', [portId]);
  return rows.map((row) => row.data);
}

/** Stores a checked site at the port's next seq; the caller holds the port's lock. */
export async function storeSite(tx: Queryable, site: Site): Promise<Result<Written<Site>>> {
  const parsed = parseWith(siteSchema, site);
  if (!parsed.ok) return parsed;
  const lives = checkSiteLives(parsed.data);
  if (!lives.ok) return lives;
  const seq = await takeSeqs(tx, site.portId, 1);
  await tx.query(
    `INSERT INTO sites (port_id, site_id, version, seq, data) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (port_id, site_id) DO UPDATE SET version = EXCLUDED.version, seq = EXCLUDED.seq, data = EXCLUDED.data, updated_at = now()`,
    [site.portId, site.id, site.version, seq, JSON.stringify(parsed.data)],
  );
  return ok({ seq, record: parsed.data });
}

async function heldSite(tx: Queryable, portId: string, siteId: string, baseVersion: number): Promise<Result<Site>> {
  const [row] = await tx.query<{ data: Site }>('SELECT data FROM sites WHERE port_id = $1 AND site_id = $2', [portId, siteId]);
  if (row === undefined) return fail('not_found', `没有场地 ${siteId} / No site ${siteId}`, 'site');
  if (row.data.version !== baseVersion) {
    return fail(
      'conflict',
      `场地已被修改（现为第 ${row.data.version} 版，您编辑的是第 ${baseVersion} 版），请刷新后重做 / The site changed meanwhile (now v${row.data.version}, you edited v${baseVersion}): reload and redo`,
      'baseVersion',
    );
  }
  return ok(row.data);
}

export function addSite(db: Db, portId: string, request: NewSiteRequest, now: Date): Promise<Result<Written<Site>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const existing = await tx.query('SELECT 1 FROM sites WHERE port_id = $1 AND site_id = $2', [portId, request.id]);
    if (existing.length > 0) return fail('conflict', `场地 ${request.id} 已存在 / Site ${request.id} already exists`, 'id');
    const { categories, ...fields } = request;
    return storeSite(tx, {
      ...fields,
      portId,
      approvals: categories.map((category) => ({ category, events: [] })),
      version: 1,
      updatedAt: now.toISOString(),
    });
  });
}

export function updateSite(db: Db, portId: string, siteId: string, request: UpdateSiteRequest, now: Date): Promise<Result<Written<Site>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const held = await heldSite(tx, portId, siteId, request.baseVersion);
    if (!held.ok) return held;
    const site = held.data;
    const added = (request.addCategories ?? []).filter((category) => !site.approvals.some((a) => a.category === category));
    return storeSite(tx, {
      ...site,
      name: request.name ?? site.name,
      nameEn: request.nameEn ?? site.nameEn,
      operator: request.operator ?? site.operator,
      address: request.address ?? site.address,
      facilities: request.facilities ?? site.facilities,
      capacities: request.capacities ?? site.capacities,
      approvals: [...site.approvals, ...added.map((category) => ({ category, events: [] }))],
      version: site.version + 1,
      updatedAt: now.toISOString(),
    });
  });
}

/** One act of a category's approval life (shared recordSiteEvent: refused with the reason when the life does not allow it). */
export function recordEvent(db: Db, portId: string, siteId: string, request: SiteEventRequest, now: Date): Promise<Result<Written<Site>>> {
  return db.transaction(async (tx) => {
    if ((await lockPortCounter(tx, portId)) === null) return unknownPort(portId);
    const held = await heldSite(tx, portId, siteId, request.baseVersion);
    if (!held.ok) return held;
    const { baseVersion: _, category, ...event } = request;
    const next = recordSiteEvent(held.data, category, { ...event, recordedAt: now.toISOString() }, now.toISOString());
    if (!next.ok) return next;
    return storeSite(tx, next.data);
  });
}
