import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../core/errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}

// Fastify's own client errors, by code, in words a clerk understands.
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', message: '提交的内容过大' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', message: '提交的内容不是有效的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', message: '提交的内容为空' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: '不支持的内容类型' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: '请求长度与内容不符' },
};

// Database constraint violations that reach here were not caught by a service check.
const PG_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'duplicate', message: '记录重复，与已有数据冲突' },
  '23503': { status: 409, code: 'reference_missing', message: '引用的记录不存在或仍被其他记录使用' },
  '22P02': { status: 400, code: 'invalid_value', message: '数据格式不正确' },
  '22007': { status: 400, code: 'invalid_value', message: '日期或时间格式不正确' },
  '22008': { status: 400, code: 'invalid_value', message: '日期超出范围' },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof AppError) {
      const { field, ...rest } = error.details ?? {};
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (field) body.error.field = field;
      if (Object.keys(rest).length) body.error.details = rest;
      return reply.status(error.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => {
        const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return { field, message: v.message ?? '无效' };
      });
      const first = issues[0];
      const where = error.validationContext === 'querystring' ? '查询参数' : error.validationContext === 'params' ? '路径参数' : '字段';
      const message = first?.field ? `${where}「${first.field}」：${first.message}` : `请求内容不正确：${first?.message ?? ''}`;
      return reply.status(400).send({
        error: { code: 'validation_failed', message, field: first?.field, details: { issues } },
      } satisfies ErrorBody);
    }
    const known = (error.code && FASTIFY_ERRORS[error.code]) || (error.code && PG_ERRORS[error.code]);
    if (known) {
      return reply.status(known.status).send({ error: { code: known.code, message: known.message } } satisfies ErrorBody);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'bad_request', message: `请求有误：${error.message}` } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal_error', message: '系统内部错误，请稍后重试或联系管理员' } });
  });
}
