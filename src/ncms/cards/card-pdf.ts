/**
 * The printed card (《新型农村合作医疗证》): a cover (county, card number, head, village and address, issue date) and
 * the inside (members with their numbers and this year's enrollment category), one card per page. A village's cards
 * print as one file for the batch issue.
 */
import type { Db } from '../../core/db/connection.ts';
import type { Actor } from '../../core/auth/actor.ts';
import { getArea } from '../../core/areas/areas.ts';
import { conflict, invalid } from '../../core/errors.ts';
import { householdsInArea } from '../../core/people/households.ts';
import { SEX_NAMES } from '../../core/people/relations.ts';
import { renderPdf, type PdfDocument } from '../../core/pdf/render.ts';
import { contentWidth, heading, keyValues } from '../../core/pdf/blocks.ts';
import { PDF_FONT } from '../../core/pdf/fonts.ts';
import { table } from '../../core/pdf/table.ts';
import { checkYear, enrollmentsOfYear } from '../enrollment/enrollment.ts';
import { requireEnrollmentRead } from '../enrollment/access.ts';
import { householdCard } from './cards.ts';
import { areaNames, cardRecords, householdCardView, scopedVillage, type CardMemberView, type HouseholdCardView } from './card-records.ts';

type Places = Awaited<ReturnType<typeof areaNames>>;

const MEMBER_COLUMNS = [
  { header: '编号', width: 0.8, align: 'center' as const, value: (m: CardMemberView) => (m.memberNo === null ? '待编号' : String(m.memberNo).padStart(2, '0')) },
  { header: '姓名', width: 1.4, value: (m: CardMemberView) => m.name },
  { header: '性别', width: 0.7, align: 'center' as const, value: (m: CardMemberView) => SEX_NAMES[m.sex] },
  { header: '出生日期', width: 1.6, align: 'center' as const, value: (m: CardMemberView) => m.birthDate },
  { header: '与户主关系', width: 1.4, align: 'center' as const, value: (m: CardMemberView) => m.relationName },
  { header: '身份证号', width: 2.9, value: (m: CardMemberView) => m.idNumber ?? '' },
  { header: '参合类别', width: 1.4, align: 'center' as const, value: (m: CardMemberView) => m.enrollment?.categoryName ?? '未参合' },
];

/** One card on the current page. */
function drawCard(doc: PdfDocument, card: HouseholdCardView, places: Places): void {
  const version = card.card!;
  const left = doc.page.margins.left;
  const top = doc.y;
  doc.font(PDF_FONT.regular).fontSize(12).text(places.county, left, top + 16, { width: contentWidth(doc), align: 'center' });
  doc.font(PDF_FONT.bold).fontSize(24).text('新型农村合作医疗证', left, doc.y + 6, { width: contentWidth(doc), align: 'center' });
  doc.font(PDF_FONT.bold).fontSize(13).text(`证号：${card.cardNo}`, left, doc.y + 8, { width: contentWidth(doc), align: 'center' });
  doc.moveDown(1);
  keyValues(doc, [
    ['户主', card.headName ?? ''],
    ['户编号', card.householdNo],
    ['所在村', `${places.township}${card.areaName}`],
    ['住址', card.address],
    ['发证日期', version.issuedOn],
    ['版本', version.version === 1 ? '第 1 版' : `第 ${version.version} 版（补发）`],
    ['发证机构', `${places.county}新型农村合作医疗管理办公室`],
  ]);
  // The cover's frame sits a little into the margin so the text inside keeps clear of it.
  doc.rect(left - 12, top, contentWidth(doc) + 24, doc.y - top + 6).lineWidth(1.5).stroke();
  doc.y += 24;
  heading(doc, `家庭成员（${card.year} 年度参合情况）`, 2);
  table(doc, MEMBER_COLUMNS, card.members.filter((m) => m.status === 'alive'));
  doc
    .fontSize(9)
    .fillColor('#444444')
    .text(`个人医疗证号为本证号加两位成员编号。本证全户通用、跨年度有效，每年参合后由村卫生室核验；遗失、损毁请到合管办申请补发，原证作废。`, { width: contentWidth(doc) })
    .fillColor('black');
}

/** Cards one per page (exported for the speed test: 400 cards, one village). */
export const renderCards = (title: string, cards: HouseholdCardView[], places: Places) =>
  renderPdf({ title, subject: '新型农村合作医疗证' }, (doc) => {
    cards.forEach((card, i) => {
      if (i > 0) doc.addPage();
      drawCard(doc, card, places);
    });
  });

export async function householdCardPdf(db: Db, actor: Actor, householdId: number, year: number): Promise<{ pdf: Buffer; filename: string }> {
  const card = await householdCard(db, actor, householdId, year);
  if (!card.card) throw conflict('no_card', `户编号 ${card.householdNo}（户主 ${card.headName ?? '未登记'}）还没有有效的合作医疗证，请先发证`, 'householdId');
  const places = await areaNames(db, actor, await getArea(db, actor, card.areaId));
  return { pdf: await renderCards(`合作医疗证 ${card.cardNo}`, [card], places), filename: `合作医疗证-${card.cardNo}.pdf` };
}

/** Every valid card of the village's households, in 户编号 order, one per page. */
export async function villageCardsPdf(db: Db, actor: Actor, areaId: number, year: number): Promise<{ pdf: Buffer; filename: string }> {
  requireEnrollmentRead(actor);
  checkYear(year);
  const village = await scopedVillage(db, actor, areaId);
  const [households, enrollments, places] = await Promise.all([householdsInArea(db, actor, village.id), enrollmentsOfYear(db, actor, { year, areaId: village.id }), areaNames(db, actor, village)]);
  const records = await cardRecords(db, households.map((h) => h.id));
  const cards = households.map((h) => householdCardView(h, records.get(h.id), enrollments, year)).filter((c) => c.card);
  if (cards.length === 0) throw invalid('areaId', `${village.name}还没有有效的合作医疗证，请先发证`, 'no_card');
  return { pdf: await renderCards(`${village.name}合作医疗证`, cards, places), filename: `合作医疗证-${village.name}-${year}.pdf` };
}
