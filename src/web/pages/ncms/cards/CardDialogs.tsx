import { DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { api } from '../../../api/client.ts';
import { dateStringField } from '../../../components/date-field.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { RELATIONS, todayInShanghai } from '../../../lib/format.ts';
import type { RegisterRow } from '../ncms-types.ts';

interface HandoverValues {
  receiverName: string;
  receiverRelation: string;
  handedOn: string;
  note?: string;
}

const notAfterToday = (day: dayjs.Dayjs) => day.isAfter(dayjs(), 'day');

/** 发放登记: who received the household's valid card, and when (the user is recorded as the one who handed it over). */
export function HandoverDialog({ row, onClose, onSaved }: { row: RegisterRow | undefined; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<HandoverValues>();
  return (
    <FormModal<HandoverValues>
      title={row ? `发放登记：${row.householdNo} 户（证号 ${row.cardNo}）` : '发放登记'}
      open={row !== undefined}
      form={form}
      initialValues={{ receiverName: row?.headName ?? '', receiverRelation: 'head', handedOn: todayInShanghai() }}
      onClose={onClose}
      onSave={async (values) => {
        await api(`/ncms/cards/households/${row!.householdId}/handover`, { method: 'POST', body: { ...values, note: values.note?.trim() || null } });
        onSaved();
        return `${row!.householdNo} 户的合作医疗证已登记发放`;
      }}
    >
      <Form.Item label="领证人" name="receiverName" rules={[{ required: true, whitespace: true, message: '请填写领证人姓名' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label="领证人与户主关系" name="receiverRelation" rules={[{ required: true, message: '请选择与户主关系' }]}>
        <Select options={RELATIONS.map((r) => ({ value: r.code, label: r.code === 'other' ? '其他（如代领）' : r.name }))} />
      </Form.Item>
      <Form.Item label="发放日期" name="handedOn" {...dateStringField}>
        <DatePicker allowClear={false} disabledDate={notAfterToday} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label="备注" name="note">
        <Input maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

interface ReissueValues {
  reason: string;
  issuedOn: string;
}

/** 补发: the valid card is voided with the reason, and a new version of the same number is issued. */
export function ReissueDialog({ row, onClose, onSaved }: { row: RegisterRow | undefined; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<ReissueValues>();
  return (
    <FormModal<ReissueValues>
      title={row ? `补发合作医疗证：${row.householdNo} 户（证号 ${row.cardNo}，现为第 ${row.card.version} 版）` : '补发'}
      open={row !== undefined}
      form={form}
      initialValues={{ issuedOn: todayInShanghai() }}
      onClose={onClose}
      confirm={() => ({ title: '确认补发？', content: `原第 ${row!.card.version} 版证将作废，证号不变，新证为第 ${row!.card.version + 1} 版，需重新登记发放。`, okText: '补发' })}
      onSave={async (values) => {
        await api(`/ncms/cards/households/${row!.householdId}/reissue`, { method: 'POST', body: { version: row!.card.version, reason: values.reason.trim(), issuedOn: values.issuedOn } });
        onSaved();
        return '已补发，原证已作废';
      }}
    >
      <Form.Item label="补发原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写补发原因，如遗失、损毁' }]}>
        <Input maxLength={200} placeholder="如：遗失、损毁" />
      </Form.Item>
      <Form.Item label="补发日期" name="issuedOn" {...dateStringField}>
        <DatePicker allowClear={false} disabledDate={notAfterToday} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
