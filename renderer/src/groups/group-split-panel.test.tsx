import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { cstDateOf, type GoodsLine, type MutualAidGroup } from '../../../shared/index';
import * as demo from '../testing/demo-data';
import { translate } from '../i18n/use-t';
import { GroupSplitPanel } from './components/GroupSplitPanel';
import { planGroupDeclaration } from './group-plan';

const today = cstDateOf(Date.now());
const [leader, second, expired] = [demo.resident(1), demo.resident(2), demo.resident(3, { status: 'expired', validTo: '2023-12-31' })];
const group: MutualAidGroup = { id: '7d2c0a1e-4b5f-4c6d-8e9f-0a1b2c3d4e5f', portId: 'DONGXING', name: '竹山村第一互助组', leaderId: leader.id, memberIds: [leader.id, second.id, expired.id] };
const nuts: GoodsLine = { hsCode: '0801', name: '坚果', originCountry: 'VN', quantity: 200, unit: 'kg', grossKg: 200, netKg: 200, unitPriceFen: 10_000, valueFen: 2_000_000 };

function render() {
  const plan = planGroupDeclaration({
    group,
    residents: new Map([leader, second, expired].map((r) => [r.id, r])),
    usedTodayFen: new Map([[second.id, 300_000]]),
    lines: [nuts],
    goodsList: demo.goodsList,
    policy: demo.policy,
    tradeDate: today,
  });
  if (!plan.ok) throw new Error(plan.error.message);
  return renderToStaticMarkup(<GroupSplitPanel plan={plan.data} dailyExemptFen={demo.policy.dailyExemptFen} />);
}

describe('GroupSplitPanel', () => {
  // Rendered on the server, the store reads its initial state: Chinese, the desk's first language.
  it('shows each member’s amount left before, the goods and value placed, left after, and whose the remainder is — Chinese first', () => {
    const html = render();
    expect(html).toContain('data-cert="DX000002"');
    expect(html).toMatch(/data-cert="DX000002".*?data-field="leftBefore">¥5,000.00<.*?data-field="goods">坚果 50 kg<.*?data-field="placed">¥5,000.00<.*?data-field="leftAfter">¥0.00</s);
    expect(html).toMatch(/data-cert="DX000003".*?证件当日无效，不分配/s);
    expect(html).toContain('data-field="exemptTotal">¥13,000.00<');
    expect(html).toContain('data-field="taxableTotal">¥7,000.00<');
    expect(html).toContain('成员额度已用完');
    expect(html).toContain('余量记在 边民1（DX000001）名下申报');
    expect(html).toContain('<svg');
  });
});

describe('group screen texts', () => {
  it('has every text in English too, the remainder naming whose it is', () => {
    expect(translate('en', 'grRemainderTo', { name: '边民1', cert: 'DX000001' })).toBe(
      'The remainder is declared in the name of 边民1 (DX000001): exempt up to what they have left, taxable above',
    );
    expect(translate('zh', 'grInactive')).toBe('证件当日无效，不分配');
    expect(translate('en', 'grInactive')).toBe('Certificate not valid today: takes nothing');
  });
});
