import { useState } from 'react';
import { Card, DatePicker, Form, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { todayInShanghai } from '../../lib/format.ts';
import type { ListArea, SchoolCheckResult, SchoolCheckRow } from './immunization-types.ts';
import { XlsxUpload } from '../../components/XlsxUpload.tsx';

type Result = SchoolCheckResult & ListArea;
const OUTCOME_COLORS: Record<SchoolCheckRow['outcome'], string> = { qualified: 'green', needs_catch_up: 'orange', not_found: 'red', record_problem: 'magenta' };

/** 入托入学查验: a class roster (.xlsx) checked against the registry: who is complete, who needs catch-up, who is not found. */
export default function SchoolCheckPage() {
  const [date, setDate] = useState(todayInShanghai());
  const [result, setResult] = useState<{ name: string; data: Result }>();
  const [filter, setFilter] = useState<'all' | 'problems'>('problems');
  const rows = (result?.data.rows ?? []).filter((r) => filter === 'all' || r.outcome !== 'qualified');
  const s = result?.data.summary;

  return (
    <Card title="入托入学查验">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="查验日期">
            <DatePicker allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary">
          花名册为 Excel（.xlsx），第一行为栏目名：姓名、身份证号、出生日期、班级（身份证号与出生日期至少填一项，身份证号请用文本格式）。有任何一行出错则整份不查验，错误逐行列出。
        </Typography.Text>
        <XlsxUpload<Result>
          path="/immunization/school-check"
          query={{ date }}
          hint={`按 ${date} 的接种情况查验`}
          checking="正在逐名核对接种记录"
          refusedTitle={(name) => `「${name}」未查验`}
          onDone={(data, name) => setResult({ data, name })}
        />
        {result && s && (
          <Card size="small" title={`「${result.name}」查验结果（${result.data.date}，${result.data.areaName}）`} data-testid="school-check-result">
            <Space size="large" wrap>
              <Statistic title="查验人数" value={s.checked} />
              <Statistic title="合格" value={s.qualified} />
              <Statistic title="需补种（人）" value={s.needsCatchUp} />
              <Statistic title="需补种（剂次）" value={s.missingDoses} />
              <Statistic title="未查到登记" value={s.notFound} />
              <Statistic title="记录有误" value={s.recordProblems} />
            </Space>
            <Segmented
              style={{ margin: '12px 0' }}
              value={filter}
              onChange={(v) => setFilter(v as 'all' | 'problems')}
              options={[{ label: '只看需处理的', value: 'problems' }, { label: '全部', value: 'all' }]}
            />
            <Table<SchoolCheckRow>
              rowKey="row"
              size="small"
              dataSource={rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 人` }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70 },
                { title: '班级', dataIndex: 'className' },
                { title: '姓名', render: (_, r) => (r.childId ? <Link to={`/immunization/children?id=${r.childId}`}>{r.name}</Link> : r.name) },
                { title: '出生日期', dataIndex: 'birthDate' },
                { title: '结果', render: (_, r) => <Tag color={OUTCOME_COLORS[r.outcome]}>{r.outcome === 'not_found' ? '未查到登记（需补办或核实接种证）' : r.outcomeName}</Tag> },
                {
                  title: '需补种',
                  render: (_, r) =>
                    r.missing.map((d) => (
                      <Tooltip key={`${d.vaccine}-${d.dose}`} title={[`最早可种 ${d.earliest}`, d.note].filter(Boolean).join('；')}>
                        <Tag color={d.status === 'overdue' ? 'red' : 'blue'}>{`${d.vaccineName} 第${d.dose}剂`}</Tag>
                      </Tooltip>
                    )),
                },
                { title: '说明', render: (_, r) => r.message ?? '' },
                { title: '监护人', render: (_, r) => [r.guardianName, r.guardianPhone].filter(Boolean).join(' ') },
              ]}
            />
          </Card>
        )}
      </Space>
    </Card>
  );
}
