import {
  type ContainerNumberProblem,
  type CreditCodeProblem,
  containerNumberProblem,
  creditCodeProblem,
} from './two-step-codes';
import type { TwoStepEntry, TwoStepLine } from './two-step';

/** Which rule a summary-declaration problem breaks; the desk may style or count by it. */
export type SummaryRule =
  | 'required' // a basic item (9+2) is missing
  | 'format'
  | 'credit_code'
  | 'hs_code' // 6 digits at least, 10 when 涉检
  | 'licence' // 涉证
  | 'inspection' // 涉检
  | 'guarantee' // 涉税
  | 'container';

export interface SummaryProblem {
  /** Field path in the entry, e.g. `lines.0.hsCode`, the same form zod gives. */
  path: string;
  rule: SummaryRule;
  zh: string;
  en: string;
}

const CREDIT_CODE_TEXT: Record<CreditCodeProblem, { zh: string; en: string }> = {
  length: { zh: '须为18位', en: 'must have 18 characters' },
  characters: { zh: '只能含数字和大写字母（不含 I、O、S、V、Z）', en: 'may hold only digits and capitals other than I, O, S, V, Z' },
  division: { zh: '第3–8位须为行政区划码（6位数字）', en: 'characters 3–8 must be the 6-digit administrative division code' },
  check_character: { zh: '校验位不符（GB 32100-2015），请核对', en: 'check character does not match (GB 32100-2015): check the code' },
};

const CONTAINER_TEXT: Record<ContainerNumberProblem, { zh: string; en: string }> = {
  format: { zh: '须为4位字母加7位数字（ISO 6346）', en: 'must be 4 letters and 7 digits (ISO 6346)' },
  check_digit: { zh: '校验位不符（ISO 6346），请核对', en: 'check digit does not match (ISO 6346): check the number' },
};

/**
 * Every problem that stops a summary declaration (概要申报) from being sent, each with
 * its field path and a message in Chinese and English naming the field and the rule.
 * An empty list means the entry may be declared. Entry number and transport declaration
 * date are not required: customs assigns the first, the carrier files the second.
 */
export function checkSummaryDeclaration(entry: TwoStepEntry): SummaryProblem[] {
  const problems: SummaryProblem[] = [];
  const add = (path: string, rule: SummaryRule, zh: string, en: string) => problems.push({ path, rule, zh, en });
  const required = (path: string, value: string, zh: string, en: string) => {
    if (value.trim() === '') add(path, 'required', `${zh}：必填`, `${en}: required`);
  };

  required('consignee.name', entry.consignee.name, '境内收货人名称', 'consignee name');
  const { creditCode } = entry.consignee;
  if (creditCode === '') {
    add('consignee.creditCode', 'required', '收货人统一社会信用代码：必填', 'consignee unified social credit code: required');
  } else {
    const problem = creditCodeProblem(creditCode);
    if (problem !== null) {
      const text = CREDIT_CODE_TEXT[problem];
      add('consignee.creditCode', 'credit_code', `收货人统一社会信用代码：${text.zh}`, `consignee unified social credit code: ${text.en}`);
    }
  }
  required('transport.name', entry.transport.name, '运输工具名称', 'transport means name');
  required('billOfLadingNo', entry.billOfLadingNo, '提运单号', 'bill of lading number');
  if (entry.billOfLadingNo !== '' && !/^[A-Za-z0-9/_-]{1,32}$/.test(entry.billOfLadingNo)) {
    add('billOfLadingNo', 'format', '提运单号：只能含字母、数字和 / _ -', 'bill of lading number: letters, digits and / _ - only');
  }
  if (entry.tradeMode === '') required('tradeMode', '', '监管方式', 'trade mode');
  else if (!/^\d{4}$/.test(entry.tradeMode)) add('tradeMode', 'format', '监管方式：须为4位代码（如0110）', 'trade mode: a 4-digit code (e.g. 0110)');

  if (entry.lines.length === 0) add('lines', 'required', '商品：至少一项', 'goods lines: at least one');
  entry.lines.forEach((line, index) => {
    checkLine(entry, line, index, add);
  });
  checkContainers(entry, add);
  checkFlagItems(entry, add);
  return problems;
}

type Add = (path: string, rule: SummaryRule, zh: string, en: string) => void;

function checkLine(entry: TwoStepEntry, line: TwoStepLine, index: number, add: Add): void {
  const at = (field: string) => `lines.${index}.${field}`;
  const n = index + 1;
  if (entry.flags.inspection && line.hsCode.length !== 10) {
    add(at('hsCode'), 'hs_code', `涉检：第${n}项商品编码须为10位`, `inspection flag: line ${n} HS code must have 10 digits`);
  } else if (line.hsCode.length < 6) {
    add(at('hsCode'), 'hs_code', `第${n}项商品编码须至少6位`, `line ${n} HS code must have at least 6 digits`);
  }
  if (line.name === '') add(at('name'), 'required', `第${n}项商品名称：必填`, `line ${n} goods name: required`);
  if (line.quantity <= 0) add(at('quantity'), 'required', `第${n}项数量须大于0`, `line ${n} quantity must be above 0`);
  if (line.unit === '') add(at('unit'), 'required', `第${n}项计量单位：必填`, `line ${n} unit: required`);
  if (line.valueFen <= 0) add(at('valueFen'), 'required', `第${n}项总价须大于0`, `line ${n} total price must be above 0`);
  if (!/^[A-Z]{2}$/.test(line.originCountry)) {
    add(at('originCountry'), 'format', `第${n}项原产国须为两位字母代码（如 VN）`, `line ${n} origin must be a two-letter code (e.g. VN)`);
  }
  if (line.grossKg <= 0) add(at('grossKg'), 'required', `第${n}项毛重须大于0`, `line ${n} gross weight must be above 0`);
  if (!entry.flags.inspection) return;
  const items = line.inspection;
  if (items === null) {
    add(at('inspection'), 'inspection', `涉检：第${n}项须填产品资质、检验检疫名称、货物属性、用途`, `inspection flag: line ${n} needs product qualification, CIQ name, goods attribute and purpose`);
    return;
  }
  const fields = [
    ['qualification', '产品资质', 'product qualification'],
    ['ciqName', '检验检疫名称', 'CIQ name'],
    ['goodsAttribute', '货物属性', 'goods attribute'],
    ['purpose', '用途', 'purpose'],
  ] as const;
  for (const [field, zh, en] of fields) {
    if (items[field] === '') add(at(`inspection.${field}`), 'inspection', `涉检：第${n}项${zh}必填`, `inspection flag: line ${n} ${en} is required`);
  }
}

function checkContainers(entry: TwoStepEntry, add: Add): void {
  const seen = new Set<string>();
  entry.containers.forEach((container, index) => {
    const at = `containers.${index}`;
    const n = index + 1;
    const problem = containerNumberProblem(container.number);
    if (problem !== null) {
      const text = CONTAINER_TEXT[problem];
      add(`${at}.number`, 'container', `第${n}个集装箱号${text.zh}`, `container ${n} number ${text.en}`);
    } else if (seen.has(container.number)) {
      add(`${at}.number`, 'container', `集装箱号 ${container.number} 重复`, `container ${container.number} is listed twice`);
    }
    seen.add(container.number);
    for (const lineNo of container.lineNos) {
      if (lineNo > entry.lines.length) {
        add(`${at}.lineNos`, 'container', `第${n}个集装箱所列商品项号 ${lineNo} 不存在`, `container ${n} lists goods line ${lineNo}, which does not exist`);
      }
    }
    if (entry.flags.inspection && container.lineNos.length === 0) {
      add(`${at}.lineNos`, 'inspection', `涉检：第${n}个集装箱须填集装箱商品项号关系`, `inspection flag: container ${n} must list the goods lines it holds`);
    }
  });
}

function checkFlagItems(entry: TwoStepEntry, add: Add): void {
  if (entry.flags.licence) {
    const { licence } = entry;
    if (licence === null || licence.number === '') {
      add('licence.number', 'licence', '涉证：许可证号必填', 'licence flag: licence number is required');
    }
    if (licence === null || licence.documents.length === 0) {
      add('licence.documents', 'licence', '涉证：至少一份随附单证', 'licence flag: at least one accompanying document is required');
    }
    licence?.documents.forEach((document, index) => {
      if (!/^[0-9A-Za-z]{1,4}$/.test(document.code)) {
        add(`licence.documents.${index}.code`, 'licence', `涉证：第${index + 1}份随附单证代码必填`, `licence flag: document ${index + 1} code is required`);
      }
      if (document.number === '') {
        add(`licence.documents.${index}.number`, 'licence', `涉证：第${index + 1}份随附单证编号必填`, `licence flag: document ${index + 1} number is required`);
      }
    });
  }
  if (entry.flags.taxable) {
    const guaranteeNo = entry.guaranteeNo ?? '';
    if (guaranteeNo === '') {
      add('guaranteeNo', 'guarantee', '涉税：担保备案编号必填', 'taxable flag: guarantee filing number is required');
    } else if (!/^[A-Za-z0-9-]{4,32}$/.test(guaranteeNo)) {
      add('guaranteeNo', 'guarantee', '涉税：担保备案编号只能含字母、数字和 -（4–32位）', 'taxable flag: guarantee filing number is 4–32 letters, digits or -');
    }
  }
}
