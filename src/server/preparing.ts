import type { FastifyInstance } from 'fastify';

/** Where a long preparation (the first start's demo county) stands. */
export interface PreparingStatus {
  /** The step running, 1-based, of `steps`. */
  step: number;
  steps: number;
  /** What the step makes (e.g. 新农合演示数据). */
  label: string;
  /** Share of the step done, 0 to 1. */
  share: number;
  /** Seconds the step still needs, when it can tell. */
  etaSeconds: number | null;
}

export interface PreparingGate {
  update(status: PreparingStatus): void;
  /** Opens the app: every request is served normally from now on. */
  done(): void;
}

const REFRESH_SECONDS = 3;

/**
 * Answers every request with the preparation's progress until `done()`: pages get a Chinese page that refreshes
 * itself (and so becomes the login page when the app opens), the API a 503 naming the step. The server listens at
 * once, so someone who opens the address during the first start's minutes sees why it is not ready instead of a
 * refused connection. Must be called before the app is ready (it adds a hook).
 */
export function preparingGate(app: FastifyInstance, title = '正在生成演示县'): PreparingGate {
  // The preparation's status while it runs; undefined once the app is open.
  let status: PreparingStatus | undefined = { step: 1, steps: 1, label: '准备中', share: 0, etaSeconds: null };
  const startedAt = Date.now();
  app.addHook('onRequest', async (request, reply) => {
    if (!status) return;
    const path = request.url.split('?')[0]!;
    reply.status(503).header('retry-after', String(REFRESH_SECONDS)).header('cache-control', 'no-store');
    if (path === '/api/health') return reply.send({ status: 'preparing', db: app.dbKind });
    if (path.startsWith('/api/')) {
      return reply.send({ error: { code: 'preparing', message: `系统${title}，请稍候再试（${statusText(status)}）` } });
    }
    return reply.type('text/html; charset=utf-8').send(progressPage(title, status, Date.now() - startedAt));
  });
  return {
    update: (next) => {
      if (status) status = next; // a late report never closes an open app again
    },
    done: () => {
      status = undefined;
    },
  };
}

export function statusText(s: PreparingStatus): string {
  const eta = s.etaSeconds === null || s.share >= 1 ? '' : `，预计本步剩余 ${formatSeconds(s.etaSeconds)}`;
  return `第 ${s.step} / ${s.steps} 步：${s.label} ${Math.floor(s.share * 100)}%${eta}`;
}

const formatSeconds = (s: number) => (s < 60 ? `${Math.round(s)} 秒` : `${Math.floor(s / 60)} 分 ${Math.round(s % 60)} 秒`);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The whole page, with no script: it works in any browser, and the refresh picks up the app once it opens. */
export function progressPage(title: string, s: PreparingStatus, elapsedMs: number): string {
  // The bar shows the steps done plus the running step's share: steps differ in length, so it is a rough guide.
  const overall = Math.min(100, Math.floor(((s.step - 1 + s.share) / s.steps) * 100));
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<title>基层 Jiceng · ${escapeHtml(title)}</title>
<style>body{font-family:system-ui,"Microsoft YaHei",sans-serif;background:#f5f5f5;color:#222;margin:0}
main{max-width:560px;margin:12vh auto;background:#fff;padding:32px 40px;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:22px;margin:0 0 16px}.bar{height:14px;background:#e8e8e8;border-radius:7px;overflow:hidden}
.bar div{height:100%;background:#1677ff}p{line-height:1.8}.note{color:#666;font-size:14px}</style></head>
<body><main><h1>基层 Jiceng ${escapeHtml(title)}…</h1>
<div class="bar" role="progressbar" aria-valuenow="${overall}" aria-valuemin="0" aria-valuemax="100"><div style="width:${overall}%"></div></div>
<p>${escapeHtml(statusText(s))}</p>
<p class="note">已用时 ${formatSeconds(elapsedMs / 1000)}。首次启动需要生成全县的演示数据，在双核电脑上约 5 分钟；以后启动只需几秒。本页每 ${REFRESH_SECONDS} 秒自动刷新，完成后自动进入登录页，无需任何操作。</p>
</main></body></html>`;
}
