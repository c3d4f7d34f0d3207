import { fail, type ProcessingFirm, type ProcessingPolicy } from '../../../shared/index';
import type { RecordKind } from '../record-kinds';

/**
 * Processing firms (加工企业) and the processing policy in the pull feed. Both are reference
 * data written only by HQ's administrators (server/admin/processing-write.ts), so no
 * mutation type is theirs: the kinds exist so that the feed reads their tables.
 */
const refuse = (what: string) => (mutation: { type: string }) =>
  fail<never>('bad_request', `${what}由 HQ 管理员维护，柜台不能提交 / ${what} are kept by HQ administrators: ${mutation.type}`, 'type');

export const processingFirmKind: RecordKind<ProcessingFirm> = {
  name: 'processing_firm',
  mutationTypes: [],
  table: 'processing_firms',
  keyColumn: 'firm_id',
  entity: 'processing_firm',
  columns: [{ name: 'credit_code', type: 'text' }],
  keysOf: () => [],
  decide: refuse('加工企业'),
  keyOf: (firm) => firm.id.toLowerCase(),
  columnsOf: (firm) => ({ credit_code: firm.creditCode }),
};

export const processingPolicyKind: RecordKind<ProcessingPolicy> = {
  name: 'processing_policy',
  mutationTypes: [],
  table: 'processing_policies',
  keyColumn: 'policy_id',
  entity: 'processing_policy',
  columns: [
    { name: 'version', type: 'int8' },
    { name: 'effective_from', type: 'date' },
  ],
  keysOf: () => [],
  decide: refuse('加工政策'),
  keyOf: (policy) => policy.id.toLowerCase(),
  columnsOf: (policy) => ({ version: policy.version, effective_from: policy.effectiveFrom }),
};
