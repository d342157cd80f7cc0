import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.ts';
import { DateFormat, IdParams } from '../../core/http-schemas.ts';
import { pageQuery, pageSchema } from '../../core/list-page.ts';
import { sendPdf } from '../../core/pdf/http.ts';
import { addClaimLines, getClaim, listClaims, registerClaim, removeClaimLine } from './claims.ts';
import { settleAtDischarge, settleVisit } from './settle.ts';
import { reverseClaim } from './reverse.ts';
import { personYearToDate } from './year-to-date-summary.ts';
import { claimReceiptPdf } from './receipt.ts';
import { CLAIM_KIND_CODES, CLAIM_STATUS_CODES, LINE_CATEGORY_CODES } from './vocabulary.ts';

const level = z.enum(['village', 'township', 'county', 'outside']);
const decimal = (what: string) => z.union([z.number(), z.string().max(20)]).describe(what);
const requestId = z.string().min(8).max(80).optional().describe('本次提交的唯一编号；重复提交同一编号返回第一次的结果，同一编号提交不同内容返回 409');

const LineInput = z.object({
  name: z.string().max(100).describe('项目名称（药品名、检查名等）'),
  category: z.enum(LINE_CATEGORY_CODES).describe('费用类别：drug 药品、exam 检查、treatment 治疗、bed 床位、material 材料、other 其他'),
  inCatalog: z.boolean().describe('是否目录内（目录外费用自付）'),
  quantity: decimal('数量，大于 0，最多两位小数'),
  unitPrice: decimal('单价（元），最多两位小数'),
});

const ClaimInput = {
  personId: z.number().int().positive().optional().describe('患者（居民）编号；与身份证号二选一'),
  idNumber: z.string().max(20).optional().describe('患者身份证号（18 位或旧 15 位）；全县居民均可'),
  kind: z.enum(CLAIM_KIND_CODES).describe('补偿类别：outpatient 门诊统筹、inpatient 住院、chronic 特殊慢病门诊、delivery 住院分娩'),
  admittedOn: DateFormat.describe('入院日期（门诊为就诊日期），不晚于今天'),
  diagnosis: z.string().max(20).nullable().optional().describe('诊断编码 ICD-10（如 I10、C92.0）；门诊统筹可不填'),
  referred: z.boolean().optional().describe('是否办理转诊（县外就医时影响报销比例）'),
  requestId,
};

const LineView = z.object({
  id: z.number(),
  name: z.string(),
  category: z.enum(LINE_CATEGORY_CODES),
  categoryName: z.string(),
  inCatalog: z.boolean(),
  quantity: z.number(),
  unitPriceFen: z.number(),
  amountFen: z.number().describe('金额（分）= 数量 × 单价，四舍五入到分'),
});
const CapLine = z.object({
  cap: z.enum(['outpatientAnnual', 'chronicAnnual', 'annual', 'majorAnnual']),
  name: z.string(),
  limitFen: z.number().describe('封顶线（分）'),
  beforeFen: z.number().describe('本次结算前年度累计（分）'),
  afterFen: z.number().describe('本次结算后年度累计（分）'),
});
export const ClaimView = z.object({
  id: z.number(),
  claimNo: z.string().describe('报销单号'),
  status: z.enum(CLAIM_STATUS_CODES).describe('open 未结算、settled 已结算、rejected 不予报销、reversed 已冲销'),
  statusName: z.string(),
  kind: z.enum(CLAIM_KIND_CODES),
  kindName: z.string(),
  institutionId: z.number(),
  institutionName: z.string(),
  level,
  levelName: z.string(),
  personId: z.number(),
  personName: z.string(),
  idNumberMasked: z.string().nullable().describe('身份证号（中间隐去）'),
  areaId: z.number().describe('患者入院时所在村'),
  admittedOn: z.string(),
  dischargedOn: z.string().nullable(),
  diagnosis: z.string(),
  referred: z.boolean(),
  totalFen: z.number().describe('总费用（分）'),
  outOfCatalogFen: z.number().describe('目录外费用（分）'),
  lines: z.array(LineView),
  settlement: z
    .object({
      year: z.number().describe('补偿方案年度（出院日期所在年）'),
      schemeId: z.number(),
      schemeVersion: z.number().nullable(),
      eligibleFen: z.number().describe('目录内（可报）费用（分）'),
      deductibleFen: z.number().describe('扣除的起付线（分）'),
      ratio: z.number().nullable().describe('报销比例，如 0.75；分娩定额补助或不予报销时为 null'),
      payFen: z.number().describe('统筹基金支付（分）'),
      selfPayFen: z.number().describe('个人自付（分）'),
      capped: z.string().nullable().describe('使支付减少的封顶：perVisit、outpatientAnnual、chronicAnnual、annual、majorAnnual'),
      cappedName: z.string().nullable(),
      reason: z.string().nullable().describe('不予报销原因代码：not_enrolled、level_not_covered、not_chronic_disease、not_in_scheme_year'),
      reasonMessage: z.string().nullable(),
      yearToDate: z.array(CapLine).describe('各年度封顶项目的结算前后累计'),
      settledAt: z.string(),
      settledByName: z.string(),
    })
    .nullable(),
  reversal: z.object({ reason: z.string(), payFen: z.number(), reversedAt: z.string(), reversedByName: z.string() }).nullable(),
  registeredByName: z.string(),
  registeredAt: z.string(),
});
const ClaimSummary = z.object({
  id: z.number(),
  claimNo: z.string(),
  status: z.enum(CLAIM_STATUS_CODES),
  statusName: z.string(),
  kind: z.enum(CLAIM_KIND_CODES),
  kindName: z.string(),
  institutionId: z.number(),
  institutionName: z.string(),
  personId: z.number(),
  personName: z.string(),
  idNumberMasked: z.string().nullable(),
  admittedOn: z.string(),
  dischargedOn: z.string().nullable(),
  diagnosis: z.string(),
  totalFen: z.number(),
  payFen: z.number().nullable(),
  selfPayFen: z.number().nullable(),
  reason: z.string().nullable(),
  settledAt: z.string().nullable(),
});
const LineParams = z.object({ id: z.coerce.number().int().positive(), lineId: z.coerce.number().int().positive() });

export const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/ncms/claims',
    {
      schema: {
        tags: ['ncms'],
        summary: '登记入院或就诊（定点机构）',
        description: '在本人所属的新农合定点机构登记；患者可为全县任一居民。可同时录入费用明细。',
        body: z.object({ ...ClaimInput, dischargedOn: DateFormat.nullable().optional().describe('出院日期（住院、分娩；也可在结算时填写）'), lines: z.array(LineInput).max(500).optional() }),
        response: { 200: ClaimView },
      },
    },
    async (request) => registerClaim(app.db, requireActor(request), request.body),
  );

  app.post(
    '/ncms/claims/visits',
    {
      schema: {
        tags: ['ncms'],
        summary: '门诊一次结算（登记、费用、结算一步完成）',
        description: '村卫生室等门诊：费用明细（lines）或总费用与目录外费用（total、outOfCatalog，元）二选一。不予报销时返回 200，status 为 rejected 并给出原因代码。',
        body: z.object({
          ...ClaimInput,
          lines: z.array(LineInput).max(500).optional(),
          total: decimal('总费用（元）').optional(),
          outOfCatalog: decimal('其中目录外费用（元）').optional(),
        }),
        response: { 200: ClaimView },
      },
    },
    async (request) => settleVisit(app.db, requireActor(request), request.body),
  );

  app.get(
    '/ncms/claims',
    {
      schema: {
        tags: ['ncms'],
        summary: '报销单据查询',
        description: '定点机构结算员、村医只看本机构的单据；乡镇卫生院人员看本乡镇各机构的；卫健局、合管办看全县。日期均为出院（就诊）日期。',
        querystring: z.object({
          institutionId: z.coerce.number().int().positive().optional(),
          status: z.enum(CLAIM_STATUS_CODES).optional(),
          kind: z.string().max(60).optional().describe('补偿类别，可多个以逗号分隔：outpatient、inpatient、chronic、delivery（住院人次为 inpatient,delivery）'),
          month: z.string().max(7).optional().describe('出院（就诊）月份 YYYY-MM'),
          from: DateFormat.optional().describe('出院（就诊）日期起（含）'),
          to: DateFormat.optional().describe('出院（就诊）日期止（含）'),
          personId: z.coerce.number().int().positive().optional(),
          areaId: z.coerce.number().int().positive().optional().describe('患者所在村（入院时），或乡镇（含其各村）；须在本人管辖范围内，否则 404'),
          institutionAreaId: z.coerce.number().int().positive().optional().describe('结算机构所在区划（含下级）：乡镇即其卫生院和村卫生室，与督导考核「实际住院补偿比」的乡镇口径相同；须在本人管辖范围内'),
          ...pageQuery,
        }),
        response: { 200: pageSchema(ClaimSummary) },
      },
    },
    async (request) => listClaims(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/claims/year-to-date',
    {
      schema: {
        tags: ['ncms'],
        summary: '居民年度累计补偿',
        querystring: z.object({
          personId: z.coerce.number().int().positive().optional(),
          idNumber: z.string().max(20).optional(),
          year: z.coerce.number().int().min(1900).max(2100).describe('补偿年度'),
        }),
        response: {
          200: z.object({
            personId: z.number(),
            personName: z.string(),
            idNumberMasked: z.string().nullable(),
            year: z.number(),
            enrolled: z.boolean(),
            schemeId: z.number().nullable(),
            outpatientFen: z.number(),
            chronicFen: z.number(),
            inpatientFen: z.number(),
            majorFen: z.number(),
            caps: z.array(z.object({ cap: z.string(), name: z.string(), limitFen: z.number(), usedFen: z.number(), remainingFen: z.number() })),
          }),
        },
      },
    },
    async (request) => personYearToDate(app.db, requireActor(request), request.query),
  );

  app.get(
    '/ncms/claims/:id',
    { schema: { tags: ['ncms'], summary: '报销单据详情（含费用明细、结算明细、冲销）', params: IdParams, response: { 200: ClaimView } } },
    async (request) => getClaim(app.db, requireActor(request), request.params.id),
  );

  app.post(
    '/ncms/claims/:id/lines',
    {
      schema: {
        tags: ['ncms'],
        summary: '录入费用明细（未结算的单据）',
        params: IdParams,
        body: z.object({ lines: z.array(LineInput).min(1).max(500) }),
        response: { 200: ClaimView },
      },
    },
    async (request) => addClaimLines(app.db, requireActor(request), request.params.id, request.body),
  );

  app.delete(
    '/ncms/claims/:id/lines/:lineId',
    { schema: { tags: ['ncms'], summary: '删除一条费用明细（未结算的单据）', params: LineParams, response: { 200: ClaimView } } },
    async (request) => removeClaimLine(app.db, requireActor(request), request.params.id, request.params.lineId),
  );

  app.post(
    '/ncms/claims/:id/settle',
    {
      schema: {
        tags: ['ncms'],
        summary: '出院结算（即时结报）',
        description: '按患者所在村、出院日期所在年度执行中的补偿方案结算，返回完整结算明细。不予报销时返回 200，status 为 rejected 并给出原因代码。',
        params: IdParams,
        body: z.object({
          dischargedOn: DateFormat.optional().describe('出院日期（住院、分娩），默认登记时填写的日期或今天'),
          diagnosis: z.string().max(20).optional().describe('出院诊断（与入院诊断不同时填写）'),
          referred: z.boolean().optional(),
          requestId,
        }),
        response: { 200: ClaimView },
      },
    },
    async (request) => settleAtDischarge(app.db, requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/ncms/claims/:id/reverse',
    {
      schema: {
        tags: ['ncms'],
        summary: '冲销已结算的单据（合管办）',
        description: '单据改为已冲销，原结算记录和冲销记录都保留；年度累计退回，基金记一笔反向分录。',
        params: IdParams,
        body: z.object({ reason: z.string().max(500).describe('冲销原因'), requestId }),
        response: { 200: ClaimView },
      },
    },
    async (request) => reverseClaim(app.db, requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/ncms/claims/:id/receipt.pdf',
    { schema: { tags: ['ncms'], summary: '打印结算单（报销凭证，PDF）', params: IdParams } },
    async (request, reply) => {
      const claim = await getClaim(app.db, requireActor(request), request.params.id);
      return sendPdf(reply, await claimReceiptPdf(claim), `结算单-${claim.claimNo}.pdf`, { inline: true });
    },
  );
};
