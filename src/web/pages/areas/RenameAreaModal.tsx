import { Form, Input } from 'antd';
import { api } from '../../api/client.ts';
import type { AreaDetail } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { EffectiveDateField } from '../../components/EffectiveDateField.tsx';
import { todayInShanghai } from '../../lib/format.ts';
import type { AreaKind } from '../../../core/db/schema.ts';
import { areaCodeRule } from './area-rules.ts';

interface Values {
  name: string;
  code: string;
  effective: string;
}

/** 更名/改代码 from a date; the old name and code stay in the area's history. */
export function RenameAreaModal({ area, open, onClose, onSaved }: { area: AreaDetail; open: boolean; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  return (
    <FormModal
      title={`更名/改代码：${area.name}`}
      open={open}
      form={form}
      initialValues={{ name: area.name, code: area.code, effective: todayInShanghai() }}
      onClose={onClose}
      onSave={async (values) => {
        // Only what changed is sent, so the server tells a rename from a recode.
        const name = values.name.trim() !== area.name ? values.name.trim() : undefined;
        const code = values.code !== area.code ? values.code : undefined;
        await api(`/areas/${area.id}/rename`, { method: 'POST', body: { name, code, effective: values.effective } });
        onSaved();
        return '已保存，原名称和代码保留在历史记录中';
      }}
    >
      <Form.Item label="新名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item
        label="新区划代码"
        name="code"
        extra="改代码时，下级区划的代码随之改变"
        rules={[{ required: true, message: '请填写区划代码' }, areaCodeRule(() => area.kind as AreaKind)]}
      >
        <Input maxLength={12} />
      </Form.Item>
      <EffectiveDateField />
    </FormModal>
  );
}
