import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { showFormError } from '../../../lib/form-errors.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { CLAIM_KINDS } from '../../../../ncms/claims/vocabulary.ts';
import { usePoolYear } from './PoolYearPicker.tsx';
import type { StoredReviewRules } from './review-types.ts';
import { documentToForm, formToDocument, RULE_NAMES, type RulesFormValues } from './rules-form.ts';

const KIND_OPTIONS = Object.entries(CLAIM_KINDS).map(([value, label]) => ({ value, label }));
const LEVEL_OPTIONS = [
  { value: 'village', label: '村级' },
  { value: 'township', label: '乡级' },
  { value: 'county', label: '县级' },
  { value: 'outside', label: '县外' },
];
const levelName = (level: string | null | undefined) => LEVEL_OPTIONS.find((l) => l.value === level)?.label ?? '不分级别';
const kindName = (kind: string) => CLAIM_KINDS[kind as keyof typeof CLAIM_KINDS] ?? kind;

/** The rules in force, in words. */
function RulesText({ rules }: { rules: StoredReviewRules }) {
  const d = rules.document;
  const lines = [
    d.amount ? `大额：${d.amount.map((l) => `${levelName(l.level)}${kindName(l.kind)}总费用超过 ${l.above} 元`).join('；')}` : '大额：不审',
    d.sample ? `随机抽查：每个机构每月 ${d.sample.shares.map((s) => `${kindName(s.kind)} ${Number(s.share) * 100}%`).join('、')}（种子「${d.sample.seed}」）` : '随机抽查：不抽',
    d.stay ? `住院天数：超过 ${d.stay.aboveDays} 天` : '住院天数：不审',
    d.diagnosisCost ? `病种费用：${d.diagnosisCost.kinds.map(kindName).join('、')}总费用超过上年全县同级同病种平均的 ${d.diagnosisCost.factor} 倍（上年至少 ${d.diagnosisCost.minCases} 例）` : '病种费用：不审',
  ];
  return (
    <ul style={{ margin: 0 }}>
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}

/** 审核规则: the rules in force for a pool and year, their versions, and the editor (ncms.manage) that saves a new version. */
export default function RulesPage() {
  const { pool, year, picker } = usePoolYear();
  const mayEdit = allowed(useCurrentUser().role, 'ncms.manage');
  const { message } = App.useApp();
  const [form] = Form.useForm<RulesFormValues>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<Array<{ field: string; message: string }>>([]);
  const loaded = useLoad(() => (pool ? api<{ inForce: StoredReviewRules | null; versions: StoredReviewRules[] }>('/ncms/review/rules', { query: { pool, year } }) : Promise.resolve({ inForce: null, versions: [] })), [pool, year]);
  const inForce = loaded.data?.inForce ?? null;

  useEffect(() => {
    if (loaded.data) form.setFieldsValue(documentToForm(loaded.data.inForce?.document ?? null, year));
  }, [loaded.data]);

  async function save(values: RulesFormValues) {
    setSaving(true);
    setProblems([]);
    try {
      const saved = await api<StoredReviewRules>('/ncms/review/rules', { method: 'POST', body: { pool, year, document: formToDocument(values), note: values.note?.trim() || null } });
      message.success(`已保存为第 ${saved.version} 版，立即执行`);
      loaded.reload();
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.details?.problems)) setProblems(error.details.problems as typeof problems);
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  }

  const on = Form.useWatch('on', form);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="审核规则">
        {picker}
        <div style={{ marginTop: 16 }}>
          {inForce ? (
            <>
              <Typography.Paragraph>
                执行中：第 {inForce.version} 版（{inForce.savedByName}，{formatTime(inForce.savedAt)}）{inForce.note ? `——${inForce.note}` : ''}
              </Typography.Paragraph>
              <RulesText rules={inForce} />
            </>
          ) : (
            <Alert type="info" showIcon message={`${pool ?? ''} ${year} 年度还没有审核规则${mayEdit ? '，请在下面填写并保存' : ''}`} />
          )}
        </div>
      </Card>

      {mayEdit && (
        <Card title={inForce ? '修改规则（保存为新版本）' : '设置规则'}>
          {problems.length > 1 && <Alert type="error" showIcon style={{ marginBottom: 16 }} message="请修改以下问题" description={<ul>{problems.map((p) => <li key={p.field + p.message}>{`${p.field}：${p.message}`}</li>)}</ul>} />}
          <Form form={form} name="review-rules" layout="vertical" onFinish={save} initialValues={documentToForm(null, year)}>
            <Form.Item label={RULE_NAMES.amount} name={['on', 'amount']} valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="不用" />
            </Form.Item>
            {on?.amount && (
              <Form.List name={['document', 'amount']}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'kind']} rules={[{ required: true, message: '请选择类别' }]}>
                          <Select options={KIND_OPTIONS} style={{ width: 100 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'level']}>
                          <Select options={LEVEL_OPTIONS} allowClear placeholder="不分级别" style={{ width: 110 }} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'above']} rules={[{ required: true, message: '请填写金额' }]}>
                          <InputNumber addonBefore="总费用超过" addonAfter="元" min={0} style={{ width: 260 }} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除此审核线" />
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add({ kind: 'inpatient', level: null })} icon={<PlusOutlined />} style={{ marginBottom: 16 }}>
                      添加审核线
                    </Button>
                  </>
                )}
              </Form.List>
            )}

            <Form.Item label={RULE_NAMES.sample} name={['on', 'sample']} valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="不用" />
            </Form.Item>
            {on?.sample && (
              <>
                <Form.Item label="随机种子（同一种子重新抽审时抽中同样的单据）" name={['document', 'sample', 'seed']}>
                  <Input maxLength={60} style={{ maxWidth: 320 }} />
                </Form.Item>
                <Form.List name={['document', 'sample', 'shares']}>
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="baseline">
                          <Form.Item name={[f.name, 'kind']}>
                            <Select options={KIND_OPTIONS} style={{ width: 100 }} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'share']} extra="0.02 表示每个机构每月抽 2%，至少 1 笔">
                            <InputNumber addonBefore="抽查比例" min={0} max={1} step={0.01} style={{ width: 220 }} />
                          </Form.Item>
                          <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除此比例" />
                        </Space>
                      ))}
                      <Button type="dashed" onClick={() => add({ kind: 'chronic', share: 0.01 })} icon={<PlusOutlined />} style={{ marginBottom: 16 }}>
                        添加抽查类别
                      </Button>
                    </>
                  )}
                </Form.List>
              </>
            )}

            <Form.Item label={RULE_NAMES.stay} name={['on', 'stay']} valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="不用" />
            </Form.Item>
            {on?.stay && (
              <Form.Item name={['document', 'stay', 'aboveDays']}>
                <InputNumber addonBefore="住院超过" addonAfter="天" min={0} style={{ width: 220 }} />
              </Form.Item>
            )}

            <Form.Item label={RULE_NAMES.diagnosisCost} name={['on', 'diagnosisCost']} valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="不用" />
            </Form.Item>
            {on?.diagnosisCost && (
              <Space wrap align="baseline">
                <Form.Item name={['document', 'diagnosisCost', 'kinds']}>
                  <Select mode="multiple" options={KIND_OPTIONS} style={{ minWidth: 160 }} />
                </Form.Item>
                <Form.Item name={['document', 'diagnosisCost', 'factor']}>
                  <InputNumber addonBefore="超过上年同病种平均的" addonAfter="倍" min={0} step={0.5} style={{ width: 280 }} />
                </Form.Item>
                <Form.Item name={['document', 'diagnosisCost', 'minCases']}>
                  <InputNumber addonBefore="上年至少" addonAfter="例" min={0} style={{ width: 200 }} />
                </Form.Item>
              </Space>
            )}

            <Form.Item label="修改说明" name="note">
              <Input maxLength={200} placeholder="如：住院天数由 20 天改为 15 天" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!pool}>
              保存并执行
            </Button>
          </Form>
        </Card>
      )}

      <Card title="历史版本">
        <Table<StoredReviewRules>
          rowKey="id"
          size="small"
          loading={loaded.loading}
          dataSource={loaded.data?.versions ?? []}
          pagination={false}
          columns={[
            { title: '版本', dataIndex: 'version', width: 70 },
            { title: '保存人', dataIndex: 'savedByName', width: 120 },
            { title: '时间', dataIndex: 'savedAt', width: 170, render: formatTime },
            { title: '说明', dataIndex: 'note' },
          ]}
          expandable={{ expandedRowRender: (r) => <RulesText rules={r} /> }}
        />
      </Card>
    </Space>
  );
}
