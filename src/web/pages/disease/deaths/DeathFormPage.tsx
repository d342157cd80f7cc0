import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { api } from '../../../api/client.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { showFormError } from '../../../lib/form-errors.ts';
import { PersonPicker } from './PersonPicker.tsx';
import { DEATH_PLACES } from './deaths-types.ts';

interface Values {
  personId: number;
  deathDate: Dayjs;
  place: string;
  causeA: string;
  causeB?: string;
  causeC?: string;
  causeD?: string;
  underlyingIcd10: string;
}

const CAUSE_FIELDS = [
  { name: 'causeA', label: '(a) 直接死亡原因', required: true },
  { name: 'causeB', label: '(b) 引起 (a) 的疾病或情况' },
  { name: 'causeC', label: '(c) 引起 (b) 的疾病或情况' },
  { name: 'causeD', label: '(d) 引起 (c) 的疾病或情况' },
] as const;

/** 登记死亡: the death certificate's facts; the form keeps everything typed when the server refuses it. */
export default function DeathFormPage() {
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const navigate = useNavigate();

  async function save(values: Values) {
    setSaving(true);
    try {
      await api('/disease/deaths', {
        method: 'POST',
        body: {
          ...values,
          deathDate: values.deathDate.format('YYYY-MM-DD'),
          causeB: values.causeB || null,
          causeC: values.causeC || null,
          causeD: values.causeD || null,
        },
      });
      message.success('死亡已登记，该居民已标记为死亡');
      navigate('/disease/deaths');
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card title="登记死亡" extra={<BackButton />}>
      <Form<Values> form={form} layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 14 }} onFinish={save} initialValues={{ place: 'home' }} style={{ maxWidth: 900 }}>
        <Form.Item name="personId" label="死者" rules={[{ required: true, message: '请查找并选择死者' }]}>
          <PersonPicker />
        </Form.Item>
        <Form.Item name="deathDate" label="死亡日期" rules={[{ required: true, message: '请填写死亡日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="place" label="死亡地点" rules={[{ required: true }]}>
          <Select options={Object.entries(DEATH_PLACES).map(([value, label]) => ({ value, label }))} style={{ width: 200 }} />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginLeft: '25%' }}>
          按《居民死亡医学证明（推断）书》填写死亡原因链的 ICD-10 编码，如 I63.9（脑梗死）、J44.9（慢阻肺）、C34.9（肺癌）。
        </Typography.Paragraph>
        {CAUSE_FIELDS.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} rules={'required' in f ? [{ required: true, message: '请填写直接死亡原因的 ICD-10 编码' }] : []}>
            <Input placeholder="ICD-10 编码" style={{ width: 200 }} />
          </Form.Item>
        ))}
        <Form.Item name="underlyingIcd10" label="根本死因" extra="通常是原因链最下面一行的疾病" rules={[{ required: true, message: '请填写根本死因的 ICD-10 编码' }]}>
          <Input placeholder="ICD-10 编码" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item wrapperCol={{ offset: 6 }}>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              登记
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
