import { useEffect, useState } from 'react';
import { App, Button, Card, Form, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { api } from '../../api/client.ts';
import { allowed } from '../../auth/permissions.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { InstitutionSelect } from '../disease/cards/InstitutionSelect.tsx';
import { showFormError } from '../../lib/form-errors.ts';
import { todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import { RULE_NAMES, valueText, type IndicatorDefinition, type ScoringItem, type Target } from './types.ts';

interface TargetForm {
  indicator: string;
  areaId?: number;
  institutionId?: number;
  target: number;
}

/** 考核目标与评分: the year's targets (for every township, one township or one institution) and its scoring scheme; the bureau edits both. */
export default function TargetsPage() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const { number, update } = useQueryParams();
  const year = number('year') ?? Number(todayInShanghai().slice(0, 4));
  const manage = allowed(user.role, 'supervision.manage');
  const defs = useLoad(() => api<IndicatorDefinition[]>('/supervision/indicators'), []);
  const targets = useLoad(() => api<Target[]>('/supervision/targets', { query: { year } }), [year]);
  const scheme = useLoad(() => api<ScoringItem[]>('/supervision/scheme', { query: { year } }), [year]);
  const [targetForm] = Form.useForm<TargetForm>();
  const [schemeForm] = Form.useForm<{ items: ScoringItem[] }>();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const byCode = new Map((defs.data ?? []).map((d) => [d.code, d]));
  const options = (defs.data ?? []).map((d) => ({ value: d.code, label: `${d.name}（${d.unit === 'count' ? '个' : d.unit}）` }));

  useEffect(() => {
    if (scheme.data) schemeForm.setFieldsValue({ items: scheme.data });
  }, [scheme.data]);

  const saveScheme = async () => {
    const values = await schemeForm.validateFields();
    setSaving(true);
    try {
      await api('/supervision/scheme', { method: 'PUT', body: { year, items: values.items ?? [] } });
      message.success('评分方案已保存');
      scheme.reload();
    } catch (e) {
      showFormError(schemeForm, e, message.error);
    } finally {
      setSaving(false);
    }
  };
  const perInstitution = byCode.get(Form.useWatch('indicator', targetForm) ?? '')?.levels.includes('institution') ?? false;
  const total = (Form.useWatch('items', schemeForm) ?? []).reduce((s: number, i: ScoringItem | undefined) => s + (i?.points ?? 0), 0);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={`${year}年度考核目标`}
        extra={
          <Space>
            <InputNumber value={year} min={2000} max={2100} onChange={(v) => v && update({ year: v })} addonAfter="年" />
            {manage && (
              <Button type="primary" onClick={() => setOpen(true)}>
                设定目标
              </Button>
            )}
          </Space>
        }
      >
        <Table<Target>
          rowKey="id"
          size="small"
          loading={targets.loading}
          dataSource={targets.data ?? []}
          pagination={false}
          columns={[
            { title: '指标', render: (_, t) => byCode.get(t.indicator)?.name ?? t.indicator },
            { title: '适用范围', render: (_, t) => t.institutionName ?? t.areaName ?? '全部乡镇' },
            { title: '目标', render: (_, t) => { const d = byCode.get(t.indicator); return d ? `${d.direction === 'higher' ? '≥' : '≤'} ${valueText(d, t.target)}` : t.target; } },
            { title: '设定人', dataIndex: 'setByName' },
            ...(manage
              ? [{ title: '操作', key: 'op', render: (_: unknown, t: Target) => (
                  <Popconfirm title="删除这项目标？" onConfirm={() => api(`/supervision/targets/${t.id}`, { method: 'DELETE' }).then(targets.reload, (e: Error) => message.error(e.message))}>
                    <a>删除</a>
                  </Popconfirm>
                ) }]
              : []),
          ]}
        />
      </Card>

      <Card title={`${year}年度评分方案`} extra={<Typography.Text type="secondary">合计 {total} 分（得分按可计分项折算为百分制）</Typography.Text>}>
        <Form form={schemeForm} disabled={!manage} layout="inline">
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space key={field.key} wrap>
                    <Form.Item name={[field.name, 'indicator']} rules={[{ required: true, message: '请选择指标' }]}>
                      <Select style={{ width: 280 }} options={options} placeholder="指标" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'points']} rules={[{ required: true, message: '请填写分值' }]}>
                      <InputNumber min={0.5} max={100} addonAfter="分" placeholder="分值" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'rule']} rules={[{ required: true, message: '请选择计分规则' }]}>
                      <Select style={{ width: 180 }} options={Object.entries(RULE_NAMES).map(([value, label]) => ({ value, label }))} placeholder="未达标时" />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        schemeForm.getFieldValue(['items', field.name, 'rule']) === 'deduct' && (
                          <Form.Item name={[field.name, 'deductPerUnit']} rules={[{ required: true, message: '请填写每单位扣分' }]}>
                            <InputNumber min={0.1} addonBefore="每低 1 个单位扣" addonAfter="分" />
                          </Form.Item>
                        )
                      }
                    </Form.Item>
                    {manage && <a onClick={() => remove(field.name)}>删除</a>}
                  </Space>
                ))}
                {manage && (
                  <Space>
                    <Button onClick={() => add({ rule: 'proportional' })}>添加一项</Button>
                    <Button type="primary" loading={saving} onClick={saveScheme}>
                      保存评分方案
                    </Button>
                  </Space>
                )}
              </Space>
            )}
          </Form.List>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          达到目标得满分；未达标时：按完成比例得分 = 分值 × 实际值 ÷ 目标值（越低越好的指标为 目标值 ÷ 实际值）；每低 1 个单位扣分，扣完为止；或不得分。无数据或未设目标的指标不计入。
        </Typography.Paragraph>
      </Card>

      <FormModal<TargetForm>
        title="设定考核目标"
        open={open}
        form={targetForm}
        onClose={() => setOpen(false)}
        onSave={async (values) => {
          await api('/supervision/targets', { method: 'PUT', body: { year, indicator: values.indicator, areaId: values.areaId ?? null, institutionId: values.institutionId ?? null, target: values.target } });
          targets.reload();
          return '目标已保存';
        }}
      >
        <Form.Item name="indicator" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
          <Select options={options} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="areaId" label="乡镇" extra="不选即为全部乡镇的统一目标；单个乡镇的目标优先于统一目标">
          <AreaSelect onlyLevel="township" placeholder="全部乡镇" />
        </Form.Item>
        {perInstitution && (
          <Form.Item name="institutionId" label="机构" extra="本指标按机构统计，可为单个机构设定目标（如县人民医院报告及时率 100%），未达标时在月通报中列出该机构；不与乡镇同选">
            <InstitutionSelect onChange={(id) => targetForm.setFieldValue('institutionId', id)} />
          </Form.Item>
        )}
        <Form.Item name="target" label="目标值" rules={[{ required: true, message: '请填写目标值' }]} extra="按指标单位填写，如参合率 85 即 85%">
          <InputNumber min={0} style={{ width: 200 }} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}
