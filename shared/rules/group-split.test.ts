import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GoodsLine, goodsLineSchema } from '../model/declaration';
import type { DutyFreePolicy, GoodsItem, GoodsList } from '../model/goods-list';
import { type GroupMemberUsage, type GroupSplit, splitGroupDeclaration } from './group-split';
import { countedGrams, type WeighedLine } from './weight-cap';

const item = (hsCode: string, list: GoodsItem['list'], unit = 'kg'): GoodsItem => ({ hsCode, name: hsCode, nameEn: hsCode, list, weightCapKg: null, unit });
const goodsList: GoodsList = {
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  portId: 'DONGXING',
  version: 1,
  effectiveFrom: '2020-01-01',
  items: [item('0801', 'allowed'), item('0803', 'allowed'), item('4202', 'allowed', 'pcs'), item('2208', 'non_exempt'), item('4403', 'negative')],
};
const policy: DutyFreePolicy = { id: '6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f', portId: 'DONGXING', version: 1, effectiveFrom: '2020-01-01', dailyExemptFen: 800_000 };

const line = (over: Partial<GoodsLine> = {}): GoodsLine => ({
  hsCode: '08011100',
  name: '腰果',
  originCountry: 'VN',
  quantity: 100,
  unit: 'kg',
  grossKg: 102,
  netKg: 100,
  unitPriceFen: 5_000,
  valueFen: 500_000,
  ...over,
});
const member = (residentId: string, usedTodayFen = 0, isActive = true): GroupMemberUsage => ({ residentId, usedTodayFen, isActive });

function split(lines: GoodsLine[], members: GroupMemberUsage[], p: DutyFreePolicy = policy): GroupSplit {
  const result = splitGroupDeclaration({ lines, members, goodsList, policy: p });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('splitGroupDeclaration', () => {
  it('gives a line that fits wholly to the first member, unchanged', () => {
    const result = split([line()], [member('a'), member('b')]);
    expect(result.shares[0]?.lines).toEqual([{ ...line(), sourceLine: 0 }]);
    expect(result.shares[1]?.lines).toEqual([]);
    expect(result).toMatchObject({ exemptFen: 500_000, taxableFen: 0, remainder: [] });
  });

  it('cuts a line by weight when the first member has only part of its value left', () => {
    // a has 2,000 yuan left: 40 kg of the 100 kg at 50 yuan/kg; b takes the other 60 kg.
    const result = split([line()], [member('a', 600_000), member('b')]);
    const [a, b] = result.shares;
    expect(a?.lines).toEqual([{ ...line(), quantity: 40, grossKg: 40.8, netKg: 40, valueFen: 200_000, sourceLine: 0 }]);
    expect(a).toMatchObject({ leftBeforeFen: 200_000, valueFen: 200_000, leftAfterFen: 0 });
    expect(b?.lines).toEqual([{ ...line(), quantity: 60, grossKg: 61.2, netKg: 60, valueFen: 300_000, sourceLine: 0 }]);
    expect(b).toMatchObject({ leftBeforeFen: 800_000, leftAfterFen: 500_000 });
  });

  it('cuts to the gram, keeps the unit price, and never exceeds what is left by a fen', () => {
    // 1 fen left too few for a gram at 50 yuan/kg (5 fen per gram): a takes nothing.
    const result = split([line()], [member('a', 799_999), member('b', 800_000 - 12_346)]);
    expect(result.shares[0]?.lines).toEqual([]);
    const [part] = result.shares[1]?.lines ?? [];
    expect(part).toMatchObject({ quantity: 2.469, grossKg: 2.518, netKg: 2.469, valueFen: 12_345, unitPriceFen: 5_000 });
    expect(result.shares[1]?.leftAfterFen).toBe(1);
    expect(result.remainder).toEqual([
      { ...line(), quantity: 97.531, grossKg: 99.482, netKg: 97.531, valueFen: 487_655, sourceLine: 0, reason: 'no_duty_free_room' },
    ]);
    expect(result.exemptFen + result.taxableFen).toBe(500_000);
  });

  it('cuts pieces only in whole pieces', () => {
    const bags = line({ hsCode: '42021100', name: '箱包', unit: 'pcs', quantity: 10, grossKg: 10, netKg: 9, unitPriceFen: 30_000, valueFen: 300_000 });
    const result = split([bags], [member('a', 800_000 - 100_000), member('b', 800_000 - 150_000)]);
    expect(result.shares.map((s) => s.lines.map((l) => [l.quantity, l.valueFen]))).toEqual([[[3, 90_000]], [[5, 150_000]]]);
    expect(result.remainder.map((l) => [l.quantity, l.valueFen, l.grossKg, l.netKg])).toEqual([[2, 60_000, 2, 1.8]]);
  });

  it('keeps a line whose quantity is not a whole number of steps in one piece', () => {
    const odd = line({ hsCode: '42021100', unit: 'pcs', quantity: 2.5, valueFen: 100_000 });
    const result = split([odd], [member('a', 750_000), member('b', 750_000)]);
    expect(result.shares.every((s) => s.lines.length === 0)).toBe(true);
    expect(result.remainder).toEqual([{ ...odd, sourceLine: 0, reason: 'no_duty_free_room' }]);
    expect(split([odd], [member('a', 750_000), member('b', 700_000)]).shares[1]?.lines).toEqual([{ ...odd, sourceLine: 0 }]);
  });

  it('shares rounding so that the parts add up to the line exactly (1 fen over 3 kg)', () => {
    const cheap = line({ quantity: 0.003, grossKg: 0.003, netKg: 0.003, unitPriceFen: 333, valueFen: 1 });
    const result = split([cheap], [member('a', 800_000), member('b', 799_999)]);
    expect(result.shares[1]?.lines).toEqual([{ ...cheap, sourceLine: 0 }]);
  });

  it('leaves non-exempt goods wholly taxable, whatever room members have', () => {
    const spirits = line({ hsCode: '22084000', name: '白酒', valueFen: 50_000 });
    const result = split([spirits, line({ valueFen: 10_000 })], [member('a')]);
    expect(result.remainder).toEqual([{ ...spirits, sourceLine: 0, reason: 'non_exempt' }]);
    expect(result.shares[0]?.lines).toEqual([{ ...line({ valueFen: 10_000 }), sourceLine: 1 }]);
    expect(result).toMatchObject({ exemptFen: 10_000, taxableFen: 50_000 });
  });

  it('gives nothing to an inactive member and nothing to anyone above the day amount', () => {
    const result = split([line({ valueFen: 2_000_000 })], [member('a', 0, false), member('b', 900_000), member('c', 300_000)]);
    expect(result.shares.map((s) => [s.leftBeforeFen, s.valueFen])).toEqual([[0, 0], [0, 0], [500_000, 500_000]]);
    expect(result.taxableFen).toBe(1_500_000);
  });

  it('reports everything as taxable when the group has no members', () => {
    const result = split([line()], []);
    expect(result).toMatchObject({ shares: [], exemptFen: 0, taxableFen: 500_000 });
  });

  it('places a zero-value line with the first active member', () => {
    const sample = line({ valueFen: 0, unitPriceFen: 0 });
    const result = split([sample], [member('a', 0, false), member('b', 800_000), member('c')]);
    expect(result.shares[1]?.lines).toEqual([{ ...sample, sourceLine: 0 }]);
  });

  it('refuses goods on the negative list or not listed, naming the line', () => {
    const logs = splitGroupDeclaration({ lines: [line(), line({ hsCode: '44031000' })], members: [member('a')], goodsList, policy });
    expect(logs).toMatchObject({ ok: false, error: { code: 'goods_forbidden', field: 'lines.1.hsCode' } });
    const unknown = splitGroupDeclaration({ lines: [line({ hsCode: '9403' })], members: [member('a')], goodsList, policy });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'goods_not_listed', field: 'lines.0.hsCode' } });
  });

  it('refuses a member listed twice', () => {
    const result = splitGroupDeclaration({ lines: [line()], members: [member('a'), member('a')], goodsList, policy });
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', field: 'members.1.residentId' } });
  });
});

const gramsOf = (kg: number) => Math.round(kg * 1000);
const stepsOf = (part: GoodsLine) => (part.unit === 'kg' ? gramsOf(part.quantity) : part.quantity);

const lineArb: fc.Arbitrary<GoodsLine> = fc
  .record({
    kind: fc.constantFrom('nuts', 'bananas', 'bags', 'spirits'),
    steps: fc.integer({ min: 1, max: 2_000_000 }),
    unitPriceFen: fc.integer({ min: 0, max: 2_000_000 }),
    valueFen: fc.integer({ min: 0, max: 5_000_000 }),
    grossGrams: fc.integer({ min: 0, max: 5_000_000 }),
    netGrams: fc.integer({ min: 0, max: 5_000_000 }),
  })
  .map(({ kind, steps, unitPriceFen, valueFen, grossGrams, netGrams }) => {
    const isPieces = kind === 'bags';
    const hsCode = { nuts: '08011100', bananas: '0803', bags: '42021100', spirits: '22084000' }[kind];
    return line({
      hsCode,
      unit: isPieces ? 'pcs' : 'kg',
      quantity: isPieces ? (steps % 500) + 1 : steps / 1000,
      unitPriceFen,
      valueFen,
      grossKg: grossGrams / 1000,
      netKg: netGrams / 1000,
    });
  });
const membersArb = fc.uniqueArray(
  fc.record({ residentId: fc.stringMatching(/^[a-z]{1,6}$/), usedTodayFen: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 900_000 })), isActive: fc.boolean() }),
  { selector: (m) => m.residentId, maxLength: 8 },
);
const splitArb = fc.record({ lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }), members: membersArb });

describe('splitGroupDeclaration properties', () => {
  it('preserves every line exactly: value in fen, quantity in steps, weights in grams, all other fields', () => {
    fc.assert(
      fc.property(splitArb, ({ lines, members }) => {
        const result = split(lines, members);
        const parts = [...result.shares.flatMap((s) => s.lines), ...result.remainder];
        lines.forEach((source, index) => {
          const mine = parts.filter((p) => p.sourceLine === index);
          expect(mine.reduce((sum, p) => sum + p.valueFen, 0)).toBe(source.valueFen);
          expect(mine.reduce((sum, p) => sum + stepsOf(p), 0)).toBe(stepsOf(source));
          expect(mine.reduce((sum, p) => sum + gramsOf(p.grossKg), 0)).toBe(gramsOf(source.grossKg));
          expect(mine.reduce((sum, p) => sum + gramsOf(p.netKg), 0)).toBe(gramsOf(source.netKg));
          for (const { sourceLine: _s, ...p } of mine) {
            const { reason: _r, ...part } = { reason: undefined, ...p };
            expect(pickUnchanged(part)).toEqual(pickUnchanged(source));
            expect(goodsLineSchema.safeParse(part).success).toBe(true);
          }
        });
        expect(result.exemptFen + result.taxableFen).toBe(lines.reduce((sum, l) => sum + l.valueFen, 0));
      }),
      { numRuns: 400 },
    );
  });

  it('puts no member above the amount they had left, and nothing on an inactive member', () => {
    fc.assert(
      fc.property(splitArb, ({ lines, members }) => {
        const result = split(lines, members);
        result.shares.forEach((share, index) => {
          const usage = members[index];
          const left = usage?.isActive ? Math.max(0, 800_000 - usage.usedTodayFen) : 0;
          expect(share.residentId).toBe(usage?.residentId);
          expect(share.leftBeforeFen).toBe(left);
          expect(share.valueFen).toBe(share.lines.reduce((sum, l) => sum + l.valueFen, 0));
          expect(share.valueFen).toBeLessThanOrEqual(left);
          expect(share.leftAfterFen).toBe(left - share.valueFen);
          if (!usage?.isActive) expect(share.lines).toEqual([]);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('leaves nothing taxable that a member could still have taken duty-free', () => {
    fc.assert(
      fc.property(splitArb, ({ lines, members }) => {
        const result = split(lines, members);
        for (const part of result.remainder.filter((p) => p.reason === 'no_duty_free_room')) {
          const source = lines[part.sourceLine];
          if (source === undefined) throw new Error('remainder names a line that does not exist');
          const cuttable = source.unit === 'kg' || Number.isInteger(source.quantity);
          const steps = cuttable ? stepsOf(source) : 1;
          // One step of this line is worth at most ceil(value / steps) fen.
          const oneStepFen = Math.ceil(source.valueFen / steps);
          for (const share of result.shares.filter((s) => s.isActive)) expect(share.leftAfterFen).toBeLessThan(oneStepFen);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic and leaves its input alone', () => {
    fc.assert(
      fc.property(splitArb, ({ lines, members }) => {
        const frozenLines = lines.map((l) => Object.freeze({ ...l }));
        const frozenMembers = members.map((m) => Object.freeze({ ...m }));
        const first = split(frozenLines, frozenMembers);
        const second = split(structuredClone(lines), structuredClone(members));
        expect(second).toEqual(first);
        expect(JSON.parse(JSON.stringify(first))).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});

function pickUnchanged(source: GoodsLine) {
  const { quantity: _q, grossKg: _g, netKg: _n, valueFen: _v, ...rest } = source;
  return rest;
}

describe('splitGroupDeclaration with weight caps (限量)', () => {
  // Nuts capped at 50 kg per resident per day; bags (pieces) capped at 3 kg of net weight.
  const capped: GoodsList = {
    ...goodsList,
    items: goodsList.items.map((i) => (i.hsCode === '0801' ? { ...i, weightCapKg: 50 } : i.hsCode === '4202' ? { ...i, weightCapKg: 3 } : i)),
  };
  const splitCapped = (lines: GoodsLine[], members: GroupMemberUsage[]) => {
    const result = splitGroupDeclaration({ lines, members, goodsList: capped, policy });
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  };
  const counted = (lines: readonly WeighedLine[]) => lines.reduce((sum, l) => sum + countedGrams(l), 0);

  it("places no member above the cap, counting their own lines that day; what no cap leaves room for is reported apart", () => {
    const own: WeighedLine = { hsCode: '08019000', quantity: 20, unit: 'kg', netKg: 20 };
    // 150 kg at RMB 10/kg: value is no limit (RMB 1,500), the caps are.
    const nuts = line({ quantity: 150, grossKg: 150, netKg: 150, unitPriceFen: 1_000, valueFen: 150_000 });
    const result = splitCapped([nuts], [member('a'), { ...member('b'), usedLines: [own] }, member('c')]);
    expect(result.shares.map((s) => s.lines.reduce((kg, l) => kg + l.quantity, 0))).toEqual([50, 30, 50]);
    expect(counted([own, ...(result.shares[1]?.lines ?? [])])).toBe(50_000);
    expect(result.remainder.map((p) => [p.reason, p.quantity, p.valueFen])).toEqual([['weight_cap', 20, 20_000]]);
    expect(result.exemptFen + result.taxableFen).toBe(150_000);
  });

  it('caps goods in pieces by their net weight, and tells a value limit from a cap', () => {
    // 10 bags of 0.5 kg each: 3 kg (6 bags) a member.
    const bags = line({ hsCode: '4202', name: '箱包', unit: 'pcs', quantity: 10, grossKg: 5, netKg: 5, unitPriceFen: 10_000, valueFen: 100_000 });
    const result = splitCapped([bags], [member('a'), member('b')]);
    expect(result.shares.map((s) => s.lines.map((l) => [l.quantity, l.netKg]))).toEqual([[[6, 3]], [[4, 2]]]);
    expect(result.remainder).toEqual([]);
    // The first member can take 6 by the cap but has value left for 5, the second none:
    // the rest is no cap's doing.
    const tight = splitCapped([bags], [member('a', 750_000), member('b', 800_000)]);
    expect(tight.shares[0]?.lines.map((l) => l.quantity)).toEqual([5]);
    expect(tight.remainder.map((p) => [p.reason, p.quantity])).toEqual([['no_duty_free_room', 5]]);
    // The first member has value left but the cap stops them, the second has no value: the cap's doing.
    const capBound = splitCapped([bags], [member('a'), member('b', 800_000)]);
    expect(capBound.remainder.map((p) => [p.reason, p.quantity])).toEqual([['weight_cap', 4]]);
  });
});

describe('splitGroupDeclaration with weight caps: properties', () => {
  const capList: GoodsList = {
    ...goodsList,
    items: goodsList.items.map((i) => (i.hsCode === '0801' ? { ...i, weightCapKg: 40 } : i.hsCode === '4202' ? { ...i, weightCapKg: 2.5 } : i)),
  };
  const ownArb = fc.array(
    fc.record({ hsCode: fc.constantFrom('08011100', '42021100', '0803'), quantity: fc.integer({ min: 1, max: 60 }), netGrams: fc.integer({ min: 0, max: 60_000 }) }).map(
      ({ hsCode, quantity, netGrams }): WeighedLine => ({ hsCode, quantity, unit: hsCode.startsWith('42') ? 'pcs' : 'kg', netKg: netGrams / 1000 }),
    ),
    { maxLength: 3 },
  );
  const cappedArb = fc.record({ lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }), members: fc.array(ownArb, { maxLength: 6 }), base: membersArb });

  it('puts no member above a cap (their own lines counted; one already over takes none of those goods), and still preserves every line', () => {
    fc.assert(
      fc.property(cappedArb, ({ lines, members: owns, base }) => {
        const members = base.map((m, i) => ({ ...m, usedLines: owns[i] ?? [] }));
        const result = splitGroupDeclaration({ lines, members, goodsList: capList, policy });
        if (!result.ok) throw new Error(result.error.message);
        const { shares, remainder, exemptFen, taxableFen } = result.data;
        expect(exemptFen + taxableFen).toBe(lines.reduce((sum, l) => sum + l.valueFen, 0));
        shares.forEach((share, index) => {
          for (const [prefix, capGrams] of [['0801', 40_000], ['4202', 2_500]] as const) {
            const mine = [...(members[index]?.usedLines ?? []), ...share.lines].filter((l) => l.hsCode.startsWith(prefix));
            const placed = share.lines.filter((l) => l.hsCode.startsWith(prefix));
            // A member already over the cap by their own lines gets none; anyone else stays within.
            if (placed.length > 0) expect(mine.reduce((sum, l) => sum + countedGrams(l), 0)).toBeLessThanOrEqual(capGrams);
          }
        });
        lines.forEach((source, index) => {
          const parts = [...shares.flatMap((s) => s.lines), ...remainder].filter((p) => p.sourceLine === index);
          expect(parts.reduce((sum, p) => sum + p.valueFen, 0)).toBe(source.valueFen);
          expect(parts.reduce((sum, p) => sum + stepsOf(p), 0)).toBe(stepsOf(source));
        });
      }),
      { numRuns: 300 },
    );
  });
});
