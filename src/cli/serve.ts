import { openFromEnv } from '../core/db/connection.ts';
import { migrate } from '../core/db/migrate.ts';
import { migrationSources } from '../modules.ts';
import { buildApp } from '../server/app.ts';
import { generateWithProgress, printDemoUsers } from './demo.ts';
import { isEmptyDatabase } from '../core/demo/generate.ts';
import { preparingGate } from '../server/preparing.ts';

export interface ServeOptions {
  port: string;
  host: string;
  demoIfEmpty?: boolean;
}

export async function serve(options: ServeOptions): Promise<void> {
  const handle = await openFromEnv();
  await migrate(handle.db, migrationSources);
  const app = await buildApp({ db: handle.db, dbKind: handle.kind, logger: false });
  // The first start listens at once and shows the demo's progress to whoever opens the address meanwhile.
  const preparing = options.demoIfEmpty && (await isEmptyDatabase(handle.db)) ? preparingGate(app) : undefined;
  const address = await app.listen({ port: Number(options.port), host: options.host });
  const shown = address.replace('127.0.0.1', 'localhost');
  if (preparing) {
    console.log(`首次启动：正在生成演示数据，浏览器打开 ${shown} 可查看进度`);
    try {
      await generateWithProgress(handle.db, {}, preparing.update);
    } catch (error) {
      await app.close();
      await handle.close();
      throw error;
    }
    preparing.done();
  }
  console.log(`基层 Jiceng 已启动：${shown}  （数据库：${handle.kind === 'pglite' ? '内嵌 PGlite' : 'PostgreSQL'}）`);
  console.log(`接口文档：${address}/api/docs`);
  await printDemoUsers(handle.db);
  const stop = async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
