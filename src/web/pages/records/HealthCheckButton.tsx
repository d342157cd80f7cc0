import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row } from 'antd';
import { MedicineBoxOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import { dateStringField } from '../../components/date-field.ts';
import { clearDraft, loadDraft, saveDraft } from '../../lib/draft.ts';
import { showFormError } from '../../lib/form-errors.ts';
import { todayInShanghai } from '../../lib/format.ts';

interface CheckValues {
  checkedOn: string;
  doctor: string;
  systolic?: number;
  diastolic?: number;
  heightCm?: number;
  weightKg?: number;
  conclusion?: string;
}

/** 登记体检: a health check on the record; what is typed is kept as a draft until saved. */
export function HealthCheckButton({ personId, birthDate, onSaved }: { personId: number; birthDate: string; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CheckValues>();
  const { message } = App.useApp();
  const key = `records.${personId}.check`;

  function start() {
    form.resetFields();
    form.setFieldsValue(loadDraft<CheckValues>(key) ?? { checkedOn: todayInShanghai() });
    setOpen(true);
  }

  async function save(values: CheckValues) {
    setBusy(true);
    try {
      await api(`/records/persons/${personId}/checks`, { method: 'POST', body: { ...values, conclusion: values.conclusion?.trim() || undefined } });
      clearDraft(key);
      message.success('体检已登记');
      setOpen(false);
      onSaved();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  const number = (name: keyof CheckValues, label: string, unit: string, precision = 0) => (
    <Col span={6}>
      <Form.Item name={name} label={`${label}（${unit}）`}>
        <InputNumber style={{ width: '100%' }} precision={precision} />
      </Form.Item>
    </Col>
  );

  return (
    <>
      <Button icon={<MedicineBoxOutlined />} onClick={start}>
        登记体检
      </Button>
      <Modal title="登记健康体检" open={open} width={720} okText="保存" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} name="health-check" layout="vertical" onFinish={save} onValuesChange={() => saveDraft(key, form.getFieldsValue())}>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="checkedOn" label="体检日期" rules={[{ required: true, message: '请选择体检日期' }]} {...dateStringField}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(birthDate), 'day')} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="doctor" label="体检医生" rules={[{ required: true, message: '请填写体检医生' }]}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            {number('systolic', '收缩压', 'mmHg')}
            {number('diastolic', '舒张压', 'mmHg')}
            {number('heightCm', '身高', '厘米', 1)}
            {number('weightKg', '体重', '千克', 1)}
          </Row>
          <Form.Item name="conclusion" label="健康评价与指导">
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
