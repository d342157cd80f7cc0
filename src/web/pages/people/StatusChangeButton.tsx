import { useState } from 'react';
import { App, Button, DatePicker, Form, Modal, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { PersonDetail, PersonStatus } from '../../api/types.ts';
import { dateStringField } from '../../components/date-field.ts';
import { PERSON_STATUS, todayInShanghai } from '../../lib/format.ts';
import { showFormError } from '../../lib/form-errors.ts';

interface StatusForm {
  status: PersonStatus;
  date?: string;
}

/** 变更状态: records a death or a move-out (or undoes one) with the date it happened. */
export function StatusChangeButton({ person, onChanged }: { person: PersonDetail; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<StatusForm>();
  const { message } = App.useApp();
  const status = Form.useWatch('status', form);

  async function save(values: StatusForm) {
    setBusy(true);
    try {
      await api(`/persons/${person.id}/status`, { method: 'POST', body: { status: values.status, date: values.status === 'alive' ? null : values.date } });
      message.success('状态已更新');
      setOpen(false);
      onChanged();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        onClick={() => {
          form.setFieldsValue({ status: person.status === 'alive' ? 'deceased' : 'alive', date: todayInShanghai() });
          setOpen(true);
        }}
      >
        变更状态
      </Button>
      <Modal
        title={`变更状态：${person.name}`}
        open={open}
        okText="保存"
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item label="新状态" name="status" rules={[{ required: true, message: '请选择新状态' }]}>
            <Select options={Object.entries(PERSON_STATUS).map(([value, spec]) => ({ value, label: spec.name }))} />
          </Form.Item>
          {status !== 'alive' && (
            <Form.Item label="发生日期" name="date" rules={[{ required: true, message: '请选择发生日期' }]} {...dateStringField}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
