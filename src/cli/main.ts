import { Command } from 'commander';
import type { DbHandle } from '../core/db/connection.ts';
import { DEFAULT_SEED } from '../core/demo/seed.ts';

// Each command loads its own code when it runs: `jiceng ncms settle` need not load the web server, and the other way
// round (loading everything took about 3 s per call).

const program = new Command('jiceng').description('基层 Jiceng — 县级卫生健康管理平台').showHelpAfterError();

const loadDatabaseCode = () => Promise.all([import('../core/db/connection.ts'), import('../core/db/migrate.ts'), import('../modules.ts')]);

/** Opens the configured database, applies pending migrations and runs the task. */
export async function withDatabase<T>(task: (handle: DbHandle) => Promise<T>): Promise<T> {
  const [{ openFromEnv }, { migrate }, { migrationSources }] = await loadDatabaseCode();
  const handle = await openFromEnv();
  try {
    await migrate(handle.db, migrationSources);
    return await task(handle);
  } finally {
    await handle.close();
  }
}

program
  .command('serve')
  .description('启动 Web 服务（默认使用 ./data 下的内嵌数据库）')
  .option('-p, --port <port>', '端口', process.env.PORT ?? '3000')
  .option('--host <host>', '监听地址', process.env.HOST ?? '127.0.0.1')
  .option('--demo-if-empty', '数据库为空时先生成演示县')
  .action(async (options) => (await import('./serve.ts')).serve(options));

program
  .command('migrate')
  .description('执行数据库迁移')
  .action(async () => {
    const [{ openFromEnv }, { migrate }, { migrationSources }] = await loadDatabaseCode();
    const handle = await openFromEnv();
    try {
      const applied = await migrate(handle.db, migrationSources);
      console.log(applied.length ? applied.map((m) => `已执行 ${m.module}/${m.name}`).join('\n') : '数据库已是最新');
    } finally {
      await handle.close();
    }
  });

program
  .command('demo')
  .description('生成演示县（清河县）：区划、医疗卫生机构、户籍人口和演示账号；只能生成到空数据库中')
  .option('--population <n>', '人口数，默认 530000（区划和机构不变，只按比例增减户数）')
  .option('--seed <seed>', '随机种子：相同的种子和人口数生成相同的数据', DEFAULT_SEED)
  .action((options) => withDatabase(async ({ db }) => (await import('./demo.ts')).runDemo(db, options)));

const audit = program.command('audit').description('审计日志');
audit
  .command('verify')
  .description('校验审计日志哈希链，指出被改动或删除的记录')
  .action(() =>
    withDatabase(async ({ db }) => {
      const { verifyAuditLog } = await import('../core/audit/verify.ts');
      const result = await verifyAuditLog(db);
      if (result.ok) {
        console.log(`审计日志完整：共 ${result.rows} 条，哈希链校验通过`);
        return;
      }
      console.error(`审计日志校验失败：共 ${result.rows} 条，发现 ${result.problems.length} 处问题`);
      for (const p of result.problems) console.error(`  seq ${p.seq}  ${p.problem}  ${p.message}`);
      process.exitCode = 1;
    }),
  );

const ncms = program.command('ncms').description('新农合（新型农村合作医疗）');
ncms
  .command('settle')
  .description('按补偿方案结算报销单据（JSONL），每条单据输出一行结算结果')
  .requiredOption('--scheme <file>', '补偿方案文件（jiceng.ncms.scheme/v1 格式的 JSON）')
  .requiredOption('--claims <file>', '报销单据文件（每行一条 JSON）')
  .option('--enrolled <file>', '参合人员名单：每行一个人员编号，或人员编号的 JSON 数组')
  .action(async (options) => (await import('../ncms/cli.ts')).ncmsSettle(options));
ncms
  .command('simulate')
  .description('补偿方案测算：按拟议方案重算一个年度的报销单据，与现行方案对照（补偿支出、年末结余、实际补偿比、封顶人数、个人自付）；不改动任何数据')
  .requiredOption('--scheme <file>', '拟议补偿方案文件（jiceng.ncms.scheme/v1 格式的 JSON）')
  .requiredOption('--year <year>', '重算哪一年度的报销单据')
  .option('--pool <code>', '统筹区代码，默认取方案文件中的 pool')
  .option('--json', '输出 JSON（金额单位：分）')
  .action((options) => withDatabase(async ({ db }) => (await import('../ncms/simulation/cli.ts')).simulateCommand(db, options)));
ncms
  .command('fund')
  .description('新农合基金账簿')
  .command('check')
  .description('校验基金账簿：余额与分录一致、每笔凭证借贷平衡、专户余额从未为负；有问题时退出码为 1')
  .option('--year <year>', '只校验该年度')
  .option('--pool <code>', '只校验该统筹区')
  .action((options) => withDatabase(async ({ db }) => (await import('../ncms/fund/cli.ts')).fundCheckCommand(db, options)));

const immunization = program.command('immunization').description('预防接种（国家免疫规划）');
immunization
  .command('plan')
  .description('按国家免疫规划程序列出儿童每剂疫苗的状态（已种/应种/逾期/未到/不再接种）和最早可接种日期，输出 JSON')
  .requiredOption('--birth <date>', '出生日期 YYYY-MM-DD')
  .option('--given <file>', '已接种记录 JSON 文件：[{"vaccine":"HepB","dose":1,"date":"YYYY-MM-DD"}]；不填表示尚未接种')
  .option('--on <date>', '计划日期 YYYY-MM-DD，默认今天（北京时间）')
  .option('--mother-hbsag-positive', '母亲乙肝表面抗原（HBsAg）阳性：乙肝疫苗第1剂须在出生当天接种并注射乙肝免疫球蛋白')
  .option('--birth-weight-under-2000g', '出生体重低于2000克：乙肝疫苗按0、1、2、7月龄接种4剂')
  .action(async (options) => (await import('../publichealth/immunization/cli.ts')).immunizationPlan(options));

await program.parseAsync();
