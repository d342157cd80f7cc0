import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { invalid } from '../../../core/errors.ts';
import { XLSX_TYPE } from '../../../core/xlsx/read-sheet.ts';
import { importRegister } from './register-import.ts';
import { registerTemplate } from './register-template.ts';

const tags = ['immunization'];
/** 20 MB: a clinic's whole register of tens of thousands of doses stays well below it. */
const REGISTER_BODY_LIMIT = 20 * 1024 * 1024;

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/immunization/import/template.xlsx', { schema: { tags, summary: '下载历史接种登记册导入模板（Excel）' } }, async (request, reply) => {
    const buffer = await registerTemplate(requireActor(request));
    return reply
      .type(XLSX_TYPE)
      .header('content-disposition', `attachment; filename="immunization-register-template.xlsx"; filename*=UTF-8''${encodeURIComponent('接种登记册导入模板.xlsx')}`)
      .send(buffer);
  });

  // The register arrives as the raw workbook: its own parser and a larger body limit, on this route only.
  const upload: FastifyPluginAsyncZod = async (scoped) => {
    scoped.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: REGISTER_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scoped.post(
      '/immunization/import',
      {
        bodyLimit: REGISTER_BODY_LIMIT,
        schema: {
          tags,
          summary: '导入历史接种登记册（Excel，整份文件全部导入或全部不导入）',
          description: `请求体为 .xlsx 文件本身（Content-Type: ${XLSX_TYPE}）。有错误时返回 400，error.details.rows 列出每一处错误的行号、栏目和说明。尚未建档的儿童随导入建档。`,
          querystring: z.object({ institutionId: z.coerce.number().int().positive().optional().describe('登记册所属的接种单位，默认为本人所在机构') }),
          response: { 200: z.object({ rows: z.number(), children: z.number(), newChildren: z.number().describe('随导入新建档的儿童数'), doses: z.number() }) },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw invalid('file', '请上传接种登记册文件（.xlsx）', 'missing_file');
        return importRegister(app.db, actor, request.query.institutionId, request.body);
      },
    );
  };
  await app.register(upload);
};
