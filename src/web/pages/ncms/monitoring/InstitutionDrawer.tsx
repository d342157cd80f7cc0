import { useState } from 'react';
import { App, Button, Drawer, Form, InputNumber, Space, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { showFormError } from '../../../lib/form-errors.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { fenAmount } from '../money.ts';
import { MonitoringChart, type MonitoringChartOption } from './MonitoringChart.tsx';
import type { IndicatorClaim, InstitutionIndicators, TrendPoint } from './monitoring-types.ts';

const yuan = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);
const pct = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);

function costChart(points: TrendPoint[]): MonitoringChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    yAxis: { type: 'value', name: '元' },
    series: [
      { type: 'bar', name: '次均住院费用', data: points.map((p) => ({ value: yuan(p.avgCostFen) ?? undefined, itemStyle: { color: p.overTarget ? '#f5222d' : '#1677ff' } })), barMaxWidth: 28 },
      { type: 'line', name: '控制标准', step: 'middle', data: points.map((p) => yuan(p.targetFen)), lineStyle: { type: 'dashed', color: '#fa8c16' }, itemStyle: { color: '#fa8c16' }, connectNulls: false },
    ],
  };
}

function ratioChart(points: TrendPoint[]): MonitoringChartOption {
  const line = (name: string, values: Array<number | null>) => ({ type: 'line' as const, name, data: values, connectNulls: false });
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '无数据' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.month) },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      line('实际住院补偿比', points.map((p) => pct(p.compensationRatio))),
      line('政策范围内报销比', points.map((p) => pct(p.policyRatio))),
      line('目录外费用占比', points.map((p) => pct(p.outOfCatalogShare))),
    ],
  };
}

function ClaimsTab({ institutionId, month, group }: { institutionId: number; month: string; group: 'admissions' | 'outpatient' }) {
  const [page, setPage] = useState(1);
  const claims = useLoad(() => api<Page<IndicatorClaim>>(`/ncms/monitoring/indicators/${institutionId}/claims`, { query: { month, group, page, pageSize: 10 } }), [institutionId, month, group, page]);
  return (
    <Table<IndicatorClaim>
      rowKey="id"
      size="small"
      loading={claims.loading}
      dataSource={claims.data?.items ?? []}
      pagination={{ current: page, pageSize: 10, total: claims.data?.total ?? 0, onChange: setPage, showTotal: (n) => `共 ${n} 笔` }}
      columns={[
        { title: '单号', dataIndex: 'claimNo', render: (no: string, c) => <Link to={`/ncms/claims/${c.id}`}>{no}</Link> },
        { title: '患者', dataIndex: 'personName' },
        { title: group === 'admissions' ? '入院 — 出院' : '就诊日期', key: 'days', render: (_, c) => (group === 'admissions' ? `${c.admittedOn} — ${c.dischargedOn}（${c.stayDays} 天）` : c.admittedOn) },
        { title: '诊断', dataIndex: 'diagnosis' },
        { title: '总费用', dataIndex: 'totalFen', align: 'right', render: fenAmount },
        { title: '目录外', dataIndex: 'outOfCatalogFen', align: 'right', render: fenAmount },
        { title: '补偿', dataIndex: 'payFen', align: 'right', render: fenAmount },
      ]}
    />
  );
}

function TargetForm({ row, year, onSaved }: { row: InstitutionIndicators; year: number; onSaved: () => void }) {
  const [form] = Form.useForm<{ target: number }>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function save(values: { target: number }) {
    setBusy(true);
    try {
      await api(`/ncms/monitoring/targets/${row.institutionId}/${year}`, { method: 'PUT', body: { target: values.target } });
      message.success(`已将 ${row.institutionName} ${year} 年次均住院费用控制标准设为 ${values.target} 元`);
      onSaved();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Form form={form} layout="inline" initialValues={{ target: row.targetFen === null ? undefined : row.targetFen / 100 }} onFinish={save}>
      <Form.Item name="target" label={`${year} 年控制标准`} rules={[{ required: true, message: '请填写控制标准（元）' }]}>
        <InputNumber min={0.01} precision={2} addonAfter="元" style={{ width: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
    </Form>
  );
}

/** One institution: its 12-month trend against its target, the claims behind the month's figures, its target. */
export function InstitutionDrawer({ row, month, onClose, onTargetSaved }: { row: InstitutionIndicators; month: string; onClose: () => void; onTargetSaved: () => void }) {
  const mayManage = allowed(useCurrentUser().role, 'ncms.manage');
  const trend = useLoad(() => api<{ points: TrendPoint[] }>(`/ncms/monitoring/indicators/${row.institutionId}/trend`, { query: { month } }), [row.institutionId, month]);
  return (
    <Drawer open width={960} title={`${row.institutionName}（${row.levelName}）`} onClose={onClose}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {mayManage && <TargetForm row={row} year={Number(month.slice(0, 4))} onSaved={() => { onTargetSaved(); trend.reload(); }} />}
        <Typography.Title level={5} style={{ margin: 0 }}>近 12 个月次均住院费用与控制标准（红色为超标月份）</Typography.Title>
        {trend.data && <MonitoringChart option={costChart(trend.data.points)} height={260} />}
        <Typography.Title level={5} style={{ margin: 0 }}>近 12 个月补偿比与目录外费用占比</Typography.Title>
        {trend.data && <MonitoringChart option={ratioChart(trend.data.points)} height={240} />}
        <Tabs
          items={[
            { key: 'admissions', label: `${month} 住院单据`, children: <ClaimsTab institutionId={row.institutionId} month={month} group="admissions" /> },
            { key: 'outpatient', label: `${month} 门诊统筹单据`, children: <ClaimsTab institutionId={row.institutionId} month={month} group="outpatient" /> },
          ]}
        />
      </Space>
    </Drawer>
  );
}
