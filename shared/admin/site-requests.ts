import { z } from 'zod';
import {
  facilitySchema,
  siteCapacitySchema,
  siteCategorySchema,
  siteDocumentSchema,
  siteEventTypeSchema,
  siteIdSchema,
  siteOperatorSchema,
  siteSchema,
} from '../model/site';
import { isoDateSchema } from '../model/common';
import { ROUTES } from '../sync/protocol';
import { sha256HexSchema } from '../sync/blobs';
import { findUnstorableText, UNSTORABLE_TEXT_MESSAGE } from '../storable-text';

/**
 * The administrator's requests about designated sites (指定监管场地, issue 6), and the
 * paths they go to. A site is reference data: HQ stores it whole, with a version that
 * goes up by one on every change; each change is checked against the version the console
 * started from (`baseVersion`), so two administrators never overwrite each other's edit
 * unseen. Its approval life changes only by recording an act (shared recordSiteEvent),
 * never by editing the history.
 */
function storable<S extends z.ZodType>(schema: S) {
  return schema.superRefine((value, context) => {
    const path = findUnstorableText(value);
    if (path !== null) context.addIssue({ code: 'custom', path, message: UNSTORABLE_TEXT_MESSAGE });
  });
}

const at = (...segments: string[]) => `${ROUTES.admin}${segments.map(encodeURIComponent).join('/')}`;

export const SITE_ADMIN_PATHS = {
  sites: (port: string) => at('ports', port, 'sites'),
  site: (port: string, siteId: string) => at('ports', port, 'sites', siteId),
  siteEvents: (port: string, siteId: string) => at('ports', port, 'sites', siteId, 'events'),
  /** What HQ holds of one attachment, chunk by chunk, with how often each arrived. */
  blob: (port: string, sha256: string) => at('ports', port, 'blobs', sha256),
} as const;

const siteFields = {
  name: siteSchema.shape.name,
  nameEn: siteSchema.shape.nameEn,
  operator: siteOperatorSchema,
  address: siteSchema.shape.address,
  facilities: z.array(facilitySchema).max(50),
  capacities: z.array(siteCapacitySchema).max(500),
};

/** POST ports/:port/sites — a new site and the categories it is applied for (lives start empty). */
export const newSiteRequestSchema = storable(
  z.object({
    id: siteIdSchema,
    ...siteFields,
    categories: z
      .array(siteCategorySchema)
      .min(1, '至少一个类别 / At least one category')
      .refine((list) => new Set(list).size === list.length, '类别重复 / A category listed twice'),
  }),
);
export type NewSiteRequest = z.infer<typeof newSiteRequestSchema>;

/** PATCH ports/:port/sites/:id — any of the site's own fields (not its approval lives); at least one. */
export const updateSiteRequestSchema = storable(
  z
    .object({
      baseVersion: z.int().min(1),
      name: siteFields.name.optional(),
      nameEn: siteFields.nameEn.optional(),
      operator: siteFields.operator.optional(),
      address: siteFields.address.optional(),
      facilities: siteFields.facilities.optional(),
      capacities: siteFields.capacities.optional(),
      /** Categories newly applied for (an empty life each); a category is never removed, only revoked. */
      addCategories: z.array(siteCategorySchema).max(8).optional(),
    })
    .refine((r) => Object.entries(r).some(([key, value]) => key !== 'baseVersion' && value !== undefined), '至少修改一项 / Change at least one field'),
);
export type UpdateSiteRequest = z.infer<typeof updateSiteRequestSchema>;

/** POST ports/:port/sites/:id/events — one act of a category's approval life. */
export const siteEventRequestSchema = storable(
  z.object({
    baseVersion: z.int().min(1),
    category: siteCategorySchema,
    type: siteEventTypeSchema,
    date: isoDateSchema,
    documents: z.array(siteDocumentSchema).max(20),
    note: z.string().trim().max(500),
  }),
);
export type SiteEventRequest = z.infer<typeof siteEventRequestSchema>;

/** GET ports/:port/sites */
export const sitesAnswerSchema = z.object({ portId: z.string(), sites: z.array(siteSchema) });
export type SitesAnswer = z.infer<typeof sitesAnswerSchema>;

/** A site written: its new seq in the port's feed, and the record as desks will pull it. */
export const siteWrittenSchema = z.object({ seq: z.int(), record: siteSchema });
export type SiteWritten = z.infer<typeof siteWrittenSchema>;

/** GET ports/:port/blobs/:sha256 */
export const blobReceiptsAnswerSchema = z.object({
  sha256: sha256HexSchema,
  state: z.enum(['absent', 'partial', 'complete']),
  size: z.int().nullable(),
  chunks: z.array(z.object({ offset: z.int(), length: z.int(), receipts: z.int() })),
});
export type BlobReceiptsAnswer = z.infer<typeof blobReceiptsAnswerSchema>;
