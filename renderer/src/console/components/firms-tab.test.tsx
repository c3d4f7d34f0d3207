import { describe, expect, it } from 'vitest';
import { newProcessingFirmRequestSchema } from '../../../../shared/index';
import { problemOf } from './FirmsTab';

describe('firms tab', () => {
  it('names the field and the rule of a bad firm before anything is sent', () => {
    const parsed = newProcessingFirmRequestSchema.safeParse({ name: '东兴加工厂', creditCode: '91450681MA5KX12343', warehouseAddress: '东兴' });
    if (parsed.success) throw new Error('a wrong check character was accepted');
    const problem = problemOf(parsed.error);
    expect(problem).toMatchObject({ code: 'validation', field: 'creditCode' });
    expect(problem.message).toContain('统一社会信用代码');
  });
});
