import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import { clearDraft, loadDraft, saveDraft } from '../../lib/draft.ts';
import { showFormError } from '../../lib/form-errors.ts';
import { todayInShanghai } from '../../lib/format.ts';
import { nip2021 } from '../../../publichealth/immunization/schedules/nip-2021.ts';
import { newRequestId } from '../ncms/request-id.ts';
import type { BatchView, ChildRecord } from './immunization-types.ts';

export const VACCINE_OPTIONS = nip2021.vaccines.map((v) => ({ value: v.code, label: `${v.name}（${v.code}）` }));

interface Values {
  vaccine?: string;
  dose?: number | null;
  date?: Dayjs;
  source: 'clinic' | 'other_place';
  batchId?: number | null;
  placeName?: string;
  batchNo?: string;
  vaccinator?: string;
}
type Draft = Omit<Values, 'date'> & { date?: string; requestId: string };

const batchLabel = (b: BatchView) => `${b.batchNo}（${b.manufacturer}，有效期至 ${b.expiry}，库存 ${b.remaining}）`;

/**
 * 登记接种: one dose for the child. A clinic dose proposes the FEFO batch of the day (the clerk may pick another);
 * every server error lands on its field, and what was typed is kept as a draft until saved.
 */
export function DoseForm({ child, preset, onSaved }: { child: ChildRecord; preset?: { vaccine: string; dose: number }; onSaved: (record: ChildRecord) => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const draftKey = `immunization.dose.${child.id}`;
  const [requestId, setRequestId] = useState(() => loadDraft<Draft>(draftKey)?.requestId ?? newRequestId());
  const [stock, setStock] = useState<BatchView[]>([]);
  const [saving, setSaving] = useState(false);
  const [restored, setRestored] = useState(false);
  const vaccine = Form.useWatch('vaccine', form);
  const date = Form.useWatch('date', form);
  const source = Form.useWatch('source', form);

  useEffect(() => {
    const draft = loadDraft<Draft>(draftKey);
    if (draft) {
      form.setFieldsValue({ ...draft, date: draft.date ? dayjs(draft.date) : undefined });
      setRestored(true);
    }
  }, [draftKey, form]);

  useEffect(() => {
    if (preset) form.setFieldsValue({ vaccine: preset.vaccine, dose: preset.dose, batchId: undefined });
  }, [preset, form]);

  // The clinic's batches of the vaccine, and the one to use first on the day (FEFO) as the default.
  const day = date ? date.format('YYYY-MM-DD') : undefined;
  useEffect(() => {
    if (!vaccine || source !== 'clinic') return;
    let current = true;
    Promise.all([
      api<BatchView[]>('/immunization/stock', { query: { vaccine, on: day } }),
      api<BatchView | null>('/immunization/batches/suggest', { query: { vaccine, date: day } }),
    ]).then(
      ([batches, suggested]) => {
        if (!current) return;
        setStock(batches);
        if (!batches.some((b) => b.id === form.getFieldValue('batchId'))) form.setFieldValue('batchId', suggested?.id ?? null);
      },
      () => current && setStock([]),
    );
    return () => {
      current = false;
    };
  }, [vaccine, day, source, form]);

  function keepDraft() {
    const values = form.getFieldsValue();
    saveDraft(draftKey, { ...values, date: values.date?.format('YYYY-MM-DD'), requestId } satisfies Draft);
  }

  async function submit(values: Values) {
    setSaving(true);
    try {
      await api('/immunization/children/' + child.id + '/doses', {
        method: 'POST',
        body: {
          vaccine: values.vaccine,
          dose: values.dose ?? undefined,
          date: values.date?.format('YYYY-MM-DD'),
          source: values.source,
          batchId: values.source === 'clinic' ? (values.batchId ?? undefined) : undefined,
          placeName: values.source === 'other_place' ? values.placeName : undefined,
          batchNo: values.source === 'other_place' ? values.batchNo : undefined,
          vaccinator: values.vaccinator || undefined,
          requestId,
        },
      });
      clearDraft(draftKey);
      setRequestId(newRequestId());
      form.resetFields(['vaccine', 'dose', 'batchId', 'placeName', 'batchNo']);
      setRestored(false);
      message.success('接种已登记');
      onSaved(await api<ChildRecord>(`/immunization/children/${child.id}`));
    } catch (error) {
      showFormError(form, error, (text) => message.error(text));
    } finally {
      setSaving(false);
    }
  }

  const usable = stock.filter((b) => b.remaining > 0 && b.warning !== 'expired');
  return (
    <Form<Values>
      form={form}
      name="dose"
      layout="vertical"
      initialValues={{ source: 'clinic', date: dayjs(todayInShanghai()) }}
      onValuesChange={keepDraft}
      onFinish={(values) => void submit(values)}
    >
      {restored && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已恢复上次未提交的内容" />}
      <Space wrap align="start">
        <Form.Item name="vaccine" label="疫苗" rules={[{ required: true, message: '请选择疫苗' }]}>
          <Select style={{ width: 220 }} options={VACCINE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="选择疫苗" />
        </Form.Item>
        <Form.Item name="dose" label="剂次" tooltip="不填则为下一剂">
          <InputNumber min={1} max={6} style={{ width: 90 }} placeholder="下一剂" />
        </Form.Item>
        <Form.Item name="date" label="接种日期" rules={[{ required: true, message: '请选择接种日期' }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="source" label="接种地点">
          <Radio.Group options={[{ value: 'clinic', label: '本单位' }, { value: 'other_place', label: '外地' }]} optionType="button" />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        {source === 'other_place' ? (
          <>
            <Form.Item name="placeName" label="接种单位（外地）" rules={[{ required: true, message: '请填写接种单位' }]}>
              <Input style={{ width: 240 }} maxLength={100} />
            </Form.Item>
            <Form.Item name="batchNo" label="批号（按接种证填写）">
              <Input style={{ width: 180 }} maxLength={40} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="batchId" label="批号" tooltip="默认为先到期先用（FEFO）的批次" extra={vaccine && usable.length === 0 ? '本单位没有该疫苗的可用批次，请先入库' : undefined}>
            <Select style={{ width: 420 }} allowClear placeholder="自动选择（先到期先用）" options={usable.map((b) => ({ value: b.id, label: batchLabel(b) }))} />
          </Form.Item>
        )}
        <Form.Item name="vaccinator" label="接种人员">
          <Input style={{ width: 140 }} maxLength={40} />
        </Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" loading={saving}>
        登记接种
      </Button>
    </Form>
  );
}
