import { addDays } from '../../shared/index';
import { DEMO_GOODS_ITEMS } from '../seed/demo-data';
import { DEMO_GROUPS } from '../seed/group-demo';
import { DEMO_FIRMS } from '../seed/processing-demo';
import { officerId } from './hq-harness';
import type { RouteFixture } from './route-fuzz';

/** A request to one admin route, the method and the port aside (the route table has them). */
export type AdminRouteFixture = Omit<RouteFixture, 'method'>;

/**
 * What an administrator would send to each route of adminRouteTable() (the port aside):
 * path parameters, query and a body HQ accepts against the demo data. The scope test
 * tries each with a token too low or of another port; the fuzz breaks one thing of each.
 * Both fail when a served route has no entry here, so a new route is tried by both.
 */
export function adminRouteFixtures({ device, today }: { device: string; today: string }): Record<string, AdminRouteFixture> {
  return {
    'admin.ports': {},
    'admin.reference': {},
    'admin.policies.publish': { body: { dailyExemptFen: 1, effectiveFrom: today } },
    'admin.two_step_policies': {},
    'admin.two_step_policies.publish': { body: { lateFeeRatePerDay: 0.0006, lateCountWarnAt: 2, effectiveFrom: addDays(today, 1) } },
    'admin.goods_lists.publish': { body: { effectiveFrom: today, items: DEMO_GOODS_ITEMS.slice(0, 3) } },
    'admin.officers.add': { body: { username: 'dx.fuzzed', name: '测试', role: 'officer', password: 'long-enough-pass' } },
    'admin.officers.update': { params: { officer: officerId('dx.officer2') }, body: { name: '陆海燕', role: 'officer', disabled: false } },
    'admin.points.add': { body: { id: 'DX-98', name: '互市点', nameEn: 'Point' } },
    'admin.points.update': { params: { point: 'DX-01' }, body: { name: '改名', nameEn: 'Renamed' } },
    'admin.audit': {},
    'admin.audit.entries': { params: { device: device }, query: { after: '0', limit: '10' } },
    'admin.audit.verify': { params: { device: device } },
    'admin.sites': {},
    'admin.sites.add': {
      body: {
        id: 'DX-FUZZ',
        name: '场地',
        nameEn: '',
        operator: { name: '运营单位', nameEn: '', creditCode: null },
        address: '东兴',
        facilities: [],
        capacities: [],
        categories: ['meat'],
      },
    },
    'admin.sites.update': { params: { site: 'DX2B-FRUIT' }, body: { baseVersion: 1, name: '改名' } },
    'admin.sites.event': {
      params: { site: 'DX2B-FRUIT' },
      body: { baseVersion: 1, category: 'fruit', type: 'suspend', date: today, documents: [{ title: '暂停', number: null, issuer: '海关总署', issuedOn: null, attachment: null }], note: '' },
    },
    'admin.blob': { params: { sha256: 'a'.repeat(64) } },
    'admin.residents.import': { body: { format: 'csv', fileName: 'residents.csv', content: 'certificateNo,name\nDX999998,测试\n' } },
    'admin.gate_policies': {},
    'admin.gate_policies.publish': { body: { effectiveFrom: addDays(today, 1), tolerancePercent: 50, toleranceKg: 100, combine: 'larger' } },
    'admin.processing_firms': {},
    'admin.processing_firms.add': { body: { name: '加工厂', creditCode: '91450681ma5n3tkd1n', warehouseAddress: '东兴' } },
    'admin.processing_firms.update': { params: { firm: DEMO_FIRMS[0]?.id ?? '' }, body: { warehouseAddress: '别处' } },
    'admin.processing_policies': {},
    'admin.processing_policies.publish': { body: { isSaleTaxable: false, effectiveFrom: addDays(today, 1) } },
    'admin.groups': {},
    'admin.groups.add': { body: { name: '互助组', leaderCertificateNo: 'DX000121', memberCertificateNos: ['DX000121', 'DX000122'] } },
    'admin.groups.update': { params: { group: DEMO_GROUPS[0]?.id ?? '' }, body: { baseVersion: 1, name: '改名' } },
  };
}
