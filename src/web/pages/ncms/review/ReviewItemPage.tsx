import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Result, Space, Spin, Tag, Timeline } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { showFormError } from '../../../lib/form-errors.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import { fenAmount } from '../money.ts';
import { ClaimLinesTable, claimHeadingItems } from '../claims/ClaimSummary.tsx';
import { REVIEW_RULES } from '../../../../ncms/review/select.ts';
import type { ReviewItemView } from './review-types.ts';
import { STATUS_COLORS } from './QueuePage.tsx';

interface DecisionForm {
  decision: 'approved' | 'adjusted' | 'rejected';
  pay?: number | null;
  reason?: string;
}

/** The decision form: 通过 / 核减 (the new pay, lower than settled) / 拒付, with a reason; as a correction when decided. */
function DecisionCard({ item, onDone }: { item: ReviewItemView; onDone: () => void }) {
  const [form] = Form.useForm<DecisionForm>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const correcting = item.status !== 'open';
  const decision = Form.useWatch('decision', form);

  async function submit(values: DecisionForm) {
    setBusy(true);
    try {
      const body = { decision: values.decision, pay: values.decision === 'adjusted' ? values.pay ?? null : null, reason: values.reason?.trim() || null };
      await api(`/ncms/review/items/${item.id}/${correcting ? 'correct' : 'decide'}`, { method: 'POST', body });
      message.success(correcting ? '已更正审核结论' : '审核结论已保存');
      form.resetFields();
      onDone();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={correcting ? '更正审核结论' : '审核结论'}>
      {correcting && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`本单已${item.statusName}。更正须说明理由，基金按差额记账。`} />}
      <Form form={form} name="review-decision" layout="vertical" onFinish={submit} initialValues={{ decision: 'approved' }} style={{ maxWidth: 560 }}>
        <Form.Item label="结论" name="decision" rules={[{ required: true, message: '请选择审核结论' }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'approved', label: '审核通过' },
              { value: 'adjusted', label: '核减' },
              { value: 'rejected', label: '拒付' },
            ]}
          />
        </Form.Item>
        {decision === 'adjusted' && (
          <Form.Item label={`核减后统筹支付（原结算 ${fenAmount(item.settledPayFen)} 元）`} name="pay" rules={[{ required: true, message: '请填写核减后的金额' }]}>
            <InputNumber min={0} precision={2} addonAfter="元" style={{ width: 220 }} />
          </Form.Item>
        )}
        <Form.Item
          label={decision === 'approved' && !correcting ? '备注（可不填）' : '理由'}
          name="reason"
          rules={decision !== 'approved' || correcting ? [{ required: true, whitespace: true, message: '请填写理由' }] : []}
        >
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} placeholder={decision === 'rejected' ? '如：挂床住院，查房时患者不在院' : '如：目录外药品按目录内结算，核减相应费用'} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} danger={decision === 'rejected'}>
          {correcting ? '保存更正' : '保存结论'}
        </Button>
      </Form>
    </Card>
  );
}

/** One selected claim: the claim and its cost lines, why it was selected, the decisions so far, the decision form. */
export default function ReviewItemPage() {
  const { id } = useParams();
  const mayDecide = allowed(useCurrentUser().role, 'ncms.review');
  const { data: item, loading, error, reload } = useLoad(() => api<ReviewItemView>(`/ncms/review/items/${id}`), [id]);

  if (error && !item) return <Result status="warning" title={error.message} extra={<BackButton />} />;
  if (!item) return <Spin spinning={loading} style={{ display: 'block', marginTop: 80 }} />;
  const c = item.claim;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`审核单据 ${c.claimNo}`} extra={<Space><Tag color={STATUS_COLORS[item.status]}>{item.statusName}</Tag><BackButton /></Space>}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            ...claimHeadingItems(c),
            { key: 'total', label: '总费用', children: `${fenAmount(c.totalFen)} 元` },
            { key: 'outOfCatalog', label: '目录外', children: `${fenAmount(c.outOfCatalogFen)} 元` },
            { key: 'settledPay', label: '结算时统筹支付', children: `${fenAmount(item.settledPayFen)} 元` },
            { key: 'pay', label: '审核后支付', children: item.payFen === null ? '待审核' : `${fenAmount(item.payFen)} 元` },
            { key: 'deducted', label: '扣减（应付机构款）', children: `${fenAmount(item.deductedFen)} 元` },
            { key: 'reviewer', label: '审核人', children: item.assignedToName ?? '未分配' },
          ]}
        />
        <p style={{ marginTop: 12 }}>
          <Link to={`/ncms/claims/${c.id}`}>查看报销单据和结算明细</Link>
        </p>
      </Card>

      <Card title="抽中原因">
        <ul style={{ margin: 0 }}>
          {item.reasons.map((r) => (
            <li key={r.rule}>
              <strong>{REVIEW_RULES[r.rule]}</strong>：{r.message}
            </li>
          ))}
        </ul>
      </Card>

      <Card title="费用明细">
        {c.lines.length === 0 ? (
          <p>本次为门诊或慢病就诊，机构只登记了总费用 {fenAmount(c.totalFen)} 元（其中目录外 {fenAmount(c.outOfCatalogFen)} 元），没有明细。</p>
        ) : (
          <ClaimLinesTable lines={c.lines} />
        )}
      </Card>

      {item.decisions.length > 0 && (
        <Card title="审核记录">
          <Timeline
            items={item.decisions.map((d) => ({
              color: d.decision === 'approved' ? 'green' : d.decision === 'adjusted' ? 'orange' : 'red',
              children: `${formatTime(d.decidedAt)} ${d.decidedByName}：${d.corrects ? '更正为' : ''}${d.decisionName}，支付 ${fenAmount(d.payFen)} 元${d.postedFen ? `，记账 ${d.postedFen > 0 ? '扣减' : '退回'} ${fenAmount(Math.abs(d.postedFen))} 元（${d.bookedOn}）` : ''}${d.reason ? `。理由：${d.reason}` : ''}`,
            }))}
          />
        </Card>
      )}

      {mayDecide && <DecisionCard item={item} onDone={reload} />}
    </Space>
  );
}
