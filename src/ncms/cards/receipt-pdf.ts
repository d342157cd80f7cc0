/**
 * The contribution receipt (参合缴费收据) of a household's enrollment in a year: who was enrolled in which category,
 * what the household paid itself and what funds pay for its subsidised members, in figures and capitals.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { getArea } from '../../core/areas/areas.ts';
import { invalid } from '../../core/errors.ts';
import { getHousehold } from '../../core/people/households.ts';
import { renderPdf } from '../../core/pdf/render.ts';
import { heading, keyValues, signatureLines } from '../../core/pdf/blocks.ts';
import { table } from '../../core/pdf/table.ts';
import type { EnrollmentView } from '../enrollment/enrollment.ts';
import { checkYear, enrollmentsOfYear } from '../enrollment/enrollment.ts';
import { requireEnrollmentRead } from '../enrollment/access.ts';
import { areaNames, cardRecords } from './card-records.ts';
import { yuanInWords } from './money-words.ts';
import { fenText } from '../fund/money.ts';

/** The distinct non-empty values, in order, joined for one line of the receipt. */
const distinct = (values: ReadonlyArray<string | null>) => [...new Set(values.filter((v): v is string => Boolean(v)))].join('、');

interface ReceiptLine {
  no: string;
  name: string;
  idNumber: string;
  category: string;
  payer: string;
  amount: string;
}

export async function receiptPdf(db: Db, actor: Actor, householdId: number, year: number): Promise<{ pdf: Buffer; filename: string }> {
  requireEnrollmentRead(actor);
  checkYear(year);
  const household = await getHousehold(db, actor, householdId);
  const enrollments = await enrollmentsOfYear(db, actor, { year, householdIds: [household.id] });
  if (enrollments.length === 0) throw invalid('year', `户编号 ${household.householdNo}（户主 ${household.headName ?? '未登记'}）${year} 年度没有参合记录，无收据可打印`, 'not_enrolled');
  const [places, records] = await Promise.all([areaNames(db, actor, await getArea(db, actor, household.areaId)), cardRecords(db, [household.id])]);
  const sum = (rows: EnrollmentView[]) => rows.reduce((total, e) => total + e.amountFen, 0);
  const paid = sum(enrollments.filter((e) => e.payer === 'individual'));
  const subsidised = sum(enrollments.filter((e) => e.payer !== 'individual'));

  const lines: ReceiptLine[] = enrollments.map((e, i) => ({
    no: String(i + 1),
    name: e.personName,
    idNumber: e.idNumber ?? '',
    category: e.categoryName,
    payer: e.payerName,
    amount: fenText(e.amountFen),
  }));
  const totals: ReceiptLine[] = [
    { no: '', name: '个人缴纳合计', idNumber: '', category: '', payer: '', amount: fenText(paid) },
    { no: '', name: '代缴合计', idNumber: '', category: '', payer: '', amount: fenText(subsidised) },
  ];

  const pdf = await renderPdf({ title: `参合缴费收据 ${household.householdNo} ${year}`, subject: '新型农村合作医疗参合缴费收据' }, (doc) => {
    heading(doc, `${places.county}新型农村合作医疗参合缴费收据`);
    doc.fontSize(11).text(`${year} 年度`, { align: 'center' }).moveDown(0.5);
    keyValues(doc, [
      ['收据号', distinct(enrollments.map((e) => e.receiptNo))],
      ['缴费日期', distinct(enrollments.map((e) => e.collectedOn))],
      ['户编号', household.householdNo],
      ['户主', household.headName ?? ''],
      ['所在村', `${places.township}${household.areaName}`],
      ['合作医疗证号', records.get(household.id)?.cardNo ?? '未发证'],
    ]);
    table(
      doc,
      [
        { header: '序号', width: 0.6, align: 'center', value: (l: ReceiptLine) => l.no },
        { header: '姓名', width: 1.6, value: (l) => l.name },
        { header: '身份证号', width: 2.8, value: (l) => l.idNumber },
        { header: '参合类别', width: 1.2, align: 'center', value: (l) => l.category },
        { header: '缴费方', width: 1.6, align: 'center', value: (l) => l.payer },
        { header: '金额（元）', width: 1.3, align: 'right', value: (l) => l.amount },
      ],
      [...lines, ...totals],
      { emphasise: (i) => i >= lines.length },
    );
    keyValues(doc, [['本户实缴金额（大写）', `人民币${yuanInWords(paid)}`]], { columns: 1 });
    keyValues(doc, [['收款人', distinct(enrollments.map((e) => e.collectedByName))]], { columns: 1 });
    signatureLines(doc, ['缴款人（签字）', '收款人（签字）']);
    doc.fontSize(9).fillColor('#444444').text('代缴人员的个人缴费由所示部门或资金支付，不向本户收取。本收据一式两联：第一联交缴款户，第二联村卫生室留存。').fillColor('black');
  });
  return { pdf, filename: `参合缴费收据-${household.areaName}-${household.householdNo}-${year}.pdf` };
}
