import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { allowed } from '../../auth/permissions.ts';
import { clearDraft, loadDraft, saveDraft } from '../../lib/draft.ts';
import { showFormError } from '../../lib/form-errors.ts';
import { todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useQueryParams } from '../../lib/useQueryParams.ts';
import type { BatchView } from './immunization-types.ts';
import { ClinicSelect } from './ClinicSelect.tsx';
import { VACCINE_OPTIONS } from './DoseForm.tsx';

const WARNINGS = { expired: { color: 'red', text: '已过期' }, expiring: { color: 'orange', text: '30 天内到期' } } as const;

/** 疫苗批号库存: stock by clinic with expiry warnings; 入库 of a delivered batch. */
export default function StockPage() {
  const { text, number, update } = useQueryParams();
  const user = useCurrentUser();
  const institutionId = number('institutionId');
  const vaccine = text('vaccine');
  const includeEmpty = text('includeEmpty') === 'true';
  const [receiving, setReceiving] = useState(false);
  const stock = useLoad(
    () => api<BatchView[]>('/immunization/stock', { query: { institutionId, vaccine, includeEmpty: includeEmpty ? 'true' : undefined } }),
    [institutionId, vaccine, includeEmpty],
  );
  const warned = (stock.data ?? []).filter((b) => b.warning && b.remaining > 0);

  return (
    <Card
      title="疫苗批号库存"
      extra={allowed(user.role, 'immunization.write') && <Button icon={<PlusOutlined />} onClick={() => setReceiving(true)}>疫苗入库</Button>}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="接种单位">
            <ClinicSelect value={institutionId} onChange={(id) => update({ institutionId: id })} />
          </Form.Item>
          <Form.Item label="疫苗">
            <Select allowClear style={{ width: 220 }} value={vaccine} onChange={(v: string | undefined) => update({ vaccine: v })} options={VACCINE_OPTIONS} placeholder="全部" showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item label="含已用完批次">
            <Switch checked={includeEmpty} onChange={(on) => update({ includeEmpty: on ? 'true' : undefined })} />
          </Form.Item>
        </Form>
        {stock.error && <Alert type="warning" showIcon title={stock.error.message} />}
        {warned.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={`效期预警：${warned.filter((b) => b.warning === 'expired').length} 个批次已过期（不能再使用），${warned.filter((b) => b.warning === 'expiring').length} 个批次 30 天内到期`}
          />
        )}
        <Table<BatchView>
          rowKey="id"
          size="small"
          loading={stock.loading}
          dataSource={stock.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个批次` }}
          columns={[
            { title: '接种单位', dataIndex: 'institutionName' },
            { title: '疫苗', dataIndex: 'vaccineName' },
            { title: '批号', dataIndex: 'batchNo' },
            { title: '生产企业', dataIndex: 'manufacturer' },
            { title: '有效期至', dataIndex: 'expiry' },
            { title: '入库日期', dataIndex: 'receivedOn' },
            { title: '入库数量', dataIndex: 'receivedQty', align: 'right' },
            { title: '库存', dataIndex: 'remaining', align: 'right' },
            { title: '效期', render: (_, b) => (b.warning ? <Tag color={WARNINGS[b.warning].color}>{WARNINGS[b.warning].text}</Tag> : <Tag color="green">正常</Tag>) },
          ]}
        />
      </Space>
      <ReceiveBatchModal open={receiving} onClose={() => setReceiving(false)} onSaved={() => { setReceiving(false); stock.reload(); }} />
    </Card>
  );
}

interface Values {
  institutionId?: number;
  vaccine?: string;
  manufacturer?: string;
  batchNo?: string;
  expiry?: Dayjs;
  quantity?: number;
  receivedOn?: Dayjs;
}
type Draft = Omit<Values, 'expiry' | 'receivedOn'> & { expiry?: string; receivedOn?: string };
const DRAFT = 'immunization.receive-batch';
const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

function ReceiveBatchModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const draft = loadDraft<Draft>(DRAFT);

  async function submit() {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const batch = await api<BatchView>('/immunization/batches', {
        method: 'POST',
        body: { ...values, expiry: day(values.expiry), receivedOn: day(values.receivedOn) },
      });
      clearDraft(DRAFT);
      form.resetFields();
      message.success(`已入库：${batch.vaccineName} 批号 ${batch.batchNo}，现库存 ${batch.remaining}`);
      onSaved();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal title="疫苗入库" open={open} onCancel={onClose} onOk={() => void submit()} okText="入库" confirmLoading={saving} forceRender>
      <Form<Values>
        form={form}
        name="batch"
        layout="vertical"
        initialValues={
          draft
            ? { ...draft, expiry: draft.expiry ? dayjs(draft.expiry) : undefined, receivedOn: draft.receivedOn ? dayjs(draft.receivedOn) : undefined }
            : { receivedOn: dayjs(todayInShanghai()) }
        }
        onValuesChange={() => {
          const v = form.getFieldsValue();
          saveDraft(DRAFT, { ...v, expiry: day(v.expiry), receivedOn: day(v.receivedOn) } satisfies Draft);
        }}
      >
        <Form.Item name="institutionId" label="接种单位" extra="同一单位同一批号再次入库时累加数量（生产企业和有效期须一致）">
          <ClinicSelect />
        </Form.Item>
        <Form.Item name="vaccine" label="疫苗" rules={[{ required: true, message: '请选择疫苗' }]}>
          <Select options={VACCINE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="manufacturer" label="生产企业" rules={[{ required: true, message: '请填写生产企业' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="batchNo" label="批号" rules={[{ required: true, message: '请填写批号' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Space>
          <Form.Item name="expiry" label="有效期至" rules={[{ required: true, message: '请选择有效期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="quantity" label="数量（支/剂）" rules={[{ required: true, message: '请填写入库数量' }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="receivedOn" label="入库日期">
            <DatePicker />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
