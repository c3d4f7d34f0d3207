import { createHash } from 'node:crypto';
import type { DutyFreePolicy, GoodsItem, GoodsList, MarketPoint, Officer, Resident, Role } from '../../shared/index';
import { addDays } from '../../shared/index';
import { makeIdNumber } from './id-number';

/**
 * The demo data everyone relies on (ports, points, officers, residents, goods list,
 * policy). Deterministic: the same ids and names on every machine, so tests and
 * screenshots can name them.
 */
export const DEMO_PASSWORD = 'borderdesk';

/** A stable uuid (RFC 9562 version 8, name-based) for a demo record. */
export function demoUuid(name: string): string {
  const h = createHash('sha256').update(`borderdesk-demo:${name}`).digest('hex');
  const variant = ((Number.parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const DEMO_PORTS = [
  { portId: 'DONGXING', name: '东兴口岸', nameEn: 'Dongxing Port', region: '450681', certificatePrefix: 'DX', residents: 3000 },
  { portId: 'PINGXIANG', name: '凭祥口岸', nameEn: 'Pingxiang Port', region: '451481', certificatePrefix: 'PX', residents: 500 },
] as const;

export const DEMO_MARKET_POINTS: MarketPoint[] = [
  { id: 'DX-01', portId: 'DONGXING', name: '东兴互市贸易区', nameEn: 'Dongxing Mutual-Market Zone' },
  { id: 'DX-02', portId: 'DONGXING', name: '北仑河互市点', nameEn: 'Beilun River Market Point' },
  { id: 'PX-01', portId: 'PINGXIANG', name: '浦寨互市点', nameEn: 'Puzhai Market Point' },
];

const OFFICERS: { username: string; portId: string; name: string; role: Role }[] = [
  { username: 'dx.officer1', portId: 'DONGXING', name: '黄志强', role: 'officer' },
  { username: 'dx.officer2', portId: 'DONGXING', name: '陆海燕', role: 'officer' },
  { username: 'dx.supervisor', portId: 'DONGXING', name: '韦建国', role: 'supervisor' },
  { username: 'px.officer1', portId: 'PINGXIANG', name: '农秀兰', role: 'officer' },
  { username: 'hq.admin', portId: 'DONGXING', name: '系统管理员', role: 'admin' },
];

export const DEMO_OFFICERS: Officer[] = OFFICERS.map((o) => ({ id: demoUuid(`officer:${o.username}`), ...o }));

const kg = (hsCode: string, name: string, nameEn: string, list: GoodsItem['list'] = 'allowed'): GoodsItem => ({
  hsCode,
  name,
  nameEn,
  list,
  weightCapKg: null,
  unit: 'kg',
});
const pcs = (hsCode: string, name: string, nameEn: string): GoodsItem => ({ ...kg(hsCode, name, nameEn), unit: 'pcs' });

export const DEMO_GOODS_ITEMS: GoodsItem[] = [
  kg('0801', '坚果', 'Nuts'),
  kg('0803', '香蕉', 'Bananas'),
  kg('0810', '鲜果', 'Fresh fruit'),
  kg('0306', '甲壳动物', 'Crustaceans'),
  kg('0302', '鲜冷鱼', 'Fresh or chilled fish'),
  kg('1006', '大米', 'Rice'),
  kg('0901', '咖啡', 'Coffee'),
  kg('2106', '食品', 'Food preparations'),
  pcs('6302', '床上用织物', 'Bed linen'),
  pcs('4202', '箱包', 'Bags'),
  pcs('9403', '木家具', 'Wooden furniture'),
  kg('1905', '糕点饼干', 'Biscuits and pastry'),
  kg('4001', '天然橡胶', 'Natural rubber', 'negative'),
  kg('4403', '原木', 'Logs', 'negative'),
  kg('3808', '农药', 'Pesticides', 'negative'),
  kg('3102', '化肥', 'Fertilisers', 'negative'),
  kg('1209', '种子', 'Seeds', 'negative'),
  { ...kg('2208', '烈酒', 'Spirits', 'non_exempt'), unit: 'L' },
  { ...pcs('2402', '卷烟', 'Cigarettes'), list: 'non_exempt' },
];

export function demoGoodsList(portId: string): GoodsList {
  return { id: demoUuid(`goods-list:${portId}:1`), portId, version: 1, effectiveFrom: '2020-01-01', items: DEMO_GOODS_ITEMS };
}

export function demoPolicy(portId: string): DutyFreePolicy {
  return { id: demoUuid(`policy:${portId}:1`), portId, version: 1, effectiveFrom: '2020-01-01', dailyExemptFen: 800_000 };
}

const SURNAMES = ['黄', '陆', '韦', '农', '李', '梁', '陈', '苏', '刘', '何', '蒙', '卢', '罗', '周', '莫', '覃'];
const GIVEN = ['志强', '海燕', '建国', '秀兰', '文光', '丽华', '德明', '春梅', '国良', '美玲', '永福', '金凤', '少军', '桂英', '家宝', '月娥', '振华', '小红', '世平', '玉珍'];
const TOWNSHIPS: Record<string, { township: string; villages: string[] }[]> = {
  DONGXING: [
    { township: '东兴镇', villages: ['竹山村', '松柏村', '河洲村'] },
    { township: '江平镇', villages: ['万尾村', '巫头村', '山心村'] },
    { township: '马路镇', villages: ['马路村', '北山村'] },
  ],
  PINGXIANG: [
    { township: '友谊镇', villages: ['卡凤村', '礼茶村'] },
    { township: '凭祥镇', villages: ['板小村', '隘口村'] },
  ],
};

/** `DX000001`…: certificate numbers are the port's prefix and a 6-digit number. */
export const certificateNo = (prefix: string, n: number) => `${prefix}${String(n).padStart(6, '0')}`;

export function demoResidentId(certificate: string): string {
  return demoUuid(`resident:${certificate}`);
}

function makeResident(portId: string, region: string, certificate: string, n: number, overrides: Partial<Resident> = {}): Resident {
  const places = TOWNSHIPS[portId] ?? [{ township: '', villages: [''] }];
  const place = places[n % places.length] ?? { township: '', villages: [''] };
  const birth = addDays('1960-01-01', (n * 7919) % 16000);
  return {
    id: demoResidentId(certificate),
    portId,
    name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`,
    idNumber: makeIdNumber(region, birth, n),
    certificateNo: certificate,
    township: place.township,
    village: place.villages[n % place.villages.length] ?? '',
    validFrom: '2024-01-01',
    validTo: '2030-12-31',
    status: 'valid',
    ...overrides,
  };
}

export function demoResidents(portId: string): Resident[] {
  const port = DEMO_PORTS.find((p) => p.portId === portId);
  if (port === undefined) return [];
  const residents: Resident[] = [];
  for (let n = 1; n <= port.residents; n++) {
    residents.push(makeResident(portId, port.region, certificateNo(port.certificatePrefix, n), n));
  }
  if (portId === 'DONGXING') {
    residents.push(
      makeResident(portId, port.region, 'DX900001', 9001, { validFrom: '2019-01-01', validTo: '2023-12-31', status: 'expired' }),
      makeResident(portId, port.region, 'DX900002', 9002, { status: 'suspended' }),
    );
  }
  return residents;
}
