import { Card, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { todayInShanghai } from '../../../lib/format.ts';
import { percentText, WARNING_COLORS } from './format.ts';
import type { FundEarlyWarning } from './monitoring-types.ts';

/** The home page's 基金预警 card (users with ncms.read): the level, usage against the calendar, the warnings. */
export function FundWarningCard() {
  const year = Number(todayInShanghai().slice(0, 4));
  const { data } = useLoad(() => api<FundEarlyWarning>('/ncms/monitoring/fund-warning', { query: { year } }), [year]);
  if (!data) return null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={<span>新农合基金预警 <Tag color={WARNING_COLORS[data.level]}>{data.levelName}</Tag></span>}
      extra={<Link to="/ncms/monitoring/fund">查看详情</Link>}
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {`${data.year} 年基金使用进度 ${percentText(data.usageRate)}，时间进度 ${percentText(data.timeShare)}；预计年末当年结余率 ${percentText(data.forecast.yearEndBalanceRate)}。`}
      </Typography.Paragraph>
      {data.warnings.map((w) => (
        <Typography.Paragraph key={w.code} style={{ marginBottom: 4 }}>
          <Tag color={WARNING_COLORS[w.level]}>{w.levelName}</Tag>
          {w.text}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}
