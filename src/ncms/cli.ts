/**
 * `jiceng ncms settle --scheme scheme.json --claims claims.jsonl [--enrolled file]`
 *
 * stdout: one JSON result line per claim (blank lines are not claims), in input order, money with two decimals.
 * stderr: scheme warnings, invalid claims with their line numbers, and a summary, all in Chinese.
 * Exit 2 without settling anything when the scheme has problems, a file cannot be read, or a claims line is not a
 * JSON object (settling around an unreadable claim would silently change the caps left for that person's later claims).
 * The enrolled file is either a JSON array of person ids or one person id per line (blank lines ignored).
 */
import { constants, createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { formatProblem, parseScheme } from './scheme/parse-scheme.ts';
import type { Scheme } from './scheme/types.ts';
import { isInvalid, parseClaim, type ClaimEntry } from './settlement/claim.ts';
import { formatResultLine } from './settlement/result.ts';
import { settle } from './settlement/settle.ts';

export interface NcmsSettleOptions {
  scheme: string;
  claims: string;
  enrolled?: string;
}

/** A fault in the command's input: printed as is, exit code 2. */
class InputError extends Error {}

const MAX_LISTED = 20;

async function ensureReadable(path: string, what: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`无法读取${what} ${path}：${code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
  }
}

/** Files saved by Windows Notepad start with a byte-order mark, which JSON.parse refuses. */
const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

async function readText(path: string, what: string): Promise<string> {
  await ensureReadable(path, what);
  return withoutBom(await readFile(path, 'utf8'));
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${what}不是有效的 JSON：${(e as Error).message}`);
  }
}

async function loadScheme(path: string): Promise<Scheme> {
  const parsed = parseScheme(parseJson(await readText(path, '方案文件'), `方案文件 ${path} `));
  for (const warning of parsed.warnings) console.error(`提示：方案 ${formatProblem(warning)}`);
  if (!parsed.ok) {
    throw new InputError([`方案文件 ${path} 有 ${parsed.problems.length} 处问题，未进行结算：`, ...parsed.problems.map((p) => `  ${formatProblem(p)}`)].join('\n'));
  }
  return parsed.scheme;
}

async function loadEnrolled(path: string): Promise<Set<string>> {
  const text = await readText(path, '参合名单文件');
  if (!text.trimStart().startsWith('[')) {
    return new Set(text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== ''));
  }
  const list = parseJson(text, `参合名单文件 ${path} `);
  if (!Array.isArray(list) || !list.every((id) => typeof id === 'string')) throw new InputError(`参合名单文件 ${path} 应为人员编号（文字）的列表`);
  return new Set(list as string[]);
}

/** Claims with their line numbers; every line that is not a JSON object is listed in the error. */
async function loadClaims(path: string): Promise<{ entries: ClaimEntry[]; lines: number[] }> {
  await ensureReadable(path, '报销单据文件');
  const entries: ClaimEntry[] = [];
  const lines: number[] = [];
  const malformed: string[] = [];
  let lineNo = 0;
  for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(lineNo === 1 ? withoutBom(line) : line);
    } catch {
      malformed.push(`  第 ${lineNo} 行：不是有效的 JSON`);
      continue;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      malformed.push(`  第 ${lineNo} 行：应为一个报销单据 JSON 对象`);
      continue;
    }
    entries.push(parseClaim(raw));
    lines.push(lineNo);
  }
  if (malformed.length > 0) {
    const listed = malformed.slice(0, MAX_LISTED);
    if (malformed.length > MAX_LISTED) listed.push(`  ……另有 ${malformed.length - MAX_LISTED} 行`);
    throw new InputError([`报销单据文件 ${path} 有 ${malformed.length} 行无法读取，未进行结算：`, ...listed].join('\n'));
  }
  return { entries, lines };
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

export async function ncmsSettle(options: NcmsSettleOptions): Promise<void> {
  try {
    const scheme = await loadScheme(options.scheme);
    const enrolled = options.enrolled === undefined ? undefined : await loadEnrolled(options.enrolled);
    const { entries, lines } = await loadClaims(options.claims);
    const results = settle(scheme, entries, { enrolled });

    let paid = 0;
    let payFen = 0;
    let chunk = '';
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      if (r.status === 'paid') paid++;
      payFen += Math.round(r.pay * 100);
      const entry = entries[i]!;
      if (isInvalid(entry)) console.error(`第 ${lines[i]} 行${entry.id === null ? '' : `（单据 ${entry.id}）`}数据有误，已拒付：${r.message}`);
      chunk += formatResultLine(r) + '\n';
      if (chunk.length > 1 << 16) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
    console.error(`结算完成：共 ${results.length} 条，支付 ${paid} 条，拒付 ${results.length - paid} 条，补偿合计 ${(payFen / 100).toFixed(2)} 元`);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(e.message);
    process.exitCode = 2;
  }
}
