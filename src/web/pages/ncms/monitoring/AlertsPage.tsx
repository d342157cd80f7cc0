import { useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Form, Input, List, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { formatTime, todayInShanghai } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import { fenAmount } from '../money.ts';
import { lastCompleteMonth } from './format.ts';
import type { AlertClaim, AlertSummary, MonitoringRunResult, RuleView } from './monitoring-types.ts';

const OUTCOMES = [
  { value: 'confirmed', label: '查实违规' },
  { value: 'explained', label: '情况属实但有合理原因' },
  { value: 'false_alarm', label: '误报' },
];

function ClaimsBehind({ alert, onClose }: { alert: AlertSummary; onClose: () => void }) {
  const claims = useLoad(() => api<AlertClaim[]>(`/ncms/monitoring/alerts/${alert.id}/claims`), [alert.id]);
  return (
    <Drawer open width={900} title={`${alert.ruleName}（${alert.month}）`} onClose={onClose}>
      <Typography.Paragraph>{alert.summary}</Typography.Paragraph>
      {alert.status === 'closed' && (
        <Typography.Paragraph type="secondary">{`已办结：${alert.outcomeName}。核查结论：${alert.finding}（${alert.closedByName}，${formatTime(alert.closedAt)}）`}</Typography.Paragraph>
      )}
      <Table<AlertClaim>
        rowKey="id"
        size="small"
        loading={claims.loading}
        dataSource={claims.data ?? []}
        pagination={false}
        columns={[
          { title: '单号', dataIndex: 'claimNo', render: (no: string, c) => <Link to={`/ncms/claims/${c.id}`}>{no}</Link> },
          { title: '机构', dataIndex: 'institutionName' },
          { title: '患者', key: 'person', render: (_, c) => `${c.personName} ${c.idNumberMasked ?? ''}` },
          { title: '类别', dataIndex: 'kindName' },
          { title: '日期', key: 'days', render: (_, c) => (c.dischargedOn && c.dischargedOn !== c.admittedOn ? `${c.admittedOn} — ${c.dischargedOn}` : c.admittedOn) },
          { title: '诊断', dataIndex: 'diagnosis' },
          { title: '总费用', dataIndex: 'totalFen', align: 'right', render: fenAmount },
          { title: '补偿', dataIndex: 'payFen', align: 'right', render: (fen: number | null) => (fen === null ? '' : fenAmount(fen)) },
          { title: '状态', dataIndex: 'statusName' },
        ]}
      />
    </Drawer>
  );
}

/** 监测预警: alerts of the monitoring rules, filtered by month, rule and status; the claims behind; closing with a finding; the monthly run. */
export default function AlertsPage() {
  const { text, number, update, page, pageSize, pagination } = useQueryParams();
  const month = text('month');
  const rule = text('rule');
  const status = text('status') ?? 'open';
  const institutionId = number('institutionId');
  const { message } = App.useApp();
  const mayManage = allowed(useCurrentUser().role, 'ncms.manage');
  const [viewing, setViewing] = useState<AlertSummary | null>(null);
  const [closing, setClosing] = useState<AlertSummary | null>(null);
  const [runMonth, setRunMonth] = useState(lastCompleteMonth(todayInShanghai()));
  const [running, setRunning] = useState(false);
  const [closeForm] = Form.useForm<{ outcome: string; finding: string }>();
  const rules = useLoad(() => api<RuleView[]>('/ncms/monitoring/rules'), []);
  const list = useLoad(
    () => api<Page<AlertSummary>>('/ncms/monitoring/alerts', { query: { month, rule, status: status === 'all' ? undefined : status, institutionId, page, pageSize } }),
    [month, rule, status, institutionId, page, pageSize],
  );
  const alertRules = (rules.data ?? []).filter((r) => !['over_target', 'fund_limits'].includes(r.code));

  async function run() {
    setRunning(true);
    try {
      const result = await api<MonitoringRunResult>('/ncms/monitoring/run', { method: 'POST', body: { month: runMonth } });
      message.success(`${result.month} 监测完成：新增预警线索 ${result.added} 条（已有的不会重复生成）`);
      update({ month: runMonth });
      list.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : '运行失败，请稍后重试');
    } finally {
      setRunning(false);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title="监测预警线索"
        extra={
          mayManage && (
            <Space>
              <DatePicker picker="month" allowClear={false} value={dayjs(`${runMonth}-01`)} onChange={(m) => m && setRunMonth(m.format('YYYY-MM'))} />
              <Popconfirm title={`按各规则检查 ${runMonth} 的单据？已有的线索不会重复生成。`} okText="运行" cancelText="取消" onConfirm={run}>
                <Button type="primary" loading={running}>运行月度监测</Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <DatePicker picker="month" placeholder="全部月份" value={month ? dayjs(`${month}-01`) : null} onChange={(m) => update({ month: m ? m.format('YYYY-MM') : undefined })} />
          <Select allowClear placeholder="全部规则" style={{ width: 220 }} value={rule} onChange={(v?: string) => update({ rule: v })} options={alertRules.map((r) => ({ value: r.code, label: r.name }))} />
          <Radio.Group value={status} onChange={(e) => update({ status: e.target.value })} optionType="button" options={[{ value: 'open', label: '待核查' }, { value: 'closed', label: '已办结' }, { value: 'all', label: '全部' }]} />
        </Space>
        <Table<AlertSummary>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={pagination(list.data?.total, (n) => `共 ${n} 条`)}
          columns={[
            { title: '月份', dataIndex: 'month', width: 90 },
            { title: '规则', dataIndex: 'ruleName', width: 170 },
            { title: '线索', dataIndex: 'summary' },
            { title: '单据', dataIndex: 'claimCount', width: 70, align: 'right' },
            {
              title: '状态',
              key: 'status',
              width: 150,
              render: (_, a) => (a.status === 'open' ? <Tag color="orange">待核查</Tag> : <Tag color={a.outcome === 'confirmed' ? 'red' : 'green'}>{a.outcomeName}</Tag>),
            },
            {
              title: '操作',
              key: 'actions',
              width: 150,
              render: (_, a) => (
                <Space>
                  <Button size="small" onClick={() => setViewing(a)}>查看单据</Button>
                  {mayManage && a.status === 'open' && <Button size="small" type="primary" onClick={() => setClosing(a)}>办结</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="监测规则与阈值" size="small">
        <List size="small" dataSource={rules.data ?? []} renderItem={(r) => <List.Item><Typography.Text strong>{r.name}</Typography.Text>：{r.description}</List.Item>} />
      </Card>
      {viewing && <ClaimsBehind alert={viewing} onClose={() => setViewing(null)} />}
      <FormModal
        title={closing ? `办结：${closing.ruleName}` : '办结'}
        open={closing !== null}
        form={closeForm}
        initialValues={{ outcome: 'confirmed', finding: '' }}
        onClose={() => setClosing(null)}
        onSave={async (values) => {
          await api(`/ncms/monitoring/alerts/${closing!.id}/close`, { method: 'POST', body: values });
          list.reload();
          return '已办结，核查结论已记录';
        }}
      >
        {closing && <Typography.Paragraph type="secondary">{closing.summary}</Typography.Paragraph>}
        <Form.Item name="outcome" label="核查结果" rules={[{ required: true, message: '请选择核查结果' }]}>
          <Radio.Group options={OUTCOMES} />
        </Form.Item>
        <Form.Item name="finding" label="核查结论" rules={[{ required: true, whitespace: true, message: '请填写核查结论：核查了什么、结果如何' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如：调阅病历和票据，系同一张发票重复录入，已冲销重复的一笔并约谈村医" />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
