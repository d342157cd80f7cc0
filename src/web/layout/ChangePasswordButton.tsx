import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { matchField } from '../lib/match-field.ts';
import { showFormError } from '../lib/form-errors.ts';

interface PasswordChange {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: the user's own; logins on other computers end with it. */
export function ChangePasswordButton() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<PasswordChange>();
  const { message } = App.useApp();

  async function save({ oldPassword, newPassword }: PasswordChange) {
    setBusy(true);
    try {
      await api('/auth/password', { method: 'POST', body: { oldPassword, newPassword } });
      message.success('密码已修改，其他电脑上的登录已退出');
      form.resetFields();
      setOpen(false);
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button icon={<KeyOutlined />} onClick={() => setOpen(true)}>
        修改密码
      </Button>
      <Modal title="修改密码" open={open} okText="保存" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="newPassword" extra="至少 8 位，须同时包含字母和数字" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              matchField('newPassword', '两次输入的新密码不一致'),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
