import { useRef, useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Modal, Result, Space, Spin } from 'antd';
import { PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { api, apiUrl } from '../../../api/client.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { allowed } from '../../../auth/permissions.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { showFormError } from '../../../lib/form-errors.ts';
import { formatTime } from '../../../lib/format.ts';
import { useLoad } from '../../../lib/useLoad.ts';
import type { ClaimView } from '../ncms-types.ts';
import { fenAmount } from '../money.ts';
import { newRequestId } from '../request-id.ts';
import { ClaimBreakdown } from './ClaimBreakdown.tsx';
import { ClaimLinesTable, claimHeadingItems } from './ClaimSummary.tsx';

/** 冲销: the NCMS office undoes a settled claim with its reason; the original settlement stays on record. */
function ReverseButton({ claim, onDone }: { claim: ClaimView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();
  // One key per opening of the dialog: a double click or a retry of the same reversal is answered once.
  const key = useRef('');

  async function reverse({ reason }: { reason: string }) {
    setBusy(true);
    try {
      await api(`/ncms/claims/${claim.id}/reverse`, { method: 'POST', body: { reason: reason.trim(), requestId: key.current } });
      message.success(`单据 ${claim.claimNo} 已冲销`);
      setOpen(false);
      onDone();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        danger
        icon={<RollbackOutlined />}
        onClick={() => {
          key.current = newRequestId();
          form.resetFields();
          setOpen(true);
        }}
      >
        冲销
      </Button>
      <Modal title={`冲销单据 ${claim.claimNo}`} open={open} okText="确认冲销" okButtonProps={{ danger: true }} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setOpen(false)} forceRender>
        <p>{`冲销后本单统筹支付 ${fenAmount(claim.settlement?.payFen ?? 0)} 元退回基金，患者年度累计相应减少，原结算记录保留。`}</p>
        <Form form={form} name="reverse" layout="vertical" onFinish={reverse}>
          <Form.Item label="冲销原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写冲销原因' }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} placeholder="如：重复结算、费用录入错误" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** One claim: the patient and visit, the cost lines, the settlement breakdown; print the receipt, reverse it. */
export default function ClaimDetailPage() {
  const { id } = useParams();
  const mayReverse = allowed(useCurrentUser().role, 'ncms.reverse');
  const { data: claim, loading, error, reload } = useLoad(() => api<ClaimView>(`/ncms/claims/${id}`), [id]);

  if (error && !claim) return <Result status="warning" title={error.message} extra={<BackButton />} />;
  if (!claim) return <Spin spinning={loading} style={{ display: 'block', marginTop: 80 }} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`报销单据 ${claim.claimNo}`}
        extra={
          <Space>
            {claim.settlement && (
              <a href={apiUrl(`/ncms/claims/${claim.id}/receipt.pdf`)} target="_blank" rel="noreferrer">
                <Button icon={<PrinterOutlined />}>打印结算单</Button>
              </a>
            )}
            {mayReverse && claim.status === 'settled' && <ReverseButton claim={claim} onDone={reload} />}
            <BackButton />
          </Space>
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 3 }}
          items={[
            ...claimHeadingItems(claim),
            { key: 'referred', label: '转诊', children: claim.referred ? '已转诊' : '未转诊' },
            { key: 'registered', label: '登记', children: `${claim.registeredByName} ${formatTime(claim.registeredAt)}` },
          ]}
        />
      </Card>
      <Card title="结算明细">
        <ClaimBreakdown claim={claim} />
      </Card>
      <Card title={`费用明细（${claim.lines.length} 项）`}>
        <ClaimLinesTable lines={claim.lines} />
      </Card>
    </Space>
  );
}
