import type { Sex } from '../db/schema.ts';
import { weighted, type Random, type Weighted } from './random.ts';

// Surnames with their approximate share of the population in per mille (2020 census order, rounded).
const SURNAME_SHARES = `
王 72 李 71 张 69 刘 54 陈 45 杨 31 黄 22 赵 23 吴 20 周 19 徐 16 孙 16 马 15 朱 14 胡 14 郭 14 何 13 高 13 林 12 罗 12
郑 11 梁 11 谢 10 宋 9 唐 9 许 8 韩 8 冯 7 邓 7 曹 7 彭 7 曾 7 肖 7 田 6 董 6 袁 6 潘 6 于 6 蒋 6 蔡 5
余 5 杜 5 叶 5 程 5 苏 5 魏 5 吕 5 丁 5 任 5 沈 4 姚 4 卢 4 姜 4 崔 4 钟 4 谭 4 陆 4 汪 4 范 4 金 3
石 3 廖 3 贾 3 夏 3 韦 3 付 3 方 3 白 3 邹 3 孟 2 熊 2 秦 2 邱 2 江 2 尹 2 薛 2 闫 2 段 2 雷 2 侯 1
龙 1 史 1 陶 1 黎 1 贺 1 顾 1 毛 1 郝 1 龚 1 邵 1 万 1 钱 1 严 1 覃 1 武 1 戴 1 莫 1 孔 1 向 1 汤 1`;

function parseShares(text: string): Array<[string, number]> {
  const parts = text.trim().split(/\s+/);
  const out: Array<[string, number]> = [];
  for (let i = 0; i < parts.length; i += 2) out.push([parts[i]!, Number(parts[i + 1])]);
  return out;
}

export const SURNAMES = parseShares(SURNAME_SHARES);
const surnameTable = weighted(SURNAMES);

export const drawSurname = (random: Random): string => surnameTable.draw(random);

interface Era {
  /** First birth year of the era. */
  from: number;
  /** Share of one-character given names among people born then. */
  single: number;
  male: string;
  maleSingle: string;
  female: string;
  femaleSingle: string;
}

// Given names follow fashion: a grandmother born in the 1950s is 秀英 or 桂兰, her granddaughter 梓涵.
const ERAS: Era[] = [
  {
    from: 0,
    single: 0.04,
    male: '德福 金山 长生 永福 福生 春生 秋生 根生 宝山 广才 有才 玉林 树林 寿山 德胜 庆余 明德 振华 守义 世昌 富贵 茂林 炳南',
    maleSingle: '福 贵 财 山 林 生 发 寿',
    female: '秀英 桂英 玉兰 秀兰 桂兰 凤英 素珍 淑贞 翠兰 玉珍 桂香 秀珍 月娥 金凤 翠花 春花 冬梅 菊英 彩云 凤兰',
    femaleSingle: '英 兰 珍 凤 梅 菊',
  },
  {
    from: 1950,
    single: 0.07,
    male: '建国 国庆 建华 国强 援朝 跃进 建设 新民 解放 国华 志强 建军 和平 胜利 立新 卫国 长江 振兴 永红 国平',
    maleSingle: '军 华 明 强 林 平 忠 义',
    female: '秀英 桂兰 淑珍 秀兰 玉梅 凤英 桂芳 秀芳 玉珍 美华 丽华 淑英 素芳 玉英 建英 春梅 冬梅 桂珍 爱华 惠兰',
    femaleSingle: '英 兰 芳 华 珍 梅',
  },
  {
    from: 1960,
    single: 0.12,
    male: '卫东 红兵 向东 卫红 建平 国平 建明 志刚 建新 伟民 红军 永刚 海军 跃华 爱国 文华 建林 小平 光明 建勇',
    maleSingle: '刚 军 平 强 勇 明 东 红',
    female: '红梅 红霞 卫红 红英 秀云 桂英 丽萍 彩霞 素华 海燕 凤霞 亚萍 玉华 爱英 美玲 小红 春燕 金花 荷花 建华',
    femaleSingle: '红 霞 萍 燕 英 华 梅',
  },
  {
    from: 1970,
    single: 0.25,
    male: '建军 志勇 海涛 国栋 永强 振华 春雷 晓东 东升 俊峰 志华 卫兵 明辉 建峰 德华 光辉 文斌 小军 海波 立军',
    maleSingle: '伟 勇 军 斌 强 辉 刚 健 平 杰',
    female: '丽娟 海燕 晓燕 春艳 红艳 秀芳 丽华 玉霞 美华 小芳 艳红 丽萍 翠萍 晓红 桂华 雪梅 凤琴 春花 小玲 金凤',
    femaleSingle: '丽 艳 芳 敏 静 红 霞 燕 娟 萍',
  },
  {
    from: 1980,
    single: 0.35,
    male: '晓东 志强 建华 海峰 俊杰 文杰 志鹏 建辉 小龙 鹏飞 伟华 国强 剑锋 立新 明亮 晓明 亚军 振宇 超群 永辉',
    maleSingle: '磊 伟 涛 鹏 超 勇 杰 亮 军 斌 峰 浩',
    female: '丽娜 晓丽 丹丹 婷婷 晓燕 春燕 海霞 美玲 小燕 雪梅 艳萍 娟娟 晓红 莉莉 倩倩 玲玲 慧敏 晓敏 秀丽 佳佳',
    femaleSingle: '静 婷 丽 娟 敏 燕 艳 丹 芳 霞 莉 倩',
  },
  {
    from: 1990,
    single: 0.3,
    male: '俊杰 宇航 文博 鑫磊 家豪 晨阳 凯文 嘉伟 宏伟 泽宇 博文 佳豪 天宇 志豪 振宇 浩东 晓峰 文涛 俊豪 子龙',
    maleSingle: '鑫 磊 浩 杰 涛 阳 帅 超 宇 龙 斌 凯',
    female: '欣怡 佳琪 雨婷 思雨 梦瑶 雪婷 佳慧 晓雪 丹妮 婷婷 佳佳 文静 梦琪 雅婷 思琪 慧琳 雨欣 诗琪 美琪 晶晶',
    femaleSingle: '婷 静 雪 琪 洁 璐 佳 颖 悦 倩 丹 娜',
  },
  {
    from: 2000,
    single: 0.15,
    male: '浩然 子豪 宇轩 俊熙 浩宇 子轩 博涵 天佑 俊宇 皓轩 子杰 家乐 思远 梓豪 明轩 一鸣 文轩 宇航 雨泽 嘉豪',
    maleSingle: '浩 宇 轩 博 睿 然 哲 凯 阳 航',
    female: '欣怡 梓涵 诗涵 可馨 思涵 雨萱 佳怡 梦洁 紫涵 雅琪 若曦 诗雨 一涵 语嫣 心怡 梦琪 雨涵 佳欣 可欣 嘉怡',
    femaleSingle: '涵 萱 琪 欣 怡 妍 颖 悦 璐 菲',
  },
  {
    from: 2010,
    single: 0.08,
    male: '梓轩 浩宇 子墨 宇轩 沐宸 梓睿 俊熙 一诺 奕辰 浩然 宸宇 锦程 子骞 梓豪 铭泽 亦辰 睿泽 承泽 天佑 嘉懿',
    maleSingle: '睿 宸 泽 辰 航 瑞 铭 熙 诺 逸',
    female: '梓涵 一诺 欣怡 梓萱 可馨 语桐 诗涵 若汐 思彤 雨桐 子涵 梓琪 依诺 安琪 芷若 语汐 雨萱 欣妍 梓妍 沐晴',
    femaleSingle: '涵 萱 琪 妍 彤 汐 诺 冉 悦 瑶',
  },
];

interface EraPools {
  from: number;
  single: number;
  pools: Record<Sex, { double: string[]; single: string[] }>;
}

const words = (text: string) => text.trim().split(/\s+/);
const ERA_POOLS: EraPools[] = ERAS.map((era) => ({
  from: era.from,
  single: era.single,
  pools: {
    M: { double: words(era.male), single: words(era.maleSingle) },
    F: { double: words(era.female), single: words(era.femaleSingle) },
  },
})).reverse();

/** A given name (名) of one or two characters in the fashion of the birth year. */
export function drawGivenName(random: Random, sex: Sex, birthYear: number): string {
  const era = ERA_POOLS.find((e) => birthYear >= e.from)!;
  const pool = era.pools[sex];
  return random.chance(era.single) ? random.pick(pool.single) : random.pick(pool.double);
}

/** A village's main lineages (大姓): in the countryside a few surnames carry much of a village. */
export function villageSurnames(random: Random): Weighted<string> {
  const clans = [drawSurname(random), drawSurname(random), drawSurname(random)];
  return {
    draw: (r) => (r.chance(0.4) ? clans[r.chance(0.6) ? 0 : r.int(1, 2)]! : drawSurname(r)),
  };
}
