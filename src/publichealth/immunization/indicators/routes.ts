import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../server/auth.ts';
import { coverageIndicators } from './coverage-service.ts';

const Rate = z.number().nullable();

const DoseFigures = z.object({
  key: z.string().describe('剂次代码，对应 doses[].key'),
  eligible: z.number().describe('应种人数'),
  given: z.number().describe('接种人数'),
  timely: z.number().describe('及时接种人数'),
  coverage: Rate.describe('接种率，四位小数；应种为 0 时为 null（无数据）'),
  timeliness: Rate.describe('及时接种率，四位小数；应种为 0 时为 null（无数据）'),
  meetsTarget: z.boolean().nullable().describe('接种率是否达到目标；无数据时为 null'),
});

const AreaFigures = z.object({
  areaId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  townshipId: z.number().optional(),
  townshipName: z.string().optional(),
  doses: z.array(DoseFigures),
  certificate: z.object({
    managed: z.number().describe('在管儿童数'),
    migrants: z.number().describe('其中流动儿童数'),
    certified: z.number().describe('建证人数'),
    rate: Rate.describe('建证率，四位小数；在管为 0 时为 null（无数据）'),
  }),
});

export const immunizationIndicatorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/immunization/coverage',
    {
      schema: {
        tags: ['immunization'],
        summary: '接种率、及时接种率、建证率（按乡镇或村）',
        description: '各项指标的口径随结果给出：definitions（总体口径）和 doses[].definition、doses[].completeBy（各剂次）。',
        querystring: z.object({
          areaId: z.coerce.number().int().positive().optional().describe('限定区划（含下级）；不在管辖范围内返回 404'),
          period: z.string().max(10).describe('统计期：年度 2026、季度 2026-Q1 或月份 2026-03'),
          level: z.enum(['township', 'village']).default('township').describe('按乡镇（township）或按村（village）列出'),
        }),
        response: {
          200: z.object({
            period: z.object({
              id: z.string(),
              name: z.string(),
              from: z.string(),
              to: z.string().describe('统计截止日：统计期尚未结束时为今天'),
              complete: z.boolean().describe('统计期是否已结束；未结束时只统计到今天'),
            }),
            level: z.enum(['township', 'village']),
            areaName: z.string(),
            definitions: z.record(z.string(), z.string()).describe('各项指标的口径（中文）'),
            targetPercent: z.number().describe('接种率目标（%）'),
            doses: z.array(
              z.object({
                key: z.string(),
                name: z.string(),
                vaccines: z.array(z.string()),
                completeBy: z.string().describe('应完成接种的年龄'),
                definition: z.string().describe('该剂次应种、接种、及时接种的口径'),
              }),
            ),
            areas: z.array(AreaFigures),
            total: AreaFigures,
          }),
        },
      },
    },
    async (request) => coverageIndicators(app.db, requireActor(request), request.query),
  );
};
