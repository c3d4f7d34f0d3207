import type { Facility, Site, SiteCapacity, SiteCategory, SiteDocument, SiteEvent } from './site';

/**
 * Demo reference data: Dongxing's five designated sites at the second bridge's inspection
 * yard (东兴口岸二桥验货场). What comes from the seed documents (seeds/000, the Fangchenggang
 * press conference of 2020-11-25): the yard, the five categories — imported fruit, live
 * aquatic food animals, chilled aquatic products, plant seedlings, grain — and that they
 * were built and awaiting GACC's acceptance (建成…现待海关总署组织验收).
 *
 * Everything else is a PLACEHOLDER, marked in the data itself: the seeds give no dates
 * for the earlier steps, no document numbers, no operator, no capacities. The earlier
 * steps are dated the day of the press conference (the one date known to have them
 * built); document numbers are null (文号待补录), never made up; the operator's name says
 * it is to be recorded; facilities and capacities are example values for the demo.
 */

export const DEMO_SITE_PORT = 'DONGXING';
/** The one date the seeds give: by then all five were built and awaiting acceptance. */
export const DEMO_SITES_BUILT_BY = '2020-11-25';
export const DEMO_PLACEHOLDER_NOTE =
  '演示数据占位：种子材料仅载明截至2020-11-25已建成、待海关总署组织验收；此前各环节的日期、文号均未载明，待核实补录 / Demo placeholder: the seeds say only that the site was built and awaiting GACC acceptance by 2020-11-25; dates and document numbers of the earlier steps are not given and are to be confirmed';

const RECORDED_AT = '2020-11-25T10:00:00+08:00';
const TO_BE_RECORDED = '待补录';

function placeholderDocument(title: string, issuer: string): SiteDocument {
  return { title: `${title}（占位，待补录）`, number: null, issuer, issuedOn: null, attachment: null };
}

/** The life up to "built, awaiting acceptance", every step a marked placeholder. */
function lifeUntilBuilt(): SiteEvent[] {
  const step = (type: SiteEvent['type'], documents: SiteDocument[]): SiteEvent => ({
    type,
    date: DEMO_SITES_BUILT_BY,
    documents,
    note: DEMO_PLACEHOLDER_NOTE,
    recordedAt: RECORDED_AT,
  });
  return [
    step('approve_project', [placeholderDocument('立项文件', TO_BE_RECORDED)]),
    step('pass_regional_review', [placeholderDocument('直属海关初审意见', '南宁海关')]),
    step('gacc_approve', [placeholderDocument('海关总署批复', '海关总署')]),
    step('start_construction', []),
    step('finish_construction', []),
  ];
}

/**
 * The act that brings a demo site into use: acceptance passed on `date`. Its document is
 * a placeholder too (the real acceptance is not in the seeds).
 */
export function demoAcceptanceEvent(date: string, recordedAt: string): SiteEvent {
  return {
    type: 'pass_acceptance',
    date,
    documents: [placeholderDocument('海关总署验收意见', '海关总署')],
    note: '演示数据：验收记录为占位 / Demo data: the acceptance record is a placeholder',
    recordedAt,
  };
}

const EXAMPLE = '示例值 / example value';
const facility = (kind: Facility['kind'], count = 1): Facility => ({ kind, count, note: EXAMPLE });
const COMMON_FACILITIES: Facility[] = [facility('inspection_platform'), facility('detention_room'), facility('video_surveillance'), facility('it_link')];

interface DemoSite {
  id: string;
  category: SiteCategory;
  name: string;
  nameEn: string;
  facilities: Facility[];
  capacity: Pick<SiteCapacity, 'consignmentsPerDay' | 'kgPerDay'>;
}

const DEMO: readonly DemoSite[] = [
  {
    id: 'DX2B-FRUIT',
    category: 'fruit',
    name: '东兴口岸二桥进境水果指定监管场地',
    nameEn: 'Dongxing second bridge: imported fruit site',
    facilities: [...COMMON_FACILITIES, facility('cold_room', 2), facility('treatment_room'), facility('lab')],
    capacity: { consignmentsPerDay: 120, kgPerDay: 2_400_000 },
  },
  {
    id: 'DX2B-LIVE-AQUATIC',
    category: 'live_aquatic',
    name: '东兴口岸二桥进境食用水生动物指定监管场地',
    nameEn: 'Dongxing second bridge: live aquatic food animals site',
    facilities: [...COMMON_FACILITIES, facility('holding_tank', 6), facility('treatment_room'), facility('lab')],
    capacity: { consignmentsPerDay: 60, kgPerDay: 600_000 },
  },
  {
    id: 'DX2B-CHILLED-AQUATIC',
    category: 'chilled_aquatic',
    name: '东兴口岸二桥进境冰鲜水产品指定监管场地',
    nameEn: 'Dongxing second bridge: chilled aquatic products site',
    facilities: [...COMMON_FACILITIES, facility('cold_room', 3), facility('lab')],
    capacity: { consignmentsPerDay: 60, kgPerDay: 900_000 },
  },
  {
    id: 'DX2B-SEEDLINGS',
    category: 'plant_seedlings',
    name: '东兴口岸二桥进境植物种苗指定监管场地',
    nameEn: 'Dongxing second bridge: plant seedlings site',
    facilities: [...COMMON_FACILITIES, facility('treatment_room'), facility('storage')],
    capacity: { consignmentsPerDay: 20, kgPerDay: null },
  },
  {
    id: 'DX2B-GRAIN',
    category: 'grain',
    name: '东兴口岸二桥进境粮食指定监管场地',
    nameEn: 'Dongxing second bridge: imported grain site',
    facilities: [...COMMON_FACILITIES, facility('storage', 2), facility('treatment_room')],
    capacity: { consignmentsPerDay: 40, kgPerDay: 3_000_000 },
  },
];

/** Dongxing's five sites, each with one category, built and awaiting acceptance. */
export const DEMO_SITES: readonly Site[] = DEMO.map((demo) => ({
  id: demo.id,
  portId: DEMO_SITE_PORT,
  name: demo.name,
  nameEn: demo.nameEn,
  operator: {
    name: '东兴口岸二桥验货场运营单位（名称待补录）',
    nameEn: 'Operator of the second bridge inspection yard (name to be recorded)',
    creditCode: null,
  },
  address: '广西壮族自治区东兴市 东兴口岸二桥验货场',
  facilities: demo.facilities,
  capacities: [{ category: demo.category, effectiveFrom: DEMO_SITES_BUILT_BY, ...demo.capacity }],
  approvals: [{ category: demo.category, events: lifeUntilBuilt() }],
  version: 1,
  updatedAt: RECORDED_AT,
}));
