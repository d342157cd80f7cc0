import { useEffect, useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { RoleOption, UserRow } from '../../api/types.ts';
import { ActiveSwitch } from '../../components/ActiveSwitch.tsx';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { InstitutionSelect } from '../../components/InstitutionSelect.tsx';
import { showFormError } from '../../lib/form-errors.ts';

interface UserInput {
  username?: string;
  displayName: string;
  password?: string;
  role: string;
  areaId: number;
  institutionId?: number | null;
  active?: boolean;
}

interface Props {
  /** The user being edited, or null to create one; undefined keeps the dialog closed. */
  editing: UserRow | null | undefined;
  roles: RoleOption[];
  onClose: () => void;
  onSaved: () => void;
}

/** 新建/编辑用户. On a failed save the dialog stays open with everything typed. */
export function UserFormModal({ editing, roles, onClose, onSaved }: Props) {
  const [form] = Form.useForm<UserInput>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const creating = editing === null;
  const open = editing !== undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        displayName: editing.displayName,
        role: editing.role,
        areaId: editing.areaId,
        institutionId: editing.institutionId,
        active: editing.active,
      });
    }
  }, [open, editing, form]);

  async function save(values: UserInput) {
    setBusy(true);
    try {
      const institutionId = values.institutionId ?? null;
      if (editing) {
        const { displayName, role, areaId, active } = values;
        await api(`/users/${editing.id}`, { method: 'PATCH', body: { displayName, role, areaId, institutionId, active } });
      } else {
        await api('/users', { method: 'POST', body: { ...values, institutionId } });
      }
      message.success(creating ? '用户已创建' : '用户已保存');
      onSaved();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={creating ? '新建用户' : `编辑用户：${editing?.username ?? ''}`}
      open={open}
      okText="保存"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={save}>
        {creating && (
          <>
            <Form.Item
              label="用户名"
              name="username"
              rules={[
                { required: true, message: '请填写用户名' },
                { max: 32, message: '用户名最多 32 个字符' },
              ]}
            >
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请填写初始密码' }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={roles.map((r) => ({ value: r.role, label: r.name }))} />
        </Form.Item>
        <Form.Item label="管辖区域" name="areaId" rules={[{ required: true, message: '请选择管辖区域' }]}>
          <AreaSelect allowClear={false} />
        </Form.Item>
        <Form.Item label="所属机构" name="institutionId">
          <InstitutionSelect load={open} />
        </Form.Item>
        {!creating && <ActiveSwitch label="启用" on="启用" off="停用" />}
      </Form>
    </Modal>
  );
}
