import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoodsLine } from '../../../shared/index';
import { type DeskDb, type DeskDeclaration, openDeskDb } from '../db/desk-db';
import * as demo from '../testing/demo-data';
import { priceText, recentGoods, recentGoodsOf } from './recent-goods';

const alice = demo.resident(1);
const bob = demo.resident(2);

function line(hsCode: string, quantity: number, unitPriceFen: number): GoodsLine {
  return { hsCode, name: `goods ${hsCode}`, originCountry: 'VN', quantity, unit: 'kg', grossKg: quantity, netKg: quantity, unitPriceFen, valueFen: quantity * unitPriceFen };
}

function declared(of: typeof alice, tradeDate: string, declaredAt: string, lines: GoodsLine[]): DeskDeclaration {
  const totalFen = lines.reduce((s, l) => s + l.valueFen, 0);
  return { ...demo.draft(of, totalFen, { tradeDate, declaredAt, lines, totalFen, exemptFen: totalFen }), status: 'declared', hqExemptFen: null, hqTaxableFen: null, hqReceivedAt: null, flags: [], version: 1, edits: {} };
}

describe('recentGoodsOf', () => {
  it('lists each HS code once, newest first, with the latest price and quantity', () => {
    const picks = recentGoodsOf(
      [
        declared(alice, '2026-03-01', '2026-03-01T02:00:00.000Z', [line('0801', 100, 3000), line('0901', 5, 9000)]),
        declared(alice, '2026-03-02', '2026-03-02T01:00:00.000Z', [line('0803', 50, 2000)]),
        declared(alice, '2026-03-02', '2026-03-02T03:00:00.000Z', [line('0801', 80, 3200)]),
      ],
      demo.goodsList,
    );
    expect(picks.map((p) => [p.hsCode, p.unitPriceFen, p.lastQuantity, p.lastTradeDate])).toEqual([
      ['0801', 3200, 80, '2026-03-02'],
      ['0803', 2000, 50, '2026-03-02'],
      ['0901', 9000, 5, '2026-03-01'],
    ]);
    expect(picks[0]).toMatchObject({ name: '坚果', nameEn: 'Nuts', unit: 'kg' });
  });

  it('leaves out goods the list in force forbids or no longer lists, and stops at the limit', () => {
    const many = declared(alice, '2026-03-01', '2026-03-01T02:00:00.000Z', [line('4001', 1, 100), line('7777', 1, 100), line('0801', 1, 100), line('0803', 1, 100), line('0901', 1, 100)]);
    expect(recentGoodsOf([many], demo.goodsList).map((p) => p.hsCode)).toEqual(['0801', '0803', '0901']);
    expect(recentGoodsOf([many], demo.goodsList, 2).map((p) => p.hsCode)).toEqual(['0801', '0803']);
    // Without a list (not synced yet) nothing can be judged, so nothing is hidden.
    expect(recentGoodsOf([many], null)).toHaveLength(5);
  });
});

describe('recentGoods on the desk', () => {
  let db: DeskDb;
  beforeEach(() => {
    db = openDeskDb(demo.PORT, `recent${crypto.randomUUID().slice(0, 8)}`);
  });
  afterEach(async () => {
    await db.delete();
  });

  it("reads only the resident's own declarations and skips those HQ refused", async () => {
    const kept = declared(alice, '2026-03-01', '2026-03-01T02:00:00.000Z', [line('0801', 10, 3000)]);
    const refused = declared(alice, '2026-03-02', '2026-03-02T02:00:00.000Z', [line('0803', 10, 2000)]);
    const other = declared(bob, '2026-03-03', '2026-03-03T02:00:00.000Z', [line('0901', 10, 9000)]);
    await db.declarations.bulkPut([kept, refused, other]);
    await db.rejections.put({ mutationId: 'm1', recordId: refused.id, code: 'resident_not_found', message: 'no', field: null, at: '' });
    expect((await recentGoods(db, alice.id, demo.goodsList)).map((p) => p.hsCode)).toEqual(['0801']);
    expect((await recentGoods(db, bob.id, demo.goodsList)).map((p) => p.hsCode)).toEqual(['0901']);
    expect(await recentGoods(db, demo.resident(3).id, demo.goodsList)).toEqual([]);
  });
});

describe('priceText', () => {
  it('writes fen as the price field takes them', () => {
    expect(priceText(3000)).toBe('30');
    expect(priceText(1250)).toBe('12.50');
    expect(priceText(5)).toBe('0.05');
  });
});
