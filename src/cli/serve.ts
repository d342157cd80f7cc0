import { openFromEnv } from '../core/db/connection.ts';
import { migrate } from '../core/db/migrate.ts';
import { migrationSources } from '../modules.ts';
import { buildApp } from '../server/app.ts';
import { generateWithProgress, printDemoUsers } from './demo.ts';
import { isEmptyDatabase } from '../core/demo/generate.ts';

export interface ServeOptions {
  port: string;
  host: string;
  demoIfEmpty?: boolean;
}

export async function serve(options: ServeOptions): Promise<void> {
  const handle = await openFromEnv();
  await migrate(handle.db, migrationSources);
  if (options.demoIfEmpty && (await isEmptyDatabase(handle.db))) {
    await generateWithProgress(handle.db, {});
  }
  const app = await buildApp({ db: handle.db, dbKind: handle.kind, logger: false });
  const address = await app.listen({ port: Number(options.port), host: options.host });
  console.log(`基层 Jiceng 已启动：${address.replace('127.0.0.1', 'localhost')}  （数据库：${handle.kind === 'pglite' ? '内嵌 PGlite' : 'PostgreSQL'}）`);
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
