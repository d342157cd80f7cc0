/**
 * The patient's settlement receipt (结算单/报销凭证) as PDF: who, where, when, the costs by category in and out of the
 * catalogue, the deductible, ratio, the fund's pay and the self-pay, the year-to-date sums after this claim, the clerk
 * and the time (Asia/Shanghai). The ID number is printed with its middle masked.
 */
import { renderPdf, shanghaiTime } from '../../core/pdf/render.ts';
import { heading, keyValues, signatureLines } from '../../core/pdf/blocks.ts';
import { table } from '../../core/pdf/table.ts';
import { conflict } from '../../core/errors.ts';
import { fenText } from '../fund/money.ts';
import type { ClaimView } from './claims.ts';
import type { CapLine } from './breakdown.ts';
import { LINE_CATEGORIES, LINE_CATEGORY_CODES, isAdmission } from './vocabulary.ts';

interface CategoryRow {
  name: string;
  inFen: number;
  outFen: number;
}

function byCategory(claim: ClaimView): CategoryRow[] {
  const rows = LINE_CATEGORY_CODES.map((code) => ({ code, name: LINE_CATEGORIES[code], inFen: 0, outFen: 0 }));
  for (const line of claim.lines) {
    const row = rows.find((r) => r.code === line.category)!;
    if (line.inCatalog) row.inFen += line.amountFen;
    else row.outFen += line.amountFen;
  }
  const used = rows.filter((r) => r.inFen + r.outFen > 0);
  const total = used.reduce((t, r) => ({ ...t, inFen: t.inFen + r.inFen, outFen: t.outFen + r.outFen }), { code: 'total', name: '合计', inFen: 0, outFen: 0 });
  return [...used, total];
}

const percent = (ratio: number | null) => (ratio === null ? '—' : `${(ratio * 100).toFixed(ratio * 100 === Math.round(ratio * 100) ? 0 : 2)}%`);

export async function claimReceiptPdf(claim: ClaimView, options: { compress?: boolean } = {}): Promise<Buffer> {
  const s = claim.settlement;
  if (!s) throw conflict('claim_open', `报销单据 ${claim.claimNo} 尚未结算，没有结算单可打印`);
  return renderPdf({ title: `新农合补偿结算单 ${claim.claimNo}`, compress: options.compress }, (doc) => {
    heading(doc, '新型农村合作医疗补偿结算单');
    keyValues(doc, [
      ['结算单号', claim.claimNo],
      ['结算机构', `${claim.institutionName}（${claim.levelName}）`],
      ['患者姓名', claim.personName],
      ['身份证号', claim.idNumberMasked ?? '—'],
      ['补偿类别', claim.kindName],
      ['诊断', claim.diagnosis || '—'],
      [isAdmission(claim.kind) ? '入院日期' : '就诊日期', claim.admittedOn],
      ['出院日期', isAdmission(claim.kind) ? claim.dischargedOn : '—'],
      ['转诊', claim.referred ? '是' : '否'],
      ['补偿方案', `${s.year} 年度${s.schemeVersion ? `第 ${s.schemeVersion} 版` : ''}`],
    ]);

    heading(doc, '费用（元）', 2);
    const categories = byCategory(claim);
    table(
      doc,
      [
        { header: '类别', width: 2, value: (r: CategoryRow) => r.name },
        { header: '目录内', width: 2, align: 'right', value: (r: CategoryRow) => fenText(r.inFen) },
        { header: '目录外（自费）', width: 2, align: 'right', value: (r: CategoryRow) => fenText(r.outFen) },
        { header: '小计', width: 2, align: 'right', value: (r: CategoryRow) => fenText(r.inFen + r.outFen) },
      ],
      categories,
      { emphasise: (i) => i === categories.length - 1 },
    );
    doc.moveDown(0.5);

    heading(doc, '补偿计算（元）', 2);
    const figures: Array<[string, string]> = [
      ['总费用', fenText(claim.totalFen)],
      ['目录外费用', fenText(claim.outOfCatalogFen)],
      ['目录内（可报）费用', fenText(s.eligibleFen)],
      ['起付线', fenText(s.deductibleFen)],
      ['报销比例', percent(s.ratio)],
      ['统筹基金支付', fenText(s.payFen)],
      ['个人自付', fenText(s.selfPayFen)],
    ];
    if (s.cappedName) figures.push(['封顶', `已达${s.cappedName}`]);
    table(doc, [{ header: '项目', width: 3, value: (r: [string, string]) => r[0] }, { header: '金额', width: 2, align: 'right', value: (r: [string, string]) => r[1] }], figures, {
      emphasise: (i) => i === 5,
    });
    if (s.reasonMessage) {
      doc.moveDown(0.3);
      doc.text(`不予报销：${s.reasonMessage}（${s.reason}）`);
    }
    if (claim.reversal) {
      doc.moveDown(0.3);
      doc.text(`已冲销：${claim.reversal.reason}（${claim.reversal.reversedByName}，${shanghaiTime(new Date(claim.reversal.reversedAt))}）`);
    }
    doc.moveDown(0.5);

    heading(doc, `${s.year} 年度累计补偿（元）`, 2);
    table(
      doc,
      [
        { header: '封顶项目', width: 4, value: (r: CapLine) => r.name },
        { header: '封顶线', width: 2, align: 'right', value: (r: CapLine) => fenText(r.limitFen) },
        { header: '本次后累计', width: 2, align: 'right', value: (r: CapLine) => fenText(r.afterFen) },
        { header: '尚可报销', width: 2, align: 'right', value: (r: CapLine) => fenText(Math.max(0, r.limitFen - r.afterFen)) },
      ],
      s.yearToDate,
    );
    doc.moveDown(0.5);
    keyValues(doc, [
      ['结算人', s.settledByName],
      ['结算时间', shanghaiTime(new Date(s.settledAt))],
    ]);
    signatureLines(doc, ['患者（家属）签字', '经办人签字']);
  });
}
