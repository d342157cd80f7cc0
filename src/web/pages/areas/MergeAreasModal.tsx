import { Form, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { AreaDetail, AreaNode } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { EffectiveDateField } from '../../components/EffectiveDateField.tsx';
import { todayInShanghai } from '../../lib/format.ts';
import { ChangeExplanation } from './ChangeExplanation.tsx';

interface Values {
  fromIds: number[];
  intoId: number;
  effective: string;
}

interface Props {
  area: AreaDetail;
  /** The areas under the same parent, the selected one included: merges happen among siblings. */
  siblings: AreaNode[];
  open: boolean;
  onClose: () => void;
  onSaved: (intoId: number) => void;
}

/** 合并 (撤并): the chosen areas end and their households move into the target. */
export function MergeAreasModal({ area, siblings, open, onClose, onSaved }: Props) {
  const [form] = Form.useForm<Values>();
  const fromIds = Form.useWatch('fromIds', form) ?? [];
  const nameOf = (id: number) => siblings.find((s) => s.id === id)?.name ?? `区划 ${id}`;
  const options = (except: number[]) => siblings.filter((s) => !except.includes(s.id)).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }));

  return (
    <FormModal
      title={`合并区划：${area.name}`}
      open={open}
      form={form}
      initialValues={{ fromIds: [area.id], effective: todayInShanghai() }}
      onClose={onClose}
      confirm={(values) => {
        const sources = values.fromIds.map((id) => `「${nameOf(id)}」`).join('、');
        const into = `「${nameOf(values.intoId)}」`;
        return {
          title: `确定把${sources}并入${into}吗？`,
          okText: '确定合并',
          content: (
            <ChangeExplanation
              what={`自 ${values.effective} 起，${sources}撤销，其下所有家庭户连同居民一并迁入${into}（户编号与${into}已有的重复时自动改编）。`}
              ending={sources}
              leadsTo={`已并入${into}`}
            />
          ),
        };
      }}
      onSave={async (values) => {
        await api('/areas/merge', { method: 'POST', body: values });
        onSaved(values.intoId);
        return '合并完成';
      }}
    >
      <Form.Item label="被合并的区划（撤销）" name="fromIds" rules={[{ required: true, message: '请选择要并入的区划' }]}>
        <Select mode="multiple" options={options([])} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item label="并入" name="intoId" rules={[{ required: true, message: '请选择并入哪个区划' }]}>
        <Select options={options(fromIds)} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <EffectiveDateField />
    </FormModal>
  );
}
