import { useState } from 'react';
import { App, Button, Form, Modal } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { showFormError } from '../../lib/form-errors.ts';
import { MemberFields, type MemberInput } from './MemberFields.tsx';
import { compact } from './compact.ts';

/** 增加成员: a newborn, a bride, anyone joining an existing household. */
export function AddMemberButton({ householdId, onAdded }: { householdId: number; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<MemberInput>();
  const { message } = App.useApp();

  async function save(values: MemberInput) {
    setBusy(true);
    try {
      await api(`/households/${householdId}/members`, { method: 'POST', body: compact(values) });
      message.success('成员已添加');
      form.resetFields();
      setOpen(false);
      onAdded();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button icon={<UserAddOutlined />} onClick={() => setOpen(true)}>
        添加成员
      </Button>
      <Modal title="添加家庭成员" open={open} width={900} okText="保存" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} layout="vertical" onFinish={save}>
          <MemberFields form={form} name={[]} path={[]} />
        </Form>
      </Modal>
    </>
  );
}
