import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { pageQuery, pageSchema } from '../list-page.ts';
import { RELATIONS, RELATION_CODES } from './relations.ts';
import { addMember, createHousehold, getHousehold, listHouseholds } from './households.ts';
import { getPerson, searchPersons, setPersonStatus, updatePerson } from './persons.ts';
import { exportPersonsXlsx } from './person-export.ts';
import { DateString, IdParams } from '../http-schemas.ts';
import { changeThenRead } from '../change-then-read.ts';
import { PersonStatus, PersonSummarySchema, Sex } from './person-schemas.ts';

const date = DateString;
const text = (max: number) => z.string().max(max);

const PersonSummary = PersonSummarySchema;

const PersonDetail = PersonSummary.extend({
  phone: z.string().nullable(),
  ethnicity: z.string().nullable(),
  household: z.object({ id: z.number(), householdNo: z.string(), address: z.string(), members: z.array(PersonSummary) }),
});

const HouseholdSummary = z.object({
  id: z.number(),
  householdNo: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  address: z.string(),
  phone: z.string().nullable(),
  headName: z.string().nullable(),
  headIdNumber: z.string().nullable(),
  memberCount: z.number().describe('在册（健在且未迁出）成员数'),
});

const Member = z.object({
  name: text(50),
  idNumber: text(24).optional().describe('18 位或旧版 15 位身份证号；新生儿可暂缺，须填性别和出生日期'),
  sex: Sex.optional(),
  birthDate: date.optional(),
  relation: z.enum(RELATION_CODES).describe('与户主关系代码，见 GET /api/relations'),
  phone: text(30).optional(),
  ethnicity: text(20).optional(),
});

const capped = { totalCapped: z.boolean().describe(`为 true 时 total 只数到上限，实际更多`) };
const q = z.string().max(50).optional().describe('完整身份证号（精确）或姓名开头');
const areaId = z.coerce.number().int().positive().optional().describe('限定区划（含下级）；不在管辖范围内返回 404');

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/relations',
    { schema: { tags: ['people'], summary: '与户主关系代码表', response: { 200: z.array(z.object({ code: z.string(), name: z.string() })) } } },
    async (request) => {
      requireActor(request);
      return RELATIONS.map((r) => ({ ...r }));
    },
  );

  app.get(
    '/persons',
    {
      schema: {
        tags: ['people'],
        summary: '人员查询（身份证号或姓名）',
        querystring: z.object({ q, areaId, status: PersonStatus.optional(), ...pageQuery }),
        response: { 200: pageSchema(PersonSummary).extend(capped) },
      },
    },
    async (request) => searchPersons(app.db, requireActor(request), request.query),
  );

  app.get(
    '/persons/export.xlsx',
    {
      schema: {
        tags: ['people'],
        summary: '导出人员名单（Excel）',
        querystring: z.object({ q, areaId, status: PersonStatus.optional() }),
      },
    },
    async (request, reply) => {
      const { buffer } = await exportPersonsXlsx(app.db, requireActor(request), request.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="persons.xlsx"; filename*=UTF-8''${encodeURIComponent('人员名单.xlsx')}`)
        .send(buffer);
    },
  );

  app.get(
    '/persons/:id',
    { schema: { tags: ['people'], summary: '人员详情（含同户成员）', params: IdParams, response: { 200: PersonDetail } } },
    async (request) => getPerson(app.db, requireActor(request), request.params.id),
  );

  app.patch(
    '/persons/:id',
    {
      schema: {
        tags: ['people'],
        summary: '修改人员信息（含补录身份证号）',
        params: IdParams,
        body: z.object({
          name: text(50).optional(),
          idNumber: text(24).optional(),
          sex: Sex.optional(),
          birthDate: date.optional(),
          relation: z.enum(RELATION_CODES).optional(),
          phone: text(30).nullable().optional(),
          ethnicity: text(20).nullable().optional(),
        }),
        response: { 200: PersonDetail },
      },
    },
    changeThenRead(app, updatePerson, getPerson),
  );

  app.post(
    '/persons/:id/status',
    {
      schema: {
        tags: ['people'],
        summary: '登记死亡、迁出或恢复在册',
        params: IdParams,
        body: z.object({ status: PersonStatus, date: date.nullable().optional().describe('死亡或迁出日期；恢复在册时不填') }),
        response: { 200: PersonDetail },
      },
    },
    changeThenRead(app, setPersonStatus, getPerson),
  );

  app.get(
    '/households',
    {
      schema: {
        tags: ['people'],
        summary: '户查询（成员身份证号、户编号或户主姓名）',
        querystring: z.object({ q, areaId, ...pageQuery }),
        response: { 200: pageSchema(HouseholdSummary).extend(capped) },
      },
    },
    async (request) => listHouseholds(app.db, requireActor(request), request.query),
  );

  const HouseholdDetail = HouseholdSummary.extend({ members: z.array(PersonSummary) });

  app.get(
    '/households/:id',
    { schema: { tags: ['people'], summary: '户详情（含成员）', params: IdParams, response: { 200: HouseholdDetail } } },
    async (request) => getHousehold(app.db, requireActor(request), request.params.id),
  );

  app.post(
    '/households',
    {
      schema: {
        tags: ['people'],
        summary: '建户（连同成员一次登记）',
        body: z.object({ areaId: z.number().int().positive(), address: text(200), phone: text(30).optional(), members: z.array(Member).min(1) }),
        response: { 201: HouseholdDetail },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createHousehold(app.db, actor, request.body);
      return reply.status(201).send(await getHousehold(app.db, actor, id));
    },
  );

  app.post(
    '/households/:id/members',
    {
      schema: { tags: ['people'], summary: '增加户成员', params: IdParams, body: Member, response: { 201: PersonDetail } },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const personId = await addMember(app.db, actor, request.params.id, request.body);
      return reply.status(201).send(await getPerson(app.db, actor, personId));
    },
  );
};
