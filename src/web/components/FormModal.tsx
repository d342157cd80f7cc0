import { useEffect, useId, useState, type ReactNode } from 'react';
import { App, Form, Modal, type FormInstance } from 'antd';
import { showFormError } from '../lib/form-errors.ts';

interface Props<T> {
  title: ReactNode;
  open: boolean;
  form: FormInstance<T>;
  /** The values the form starts from each time it opens. */
  initialValues?: Partial<T>;
  /** Sends the values and answers the success message (the dialog then closes); a failure shows on its field and keeps it open. */
  onSave: (values: T) => Promise<string>;
  /** When given, asked before saving: what will happen, in plain words, and the button to go ahead. */
  confirm?: (values: T) => { title: string; content: ReactNode; okText: string };
  onClose: () => void;
  width?: number;
  children: ReactNode;
}

/** A dialog holding one form: resets when opened, saves on 保存 (after a confirmation when asked for), keeps everything typed when the server refuses. */
export function FormModal<T extends object>({ title, open, form, initialValues, onSave, confirm, onClose, width, children }: Props<T>) {
  const [busy, setBusy] = useState(false);
  const { message, modal } = App.useApp();
  // Field ids carry the form's own name: a page may hold several dialogs with a field of the same name.
  const formName = `form${useId().replace(/\W/g, '')}`;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (initialValues) form.setFieldsValue(initialValues as Parameters<FormInstance<T>['setFieldsValue']>[0]);
    // Only on opening: later changes of the caller's objects must not wipe what is being typed.
  }, [open, form]);

  async function save(values: T) {
    setBusy(true);
    try {
      message.success(await onSave(values));
      onClose();
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  function submit(values: T) {
    if (!confirm) return save(values);
    const question = confirm(values);
    modal.confirm({ ...question, width: 520, cancelText: '取消', onOk: () => save(values) });
  }

  return (
    <Modal title={title} open={open} width={width} okText="保存" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} forceRender>
      <Form form={form} name={formName} layout="vertical" onFinish={submit}>
        {children}
      </Form>
    </Modal>
  );
}
