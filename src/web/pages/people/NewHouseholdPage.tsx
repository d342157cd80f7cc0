import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/AuthContext.tsx';
import { AreaSelect } from '../../components/AreaSelect.tsx';
import { BackButton } from '../../components/BackButton.tsx';
import { clearDraft, loadDraft, saveDraft } from '../../lib/draft.ts';
import { showFormError } from '../../lib/form-errors.ts';
import { findArea, loadAreaTree } from '../../lib/useAreaTree.ts';
import { MemberFields, type MemberInput } from './MemberFields.tsx';
import { compact } from './compact.ts';

interface HouseholdInput {
  areaId?: number;
  address?: string;
  phone?: string;
  members: MemberInput[];
}

const EMPTY: HouseholdInput = { members: [{ relation: 'head' }] };

/** 新建家庭户: the household and its members in one form; the draft survives reloads until saved. */
export default function NewHouseholdPage() {
  const user = useCurrentUser();
  const draftKey = `household.new.${user.id}`;
  const [form] = Form.useForm<HouseholdInput>();
  const [restored] = useState(() => loadDraft<HouseholdInput>(draftKey));
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const navigate = useNavigate();

  // Watching the store (not onValuesChange) also catches sex and birth date filled in from an ID number.
  const values = Form.useWatch((all: HouseholdInput) => all, { form, preserve: true });
  useEffect(() => {
    if (values && form.isFieldsTouched()) saveDraft(draftKey, values);
  }, [values, form, draftKey]);

  // A village doctor's households are in their own village: start with it picked.
  useEffect(() => {
    if (restored) return;
    void loadAreaTree().then((tree) => {
      if (findArea(tree, user.areaId)?.level === 'village' && form.getFieldValue('areaId') === undefined) {
        form.setFieldValue('areaId', user.areaId);
      }
    }, () => undefined); // the picker shows its own empty state
  }, [restored, user.areaId, form]);

  async function submit(values: HouseholdInput) {
    setBusy(true);
    try {
      const body = { ...compact({ areaId: values.areaId, address: values.address, phone: values.phone }), members: values.members.map(compact) };
      const created = await api<{ id: number }>('/households', { method: 'POST', body });
      clearDraft(draftKey);
      message.success('家庭户已登记');
      navigate(`/people/households/${created.id}`, { replace: true });
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
      setBusy(false);
    }
  }

  function discardDraft() {
    clearDraft(draftKey);
    form.setFieldsValue({ areaId: undefined, address: undefined, phone: undefined, ...EMPTY });
  }

  return (
    <Card title="新建家庭户" extra={<BackButton />}>
      {restored && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="已恢复上次未提交的内容"
          action={<Button size="small" onClick={discardDraft}>清空重填</Button>}
        />
      )}
      <Form<HouseholdInput>
        form={form}
        layout="vertical"
        initialValues={restored ?? EMPTY}
        onFinish={submit}
        onFinishFailed={() => message.error('请先改正标红的栏目')}
        scrollToFirstError
      >
        <Space wrap align="start" size="middle">
          <Form.Item label="所属村（社区）" name="areaId" rules={[{ required: true, message: '请选择所属村（社区）' }]}>
            <AreaSelect style={{ width: 260 }} allowClear={false} onlyLevel="village" placeholder="选择村或社区" />
          </Form.Item>
          <Form.Item label="家庭住址" name="address" rules={[{ required: true, whitespace: true, message: '请填写家庭住址' }]}>
            <Input style={{ width: 360 }} maxLength={200} />
          </Form.Item>
          <Form.Item label="联系电话" name="phone">
            <Input style={{ width: 180 }} maxLength={20} />
          </Form.Item>
        </Space>
        <Form.List
          name="members"
          rules={[{ validator: async (_, members: unknown[]) => { if (!members?.length) throw new Error('至少要有一名家庭成员'); } }]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={`成员 ${index + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={
                    fields.length > 1 && (
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                        删除
                      </Button>
                    )
                  }
                >
                  <MemberFields form={form} name={[field.name]} path={['members', field.name]} />
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block style={{ marginBottom: 16 }}>
                添加成员
              </Button>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={busy}>
          保存
        </Button>
      </Form>
    </Card>
  );
}
