import { z } from 'zod';
import { fenSchema, idSchema, isoDateSchema, isoDateTimeSchema, portIdSchema } from './common';
import { isCreditCode } from './two-step-codes';

/**
 * Landing processing (落地加工): residents sell goods they declared at the mutual market to
 * a local processing firm; an appointed agent declares the sales centrally (集中申报); the
 * goods go by direct transport (直通式) under seal into the firm's warehouse.
 */

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Plate letters: I and O are never issued (they read as 1 and 0). */
const LETTER = 'A-HJ-NP-Z';
const ORDINARY_PLATE = new RegExp(`^[${PROVINCES}][${LETTER}][${LETTER}0-9]{4}[${LETTER}0-9挂学警港澳]$`);
/** New-energy plates (新能源, 8 characters): the energy letter leads for small cars, ends for large ones. */
const NEW_ENERGY_PLATE = new RegExp(`^[${PROVINCES}][${LETTER}](?:[A-HJK][${LETTER}0-9]\\d{4}|\\d{5}[A-HJK])$`);

/** What an officer types (`桂p·12345`, `桂P 12345`) in the stored form (`桂P12345`). */
export function normalizePlate(text: string): string {
  return text.replace(/[\s·•・.-]/g, '').toUpperCase();
}

/**
 * A mainland Chinese vehicle plate (机动车号牌) as stored: ordinary, trailer (挂), coach (学),
 * police (警), Hong Kong and Macao (港澳) and new-energy plates. Direct transport runs
 * inside China, so foreign plates are not accepted here.
 */
export function isChinesePlate(plate: string): boolean {
  return ORDINARY_PLATE.test(plate) || NEW_ENERGY_PLATE.test(plate);
}

export const vehiclePlateSchema = z.string().refine(isChinesePlate, 'vehicle plate: a Chinese plate such as 桂P12345 / 车牌号格式不对');
/** Customs seal (关锁 / 封志) number. */
export const sealNoSchema = z.string().regex(/^[A-Z0-9-]{4,32}$/, 'seal number: 4–32 of A–Z, 0–9, - / 封志号格式不对');
const creditCodeSchema = z.string().refine(isCreditCode, 'unified social credit code (统一社会信用代码) with a valid check character');

/** A processing firm (加工企业) that buys mutual-market goods. */
export const processingFirmSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  name: z.string().trim().min(1).max(100),
  creditCode: creditCodeSchema,
  warehouseAddress: z.string().trim().min(1).max(200),
});
export type ProcessingFirm = z.infer<typeof processingFirmSchema>;

/** Whether processing sales are taxed in full or only above the resident's exempt portion: HQ reference data. */
export const processingPolicySchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  version: z.int().positive(),
  effectiveFrom: isoDateSchema,
  /** True: every processing sale is taxable. False: only what is above each resident's exempt portion. */
  isSaleTaxable: z.boolean(),
});
export type ProcessingPolicy = z.infer<typeof processingPolicySchema>;

export const processingSaleLineSchema = z.object({
  /** Index of the goods line in the resident's declaration. */
  declarationLine: z.int().min(0).max(49),
  quantity: z.number().positive().max(1_000_000),
  /** Value of the goods sold, for tax: the declared line's value pro rata (see saleLineValueFen). */
  valueFen: fenSchema,
});
export type ProcessingSaleLine = z.infer<typeof processingSaleLineSchema>;

/** One resident's sale of declared goods to a processing firm (边民销售给加工企业). */
export const processingSaleSchema = z
  .object({
    id: idSchema,
    portId: portIdSchema,
    residentId: idSchema,
    firmId: idSchema,
    declarationId: idSchema,
    soldAt: isoDateTimeSchema,
    lines: z.array(processingSaleLineSchema).min(1, 'at least one goods line').max(50),
  })
  .superRefine((sale, ctx) => {
    const seen = new Set<number>();
    sale.lines.forEach((line, index) => {
      if (seen.has(line.declarationLine)) {
        ctx.addIssue({ code: 'custom', path: ['lines', index, 'declarationLine'], message: 'the same declared line twice in one sale / 同一申报商品重复' });
      }
      seen.add(line.declarationLine);
    });
  });
export type ProcessingSale = z.infer<typeof processingSaleSchema>;

export const CENTRAL_DECLARATION_STATUSES = ['draft', 'declared', 'tax_assessed', 'tax_settled'] as const;
export type CentralDeclarationStatus = (typeof CENTRAL_DECLARATION_STATUSES)[number];

export const centralAssessmentSchema = z.object({
  salesFen: fenSchema,
  exemptFen: fenSchema,
  taxableFen: fenSchema,
  policyVersion: z.int().positive(),
});
export type CentralAssessment = z.infer<typeof centralAssessmentSchema>;

/** The central declaration (集中申报) an appointed agent makes for many residents' sales to one firm. */
export const centralDeclarationSchema = z.object({
  id: idSchema,
  portId: portIdSchema,
  firmId: idSchema,
  agent: z.object({ name: z.string().trim().min(1).max(100), creditCode: creditCodeSchema }),
  saleIds: z
    .array(idSchema)
    .min(1, 'at least one sale')
    .max(5000)
    .refine((ids) => new Set(ids).size === ids.length, 'a sale is listed twice / 销售记录重复'),
  status: z.enum(CENTRAL_DECLARATION_STATUSES),
  declaredAt: isoDateTimeSchema.nullable(),
  assessment: centralAssessmentSchema.nullable(),
  settlement: z
    .object({ paidFen: fenSchema, receiptNo: z.string().trim().max(64), settledAt: isoDateTimeSchema })
    .nullable(),
});
export type CentralDeclaration = z.infer<typeof centralDeclarationSchema>;

/** Direct transport (直通式) of the goods of a central declaration, under seal, to the firm's warehouse. */
export const directTransportSchema = z
  .object({
    id: idSchema,
    portId: portIdSchema,
    centralDeclarationId: idSchema,
    firmId: idSchema,
    vehiclePlate: vehiclePlateSchema,
    sealNo: sealNoSchema,
    departedAt: isoDateTimeSchema,
    arrivedAt: isoDateTimeSchema.nullable(),
  })
  .refine((t) => t.arrivedAt === null || Date.parse(t.arrivedAt) >= Date.parse(t.departedAt), {
    message: 'arrival cannot be before departure / 到达时间早于出发时间',
    path: ['arrivedAt'],
  });
export type DirectTransport = z.infer<typeof directTransportSchema>;
