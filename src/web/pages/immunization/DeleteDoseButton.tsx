import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { api } from '../../api/client.ts';
import { showFormError } from '../../lib/form-errors.ts';
import type { DoseView } from './immunization-types.ts';

/** 删除错录的一剂: always with a reason (kept in the audit log); a clinic dose goes back to its batch's stock. */
export function DeleteDoseButton({ dose, onDeleted }: { dose: DoseView; onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();

  async function submit() {
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await api(`/immunization/doses/${dose.id}`, { method: 'DELETE', body: { reason } });
      message.success('已删除该剂接种记录');
      setOpen(false);
      form.resetFields();
      onDeleted();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Button size="small" type="link" danger onClick={() => setOpen(true)}>
        删除
      </Button>
      <Modal title={`删除错录：${dose.vaccineName} 第${dose.dose}剂（${dose.date}）`} open={open} onCancel={() => setOpen(false)} onOk={() => void submit()} okText="删除" okButtonProps={{ danger: true }} confirmLoading={saving}>
        <Form form={form} name="deleteDose" layout="vertical">
          <Form.Item name="reason" label="删除原因（记入审计日志）" rules={[{ required: true, whitespace: true, message: '请填写删除原因' }]}>
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
