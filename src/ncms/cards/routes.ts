import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { DateString } from '../../core/http-schemas.ts';
import { todayInShanghai } from '../../core/dates.ts';
import { RELATION_CODES } from '../../core/people/relations.ts';
import { contentDisposition, sendPdf } from '../../core/pdf/http.ts';
import { handOverCard, householdCard, issueCard, issueVillageCards, reissueCard } from './cards.ts';
import { reconcileCards, villageCardRegister } from './card-register.ts';
import { householdCardPdf, villageCardsPdf } from './card-pdf.ts';
import { receiptPdf } from './receipt-pdf.ts';
import { collectionListPdf, collectionListXlsx } from './collection-list.ts';
import { XLSX_TYPE } from '../enrollment/roster-columns.ts';

const year = z.coerce.number().int().min(1900).max(2100).describe('参合年度');
const optionalYear = year.optional().describe('参合年度（显示该年度的参合类别），默认今年');
const HouseholdParams = z.object({ householdId: z.coerce.number().int().positive().describe('户 id') });
const VillageParams = z.object({ areaId: z.coerce.number().int().positive().describe('村（社区）区划 id；不在管辖范围内返回 404') });
const thisYear = () => Number(todayInShanghai().slice(0, 4));

const Handover = z.object({
  handedOn: z.string(),
  handedByName: z.string().describe('发放人（登录用户）'),
  receiverName: z.string().describe('领证人'),
  receiverRelation: z.string(),
  receiverRelationName: z.string().describe('领证人与户主关系'),
  note: z.string().nullable(),
});
const CardVersion = z.object({
  id: z.number(),
  version: z.number().describe('版本：首次发证为 1，每补发一次加 1'),
  status: z.enum(['valid', 'void']).describe('valid 有效 / void 作废'),
  year: z.number().describe('发证时核验的参合年度'),
  issuedOn: z.string(),
  issuedByName: z.string(),
  voidReason: z.string().nullable().describe('作废原因（补发时填写）'),
  voidedOn: z.string().nullable(),
  voidedByName: z.string().nullable(),
  handover: Handover.nullable().describe('发放登记；为空表示尚未发放到户'),
});
const HouseholdCard = z.object({
  householdId: z.number(),
  householdNo: z.string(),
  headName: z.string().nullable(),
  address: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  year: z.number(),
  enrolled: z.boolean().describe('本户该年度是否参合'),
  cardNo: z.string().nullable().describe('合作医疗证号：村级区划代码 12 位 + 户序号 4 位；首次发证时分配，永不改变'),
  card: CardVersion.nullable().describe('当前有效的证'),
  versions: z.array(CardVersion).describe('历次发证（新的在前）'),
  members: z.array(
    z.object({
      personId: z.number(),
      memberNo: z.number().nullable().describe('成员编号（2 位）；新成员在下次发证、补发或发放登记时编号'),
      medicalNo: z.string().nullable().describe('个人医疗证号：证号 + 成员编号，18 位'),
      name: z.string(),
      sex: z.enum(['M', 'F']),
      birthDate: z.string(),
      relationName: z.string(),
      idNumber: z.string().nullable(),
      status: z.enum(['alive', 'deceased', 'moved_out']),
      enrollment: z.object({ category: z.string(), categoryName: z.string(), payerName: z.string(), amountFen: z.number() }).nullable().describe('该年度参合情况；为空表示未参合'),
    }),
  ),
});
const RegisterRow = z.object({ householdId: z.number(), householdNo: z.string(), headName: z.string().nullable(), cardNo: z.string(), card: CardVersion, delivered: z.boolean() });
const EnrolledRow = z.object({ householdId: z.number(), householdNo: z.string(), headName: z.string().nullable(), enrolledPersons: z.number(), paidFen: z.number().describe('本户个人缴纳（分）') });

const tags = ['ncms'];

export const cardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ncms/cards/issue',
    {
      schema: {
        tags,
        summary: '为一户发合作医疗证（须已参合该年度；一户只能有一本有效证）',
        body: z.object({ householdId: z.number().int().positive(), year, issuedOn: DateString.optional().describe('发证日期，默认今天') }),
        response: { 200: HouseholdCard },
      },
    },
    async (request) => issueCard(app.db, requireActor(request), request.body),
  );

  app.post(
    '/ncms/cards/issue-village',
    {
      schema: {
        tags,
        summary: '为一个村该年度已参合、尚无有效证的每一户发证（重复执行不会重复发证）',
        body: z.object({ areaId: z.number().int().positive().describe('村（社区）区划 id'), year, issuedOn: DateString.optional() }),
        response: {
          200: z.object({
            areaId: z.number(),
            year: z.number(),
            enrolledHouseholds: z.number(),
            issued: z.array(z.object({ householdId: z.number(), householdNo: z.string(), headName: z.string().nullable(), cardNo: z.string(), version: z.number() })),
            alreadyHeld: z.number().describe('已持有效证、未重复发证的户数'),
            movedAway: z.number().describe('在本村参合、现已迁往他村登记的户数（请在现住村发证）'),
          }),
        },
      },
    },
    async (request) => issueVillageCards(app.db, requireActor(request), request.body),
  );

  app.post(
    '/ncms/cards/households/:householdId/reissue',
    {
      schema: {
        tags,
        summary: '补发合作医疗证（原证作废并注明原因，证号不变，版本加 1；合管办办理）',
        params: HouseholdParams,
        body: z.object({
          version: z.number().int().positive().describe('被替换的有效证版本（防止重复补发）'),
          reason: z.string().min(1).max(200).describe('补发原因，如：遗失、损毁'),
          issuedOn: DateString.optional(),
        }),
        response: { 200: HouseholdCard },
      },
    },
    async (request) => reissueCard(app.db, requireActor(request), request.params.householdId, request.body),
  );

  app.post(
    '/ncms/cards/households/:householdId/handover',
    {
      schema: {
        tags,
        summary: '发放登记：有效证已交到户（经手人为当前用户）',
        params: HouseholdParams,
        body: z.object({
          handedOn: DateString.optional().describe('发放日期，默认今天'),
          receiverName: z.string().min(1).max(50).describe('领证人姓名'),
          receiverRelation: z.enum(RELATION_CODES).describe('领证人与户主关系（head 即户主本人；other 其他，如代领）'),
          note: z.string().max(200).nullish(),
        }),
        response: { 200: HouseholdCard },
      },
    },
    async (request) => handOverCard(app.db, requireActor(request), request.params.householdId, request.body),
  );

  app.get(
    '/ncms/cards/households/:householdId',
    { schema: { tags, summary: '一户的合作医疗证：证号、成员编号、历次发证与发放', params: HouseholdParams, querystring: z.object({ year: optionalYear }), response: { 200: HouseholdCard } } },
    async (request) => householdCard(app.db, requireActor(request), request.params.householdId, request.query.year ?? thisYear()),
  );

  app.get(
    '/ncms/cards/villages/:areaId/register',
    {
      schema: {
        tags,
        summary: '村发证登记簿：有效证、已发放、未发放',
        params: VillageParams,
        response: { 200: z.object({ areaId: z.number(), areaName: z.string(), issued: z.number(), delivered: z.number(), notDelivered: z.number(), voided: z.number(), rows: z.array(RegisterRow) }) },
      },
    },
    async (request) => villageCardRegister(app.db, requireActor(request), request.params.areaId),
  );

  app.get(
    '/ncms/cards/villages/:areaId/reconciliation',
    {
      schema: {
        tags,
        summary: '卡证核对：参合户数与有效证、已发放证的比对，列出参合未发证、持证未参合、已发证未发放的户',
        params: VillageParams,
        querystring: z.object({ year }),
        response: {
          200: z.object({
            areaId: z.number(),
            areaName: z.string(),
            year: z.number(),
            enrolledHouseholds: z.number(),
            enrolledPersons: z.number(),
            validCards: z.number(),
            enrolledWithCard: z.number(),
            enrolledDelivered: z.number(),
            balanced: z.boolean().describe('参合户与有效证一一对应'),
            enrolledWithoutCard: z.array(EnrolledRow).describe('已参合（已收费）未发证'),
            cardWithoutEnrollment: z.array(RegisterRow).describe('持有效证但本年度未参合'),
            notDelivered: z.array(RegisterRow).describe('已发证未登记发放'),
          }),
        },
      },
    },
    async (request) => reconcileCards(app.db, requireActor(request), request.params.areaId, request.query.year),
  );

  app.get(
    '/ncms/cards/households/:householdId/card.pdf',
    { schema: { tags, summary: '打印一户的合作医疗证（PDF）', params: HouseholdParams, querystring: z.object({ year: optionalYear }) } },
    async (request, reply) => {
      const { pdf, filename } = await householdCardPdf(app.db, requireActor(request), request.params.householdId, request.query.year ?? thisYear());
      return sendPdf(reply, pdf, filename, { inline: true });
    },
  );

  app.get(
    '/ncms/cards/villages/:areaId/cards.pdf',
    { schema: { tags, summary: '批量打印一个村的全部有效合作医疗证（PDF，每户一页）', params: VillageParams, querystring: z.object({ year: optionalYear }) } },
    async (request, reply) => {
      const { pdf, filename } = await villageCardsPdf(app.db, requireActor(request), request.params.areaId, request.query.year ?? thisYear());
      return sendPdf(reply, pdf, filename, { inline: true });
    },
  );

  app.get(
    '/ncms/cards/households/:householdId/receipt.pdf',
    { schema: { tags, summary: '打印一户该年度的参合缴费收据（PDF）', params: HouseholdParams, querystring: z.object({ year }) } },
    async (request, reply) => {
      const { pdf, filename } = await receiptPdf(app.db, requireActor(request), request.params.householdId, request.query.year);
      return sendPdf(reply, pdf, filename, { inline: true });
    },
  );

  app.get(
    '/ncms/cards/villages/:areaId/collection.pdf',
    { schema: { tags, summary: '村参合费收缴清单（PDF，交乡镇财政所）', params: VillageParams, querystring: z.object({ year }) } },
    async (request, reply) => {
      const { pdf, filename } = await collectionListPdf(app.db, requireActor(request), request.params.areaId, request.query.year);
      return sendPdf(reply, pdf, filename);
    },
  );

  app.get(
    '/ncms/cards/villages/:areaId/collection.xlsx',
    { schema: { tags, summary: '村参合费收缴清单（Excel）', params: VillageParams, querystring: z.object({ year }) } },
    async (request, reply) => {
      const { buffer, filename } = await collectionListXlsx(app.db, requireActor(request), request.params.areaId, request.query.year);
      return reply.type(XLSX_TYPE).header('content-disposition', contentDisposition(filename)).send(buffer);
    },
  );
};
