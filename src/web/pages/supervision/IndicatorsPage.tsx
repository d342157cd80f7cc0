import { Card, Table, Tag } from 'antd';
import { api } from '../../api/client.ts';
import { useLoad } from '../../lib/useLoad.ts';
import type { IndicatorDefinition } from './types.ts';

const UNIT_NAMES = { '%': '百分比（%）', '‰': '千分比（‰）', count: '个数' } as const;

/** 指标库: every indicator's definition, as the tables and bulletins count it. */
export default function IndicatorsPage() {
  const defs = useLoad(() => api<IndicatorDefinition[]>('/supervision/indicators'), []);
  return (
    <Card title="督导考核指标库">
      <Table<IndicatorDefinition>
        rowKey="code"
        loading={defs.loading}
        dataSource={defs.data ?? []}
        pagination={false}
        size="small"
        columns={[
          { title: '指标', render: (_, d) => (<><div><b>{d.name}</b></div><div style={{ color: '#888' }}>{d.code}</div></>) },
          { title: '来源', dataIndex: 'source', width: 100 },
          { title: '说明', dataIndex: 'description' },
          { title: '分子', dataIndex: 'numerator' },
          { title: '分母', render: (_, d) => d.denominator ?? '—' },
          { title: '单位', render: (_, d) => UNIT_NAMES[d.unit], width: 100 },
          { title: '方向', render: (_, d) => (d.direction === 'higher' ? <Tag color="green">越高越好</Tag> : <Tag color="orange">越低越好</Tag>), width: 100 },
          { title: '统计期', dataIndex: 'period', width: 120 },
          { title: '季度、半年、全年', render: (_, d) => (d.aggregation === 'flow' ? '各月分子分母相加' : '取期末月'), width: 130 },
          { title: '可按机构设目标', render: (_, d) => (d.levels.includes('institution') ? '是' : '—'), width: 110 },
        ]}
      />
      <p style={{ marginTop: 12, color: '#888' }}>分母为 0 时显示「无数据」，不计入评分。</p>
    </Card>
  );
}
