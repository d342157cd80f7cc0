#!/usr/bin/env node
// The browser test drives Debian's Chromium. Install it when missing and we are allowed to (root with apt);
// otherwise say how, and let the browser test fail with the same advice.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);
const root = process.getuid?.() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (root && hasApt) {
  console.log('正在安装浏览器测试所需的 Chromium（apt-get install chromium）…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
} else {
  console.warn(`未找到 ${CHROMIUM}：浏览器测试需要 Chromium，请执行 sudo apt-get install chromium（或设置 CHROMIUM_PATH）。`);
}
