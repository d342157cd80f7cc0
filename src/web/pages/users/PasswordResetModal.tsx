import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { api } from '../../api/client.ts';
import type { UserRow } from '../../api/types.ts';
import { matchField } from '../../lib/match-field.ts';
import { showFormError } from '../../lib/form-errors.ts';

interface PasswordInput {
  password: string;
  confirm: string;
}

/** 重置密码 for a user who forgot theirs; the admin tells them the new one in person. */
export function PasswordResetModal({ user, onClose }: { user: UserRow | undefined; onClose: () => void }) {
  const [form] = Form.useForm<PasswordInput>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  async function save(values: PasswordInput) {
    if (!user) return;
    setBusy(true);
    try {
      await api(`/users/${user.id}/password`, { method: 'POST', body: { password: values.password } });
      message.success(`已重置 ${user.displayName} 的密码`);
      form.resetFields();
      onClose();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={`重置密码：${user?.displayName ?? ''}`}
      open={user !== undefined}
      okText="重置"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item label="新密码" name="password" rules={[{ required: true, message: '请填写新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="再次输入新密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            matchField('password', '两次输入的密码不一致'),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
