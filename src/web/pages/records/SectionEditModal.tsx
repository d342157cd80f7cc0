import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, DatePicker, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api/client.ts';
import { dateStringField } from '../../components/date-field.ts';
import { clearDraft, loadDraft, saveDraft } from '../../lib/draft.ts';
import { showFormError } from '../../lib/form-errors.ts';
import { DISEASES } from '../../../publichealth/records/code-lists.ts';
import { fromForm, NONE, toForm, type FieldSpec, type SectionSpec } from './section-fields.ts';
import type { HealthRecord } from './types.ts';

interface Props {
  personId: number;
  record: HealthRecord;
  spec: SectionSpec | null;
  onClose: () => void;
  onSaved: (record: HealthRecord) => void;
}

const draftKey = (personId: number, section: string) => `records.${personId}.${section}`;

/** The server names a row's field as sections.history.diseases.0.name; the form keeps rows under `rows`. */
function formField(spec: SectionSpec, field: string): string {
  const [, , list, ...rest] = field.split('.');
  const f = spec.fields.find((x) => x.name === list);
  return f && (f.kind === 'rows' || f.kind === 'texts') && rest.length ? ['sections', spec.key, list, 'rows', ...rest].join('.') : field;
}

/** Edits one section of the personal basic information sheet; what is typed is kept as a draft until saved. */
export function SectionEditModal({ personId, record, spec, onClose, onSaved }: Props) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [fromDraft, setFromDraft] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!spec) return;
    const draft = loadDraft<Record<string, unknown>>(draftKey(personId, spec.key));
    form.resetFields();
    form.setFieldsValue({ sections: { [spec.key]: draft ?? toForm(spec, record.sections[spec.key]) } });
    setFromDraft(Boolean(draft));
    // Only on opening: a reload of the record must not wipe what is being typed.
  }, [spec, personId]);

  if (!spec) return null;
  const key = draftKey(personId, spec.key);

  function discardDraft() {
    clearDraft(key);
    form.resetFields();
    form.setFieldsValue({ sections: { [spec!.key]: toForm(spec!, record.sections[spec!.key]) } });
    setFromDraft(false);
  }

  async function save(values: { sections: Record<string, Record<string, unknown>> }) {
    setBusy(true);
    try {
      const section = fromForm(spec!, values.sections[spec!.key] ?? {});
      const saved = await api<HealthRecord>(`/records/persons/${personId}`, { method: 'PATCH', body: { version: record.version, sections: { [spec!.key]: section } } });
      clearDraft(key);
      message.success(`「${spec!.title}」已保存`);
      onSaved(saved);
    } catch (error) {
      const located = error instanceof ApiError && error.field ? new ApiError(error.code, error.message, error.status, formField(spec!, error.field), error.details) : error;
      showFormError(form, located, (text) => message.error(text));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={`编辑：${spec.title}`} open width={860} okText="保存" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} forceRender>
      {fromDraft && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title="已恢复您上次未保存的内容"
          action={<Button size="small" onClick={discardDraft}>放弃草稿，显示已保存的内容</Button>}
        />
      )}
      <Form
        form={form}
        name={`record-section-${spec.key}`}
        layout="vertical"
        onFinish={save}
        onValuesChange={() => saveDraft(key, form.getFieldValue(['sections', spec.key]))}
      >
        {spec.fields.map((f) => (
          <FieldInput key={f.name} path={['sections', spec.key, f.name]} field={f} />
        ))}
      </Form>
    </Modal>
  );
}

function FieldInput({ path, field }: { path: string[]; field: FieldSpec }) {
  switch (field.kind) {
    case 'one':
      return (
        <Form.Item name={path} label={field.label}>
          <Select allowClear placeholder="请选择" options={field.options.map((o) => ({ value: o.code, label: o.name }))} />
        </Form.Item>
      );
    case 'many':
      return (
        <Form.Item name={path} label={field.label} extra={field.noneable ? '未勾选表示尚未询问；确实没有请勾选「无」' : undefined}>
          <Checkbox.Group options={[...(field.noneable ? [{ value: NONE, label: '无' }] : []), ...field.options.map((o) => ({ value: o.code, label: o.name }))]} />
        </Form.Item>
      );
    case 'text':
      return (
        <Form.Item name={path} label={field.label}>
          <Input maxLength={100} />
        </Form.Item>
      );
    case 'texts':
    case 'rows':
      return <RowsInput path={path} field={field} />;
  }
}

/** A 有/无 list: 无, or rows to fill. */
function RowsInput({ path, field }: { path: string[]; field: Extract<FieldSpec, { kind: 'rows' | 'texts' }> }) {
  const form = Form.useFormInstance();
  const presence = Form.useWatch([...path, 'presence'], form);
  return (
    <Form.Item label={field.label} required={false}>
      <Form.Item name={[...path, 'presence']} noStyle>
        <Radio.Group options={[{ value: 'no', label: '无' }, { value: 'yes', label: '有' }]} />
      </Form.Item>
      {presence === 'yes' && (
        <Form.List name={[...path, 'rows']} initialValue={[field.kind === 'texts' ? '' : {}]}>
          {(rows, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {rows.map((row) => (
                <Row key={row.key} gutter={8} align="middle">
                  {field.kind === 'texts' ? (
                    <Col flex="auto">
                      <Form.Item name={row.name} rules={[{ required: true, message: '请填写名称' }]}>
                        <Input placeholder="遗传病名称" maxLength={100} />
                      </Form.Item>
                    </Col>
                  ) : (
                    field.columns.map((c) => (
                      <Col key={c.name} span={c.kind === 'text' ? 7 : 5}>
                        <RowCell rowName={row.name} listPath={[...path, 'rows']} column={c} />
                      </Col>
                    ))
                  )}
                  <Col>
                    <MinusCircleOutlined aria-label="删除此行" onClick={() => remove(row.name)} style={{ marginBottom: 24 }} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(field.kind === 'texts' ? '' : {})}>
                添加一行
              </Button>
            </div>
          )}
        </Form.List>
      )}
    </Form.Item>
  );
}

type Column = Extract<FieldSpec, { kind: 'rows' }>['columns'][number];

function RowCell({ rowName, listPath, column }: { rowName: number; listPath: string[]; column: Column }) {
  const form = Form.useFormInstance();
  const name = [rowName, column.name];
  if (column.kind === 'disease') {
    return (
      <Form.Item name={name} label={column.label} rules={[{ required: true, message: '请选择疾病' }]}>
        <Select
          options={DISEASES.map((d) => ({ value: d.code, label: d.name }))}
          onChange={(code: string) => {
            // The usual ICD-10 code fills in; the doctor may write a more precise one.
            const icd10 = DISEASES.find((d) => d.code === code)?.icd10;
            if (icd10 && !form.getFieldValue([...listPath, rowName, 'icd10'])) form.setFieldValue([...listPath, rowName, 'icd10'], icd10);
          }}
        />
      </Form.Item>
    );
  }
  if (column.kind === 'date') {
    return (
      <Form.Item name={name} label={column.label} rules={[{ required: true, message: '请填写日期' }]} {...dateStringField}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    );
  }
  return (
    <Form.Item name={name} label={column.label} rules={column.optional ? undefined : [{ required: true, message: `请填写${column.label}` }]}>
      <Input maxLength={column.kind === 'icd10' ? 8 : 100} placeholder={column.kind === 'icd10' ? '如 I10' : undefined} />
    </Form.Item>
  );
}
