import { useState } from 'react';
import { App, Button, Form, Modal } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { PersonDetail } from '../../api/types.ts';
import { showFormError } from '../../lib/form-errors.ts';
import { MemberFields, type MemberInput } from './MemberFields.tsx';
import { compact } from './compact.ts';

function formValues(person: PersonDetail): MemberInput {
  return compact({
    name: person.name,
    idNumber: person.idNumber ?? undefined,
    sex: person.sex,
    birthDate: person.birthDate,
    relation: (person.relation ?? undefined) as MemberInput['relation'],
    phone: person.phone ?? undefined,
    ethnicity: person.ethnicity ?? undefined,
  });
}

/** 修改信息: corrections, and the ID number of a child who now has one (补录身份证号). */
export function EditPersonButton({ person, onSaved }: { person: PersonDetail; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<MemberInput>();
  const { message } = App.useApp();

  function start() {
    form.resetFields();
    form.setFieldsValue(formValues(person));
    setOpen(true);
  }

  async function save(values: MemberInput) {
    setBusy(true);
    try {
      // A cleared phone or ethnicity is removed; everything else left empty stays as it was.
      const body = { ...compact(values), phone: values.phone?.trim() || null, ethnicity: values.ethnicity?.trim() || null };
      await api(`/persons/${person.id}`, { method: 'PATCH', body });
      message.success('已保存');
      setOpen(false);
      onSaved();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button icon={<EditOutlined />} onClick={start}>
        修改信息
      </Button>
      <Modal title={`修改信息：${person.name}`} open={open} width={900} okText="保存" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setOpen(false)} forceRender>
        <Form form={form} layout="vertical" onFinish={save}>
          <MemberFields form={form} name={[]} path={[]} />
        </Form>
      </Modal>
    </>
  );
}
