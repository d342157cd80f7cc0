import { Form, Input, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { AreaDetail } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { EffectiveDateField } from '../../components/EffectiveDateField.tsx';
import { AREA_KIND_NAMES } from '../../lib/format.ts';
import { todayInShanghai } from '../../lib/format.ts';
import type { AreaKind } from '../../../core/db/schema.ts';
import { areaCodeRule, CHILD_KINDS, childCodePrefix } from './area-rules.ts';

interface Values {
  kind: AreaKind;
  code: string;
  name: string;
  effective: string;
}

/** 新增下级区划: a township under the county, or a village/community under a township. */
export function NewChildAreaModal({ parent, open, onClose, onSaved }: { parent: AreaDetail; open: boolean; onClose: () => void; onSaved: (id: number) => void }) {
  const [form] = Form.useForm<Values>();
  const kinds = CHILD_KINDS[parent.kind] ?? [];
  return (
    <FormModal
      title={`新增下级区划：${parent.name}`}
      open={open}
      form={form}
      initialValues={{ kind: kinds[0], code: childCodePrefix(parent), effective: todayInShanghai() }}
      onClose={onClose}
      onSave={async ({ effective, ...values }) => {
        const created = await api<AreaDetail>('/areas', { method: 'POST', body: { ...values, name: values.name.trim(), parentId: parent.id, validFrom: effective } });
        onSaved(created.id);
        return `已新增「${created.name}」`;
      }}
    >
      <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={kinds.map((k) => ({ value: k, label: AREA_KIND_NAMES[k] }))} />
      </Form.Item>
      <Form.Item
        label="区划代码"
        name="code"
        dependencies={['kind']}
        extra={`12 位统计用区划代码，前 ${childCodePrefix(parent).length} 位与「${parent.name}」相同`}
        rules={[{ required: true, message: '请填写区划代码' }, areaCodeRule(() => form.getFieldValue('kind'))]}
      >
        <Input maxLength={12} />
      </Form.Item>
      <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <EffectiveDateField />
    </FormModal>
  );
}
