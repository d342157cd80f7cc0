import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal } from 'antd';
import { api } from '../../api/client.ts';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { clearDraft, loadDraft, saveDraft } from '../../lib/draft.ts';
import { showFormError } from '../../lib/form-errors.ts';
import type { ChildRecord } from './immunization-types.ts';

interface Values {
  idNumber: string;
  areaId?: number;
  address?: string;
  guardianName: string;
  guardianPhone?: string;
  conditions?: string[];
  issueCertificate?: boolean;
}

const DRAFT = 'immunization.register-child';

/** 儿童建档: a child of the people register, found by its whole ID number (read off the birth certificate). */
export function RegisterChildModal({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: (record: ChildRecord) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);

  async function submit() {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const record = await api<ChildRecord>('/immunization/children', {
        method: 'POST',
        body: { ...values, idNumber: values.idNumber.trim(), guardianPhone: values.guardianPhone || null, conditions: values.conditions ?? [] },
      });
      clearDraft(DRAFT);
      form.resetFields();
      message.success(`「${record.name}」已建档`);
      onRegistered(record);
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal title="儿童建档" open={open} onCancel={onClose} onOk={() => void submit()} okText="建档" confirmLoading={saving} destroyOnHidden={false} forceRender>
      <Form<Values>
        form={form}
        name="registerChild"
        layout="vertical"
        initialValues={loadDraft<Values>(DRAFT) ?? { issueCertificate: true }}
        onValuesChange={() => saveDraft(DRAFT, form.getFieldsValue())}
      >
        <Form.Item name="idNumber" label="儿童身份证号" rules={[{ required: true, message: '请填写儿童身份证号（见出生医学证明或户口簿）' }]} extra="儿童须已在人口信息中登记；流动儿童同样按身份证号建档，按现居住地管理。">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="areaId" label="现居住村（社区）" rules={[{ required: true, message: '请选择现居住村（社区）' }]}>
          <AreaSelect />
        </Form.Item>
        <Form.Item name="address" label="现居住地址">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="guardianName" label="监护人姓名" rules={[{ required: true, message: '请填写监护人姓名' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="guardianPhone" label="监护人电话">
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="conditions" label="儿童情况">
          <Checkbox.Group
            options={[
              { value: 'mother_hbsag_positive', label: '母亲乙肝表面抗原阳性' },
              { value: 'birth_weight_under_2000g', label: '出生体重低于 2000 克' },
            ]}
          />
        </Form.Item>
        <Form.Item name="issueCertificate" valuePropName="checked">
          <Checkbox>同时发放接种证</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
