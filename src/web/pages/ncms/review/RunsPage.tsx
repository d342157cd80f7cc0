import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Select, Space, Table } from 'antd';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { showFormError } from '../../../lib/form-errors.ts';
import { formatTime, todayInShanghai } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { REVIEW_RULES } from '../../../../ncms/review/select.ts';
import { usePoolYear } from './PoolYearPicker.tsx';
import type { ReviewerInfo, RunResult, RunSummary } from './review-types.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }));
const byRuleText = (byRule: Record<string, number>) =>
  Object.entries(REVIEW_RULES)
    .map(([rule, name]) => `${name} ${byRule[rule] ?? 0}`)
    .join('，');

/** 按月抽审: run the rules in force over a month's settled claims, share the new items among reviewers; past runs. */
export default function RunsPage() {
  const { pool, year, picker } = usePoolYear();
  const mayRun = allowed(useCurrentUser().role, 'ncms.manage');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ month: number; assignTo: number[] }>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RunResult>();
  const runs = useLoad(() => api<RunSummary[]>('/ncms/review/runs', { query: { pool, year } }), [pool, year]);
  const reviewers = useLoad(() => api<ReviewerInfo[]>('/ncms/review/reviewers'), []);
  const thisMonth = todayInShanghai().startsWith(`${year}-`) ? Number(todayInShanghai().slice(5, 7)) : 12;

  async function run(values: { month: number; assignTo?: number[] }) {
    setBusy(true);
    try {
      const answer = await api<RunResult>('/ncms/review/runs', { method: 'POST', body: { pool, year, month: values.month, assignTo: values.assignTo ?? [] } });
      setResult(answer);
      message.success(`${year} 年 ${values.month} 月抽审完成：新选出 ${answer.selected} 笔`);
      runs.reload();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="按月抽审">
        {picker}
        {mayRun ? (
          <Form form={form} name="review-run" layout="inline" onFinish={run} initialValues={{ month: Math.max(1, thisMonth - 1) }} style={{ marginTop: 16 }}>
            <Form.Item label="出院月份" name="month" rules={[{ required: true, message: '请选择月份' }]}>
              <Select options={MONTHS} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item label="分配给" name="assignTo">
              <Select mode="multiple" allowClear placeholder="不分配（审核人员自行领取）" style={{ minWidth: 280 }} options={(reviewers.data ?? []).map((r) => ({ value: r.userId, label: `${r.name}（${r.username}）` }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!pool}>
              抽审
            </Button>
          </Form>
        ) : (
          <Alert style={{ marginTop: 16 }} type="info" showIcon message="抽审由合管办发起；您可以在「我的审核」中处理分配给您的单据" />
        )}
        {result && (
          <Descriptions style={{ marginTop: 16 }} bordered size="small" column={2} title={`${result.year} 年 ${result.month} 月抽审结果（规则第 ${result.rulesVersion} 版）`}>
            <Descriptions.Item label="本月已结算单据">{result.considered} 笔</Descriptions.Item>
            <Descriptions.Item label="新选出">{result.selected} 笔</Descriptions.Item>
            <Descriptions.Item label="此前已选（不重复选）">{result.already} 笔</Descriptions.Item>
            <Descriptions.Item label="按规则">{byRuleText(result.byRule)}</Descriptions.Item>
            <Descriptions.Item label="分配" span={2}>
              {result.assigned.map((a) => `${a.name} ${a.items} 笔`).join('，') || '未分配'}
              {result.unassigned > 0 ? `；未分配 ${result.unassigned} 笔（不在所选人员管辖范围）` : ''}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card title="抽审记录">
        <Table<RunSummary>
          rowKey="id"
          size="small"
          loading={runs.loading}
          dataSource={runs.data ?? []}
          pagination={{ pageSize: 24 }}
          columns={[
            { title: '月份', dataIndex: 'month', width: 70, render: (m: number, r) => `${r.year}-${String(m).padStart(2, '0')}` },
            { title: '规则版本', dataIndex: 'rulesVersion', width: 90 },
            { title: '已结算', dataIndex: 'considered', width: 90, align: 'right' },
            { title: '新选出', dataIndex: 'selected', width: 90, align: 'right' },
            { title: '此前已选', dataIndex: 'already', width: 90, align: 'right' },
            { title: '按规则', dataIndex: 'byRule', render: byRuleText },
            { title: '抽审人', dataIndex: 'runByName', width: 120 },
            { title: '时间', dataIndex: 'runAt', width: 170, render: formatTime },
          ]}
        />
      </Card>
    </Space>
  );
}
