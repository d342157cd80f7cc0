import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { pageQuery, pageSchema } from '../list-page.ts';
import { institutionMeta } from './catalog.ts';
import { createInstitution, getInstitution, listInstitutions, updateInstitution } from './institutions.ts';
import { addStaff, getStaffMember, updateStaff } from './staff.ts';
import { IdParams } from '../http-schemas.ts';
import { changeThenRead } from '../change-then-read.ts';

const tags = ['institutions'];
const Sex = z.enum(['M', 'F']);

const Institution = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  level: z.string(),
  levelName: z.string(),
  areaId: z.number(),
  areaName: z.string(),
  parentId: z.number().nullable(),
  designations: z.array(z.string()),
  address: z.string(),
  phone: z.string().nullable(),
  active: z.boolean(),
  staffCount: z.number(),
});

const StaffMember = z.object({
  id: z.number(),
  name: z.string(),
  sex: Sex.nullable(),
  idNumber: z.string().nullable(),
  role: z.string(),
  roleName: z.string(),
  qualification: z.string().nullable(),
  qualificationName: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});

const InstitutionDetail = Institution.extend({
  parentName: z.string().nullable(),
  staffDetailsVisible: z.boolean(),
  staff: z.array(StaffMember),
});

// Kinds, levels and flags are checked by the service against the catalog, so that the
// message names the field and lists the choices in Chinese.
const InstitutionBody = z.object({
  code: z.string().max(64),
  name: z.string().max(100),
  kind: z.string().max(40),
  level: z.string().max(40),
  areaId: z.number().int(),
  parentId: z.number().int().nullable().optional(),
  designations: z.array(z.string().max(40)).max(20).optional(),
  address: z.string().max(200).optional(),
  phone: z.string().max(40).nullable().optional(),
});

const StaffBody = z.object({
  name: z.string().max(50),
  sex: Sex.nullable().optional(),
  idNumber: z.string().max(30).nullable().optional(),
  role: z.string().max(40),
  qualification: z.string().max(40).nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
});

const Meta = z.object({
  kinds: z.array(z.object({ kind: z.string(), name: z.string(), levels: z.array(z.object({ level: z.string(), areaLevel: z.string() })) })),
  levels: z.array(z.object({ level: z.string(), name: z.string() })),
  areaLevels: z.array(z.object({ level: z.string(), name: z.string() })),
  designations: z.array(z.object({ designation: z.string(), name: z.string() })),
  staffRoles: z.array(z.object({ role: z.string(), name: z.string() })),
  qualifications: z.array(z.object({ qualification: z.string(), name: z.string() })),
});

export const institutionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/institutions/meta', { schema: { tags, summary: '机构类别、级别、标识、人员类别和执业资格的代码表', response: { 200: Meta } } }, async (request) => {
    requireActor(request);
    return institutionMeta();
  });

  app.get(
    '/institutions',
    {
      schema: {
        tags,
        summary: '机构名录（按名称/代码、类别、级别、区划筛选）',
        querystring: z.object({
          q: z.string().max(100).optional(),
          kind: z.string().max(40).optional(),
          level: z.string().max(40).optional(),
          areaId: z.coerce.number().int().optional(),
          ...pageQuery,
        }),
        response: { 200: pageSchema(Institution) },
      },
    },
    async (request) => listInstitutions(app.db, requireActor(request), request.query),
  );

  app.get(
    '/institutions/:id',
    { schema: { tags, summary: '机构详情及人员（管辖范围外的机构不显示人员身份证号和电话）', params: IdParams, response: { 200: InstitutionDetail } } },
    async (request) => getInstitution(app.db, requireActor(request), request.params.id),
  );

  app.post(
    '/institutions',
    { schema: { tags, summary: '新增机构', body: InstitutionBody, response: { 201: InstitutionDetail } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await createInstitution(app.db, actor, request.body);
      return reply.status(201).send(await getInstitution(app.db, actor, id));
    },
  );

  app.patch(
    '/institutions/:id',
    {
      schema: {
        tags,
        summary: '修改机构信息（含停用）',
        params: IdParams,
        body: InstitutionBody.partial().extend({ active: z.boolean().optional() }),
        response: { 200: InstitutionDetail },
      },
    },
    changeThenRead(app, updateInstitution, getInstitution),
  );

  app.post(
    '/institutions/:id/staff',
    { schema: { tags, summary: '登记机构人员', params: IdParams, body: StaffBody, response: { 201: StaffMember } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const staffId = await addStaff(app.db, actor, request.params.id, request.body);
      return reply.status(201).send(await getStaffMember(app.db, actor, staffId));
    },
  );

  app.patch(
    '/staff/:id',
    {
      schema: {
        tags,
        summary: '修改人员信息（含停用、调往其他机构）',
        params: IdParams,
        body: StaffBody.partial().extend({ active: z.boolean().optional(), institutionId: z.number().int().optional() }),
        response: { 200: StaffMember },
      },
    },
    changeThenRead(app, updateStaff, getStaffMember),
  );
};
