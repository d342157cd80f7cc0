import { useEffect, useState } from 'react';
import { DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { dateStringField } from '../../components/date-field.ts';
import { RECORD_MEDIA } from '../../../publichealth/records/code-lists.ts';
import type { HealthRecord } from './types.ts';

interface InfoValues {
  createdOn?: string;
  medium: 'electronic' | 'paper';
  institutionId?: number | null;
  responsibleDoctor?: string;
}

interface Props {
  personId: number;
  personName: string;
  birthDate: string;
  /** Absent: 建立健康档案; given: edit its 档案信息. */
  record?: HealthRecord;
  open: boolean;
  onClose: () => void;
  onSaved: (record: HealthRecord) => void;
}

/** 建档 or 档案信息: 建档日期 (creation only), 档案形式, 建档单位, 责任医生. */
export function RecordInfoModal({ personId, personName, birthDate, record, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<InfoValues>();
  const initialValues: Partial<InfoValues> = record
    ? { medium: record.medium, institutionId: record.institutionId, responsibleDoctor: record.responsibleDoctor ?? undefined }
    : { medium: 'electronic' };

  async function save(values: InfoValues) {
    const body = { ...values, institutionId: values.institutionId ?? null, responsibleDoctor: values.responsibleDoctor?.trim() || null };
    const saved = record
      ? await api<HealthRecord>(`/records/persons/${personId}`, { method: 'PATCH', body: { version: record.version, ...body, createdOn: undefined } })
      : await api<HealthRecord>(`/records/persons/${personId}`, { method: 'POST', body });
    onSaved(saved);
    return record ? '档案信息已保存' : `已为「${personName}」建立健康档案，编号 ${saved.recordNo}`;
  }

  return (
    <FormModal title={record ? '编辑档案信息' : `建立健康档案：${personName}`} open={open} form={form} initialValues={initialValues} onSave={save} onClose={onClose} width={560}>
      {!record && (
        <Form.Item name="createdOn" label="建档日期" extra="默认今天；补录纸质档案时填写原建档日期" {...dateStringField}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day') || day.isBefore(dayjs(birthDate), 'day')} />
        </Form.Item>
      )}
      <Form.Item name="medium" label="档案形式" extra="纸质档案：档案本身仍在卫生室的纸质档案袋中，这里只登记编号，不计入电子档案建档率">
        <Radio.Group options={RECORD_MEDIA.map((m) => ({ value: m.code, label: m.name }))} />
      </Form.Item>
      <Form.Item name="institutionId" label="建档单位" extra="不选则为您所在的机构">
        <InstitutionSelect current={record?.institutionId ? { id: record.institutionId, name: record.institutionName ?? '' } : undefined} />
      </Form.Item>
      <Form.Item name="responsibleDoctor" label="责任医生">
        <Input maxLength={40} />
      </Form.Item>
    </FormModal>
  );
}

interface InstitutionOption {
  id: number;
  name: string;
  areaName?: string;
}

/** Picks an institution of the directory by name or code. */
function InstitutionSelect({ value, onChange, id, current }: { value?: number | null; onChange?: (v: number | null) => void; id?: string; current?: InstitutionOption }) {
  const [options, setOptions] = useState<InstitutionOption[]>(current ? [current] : []);
  const [q, setQ] = useState('');
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api<Page<InstitutionOption>>('/institutions', { query: { q, pageSize: 30 } }).then(
        (page) => live && setOptions([...(current && !page.items.some((i) => i.id === current.id) ? [current] : []), ...page.items]),
        () => undefined,
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入机构名称或编码查找"
      options={options.map((o) => ({ value: o.id, label: o.areaName ? `${o.name}（${o.areaName}）` : o.name }))}
    />
  );
}
