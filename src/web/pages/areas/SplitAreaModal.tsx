import { Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { AreaDetail, HouseholdSummary, Page } from '../../api/types.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { EffectiveDateField } from '../../components/EffectiveDateField.tsx';
import { todayInShanghai } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { ChangeExplanation } from './ChangeExplanation.tsx';
import type { AreaKind } from '../../../core/db/schema.ts';
import { areaCodeRule } from './area-rules.ts';

interface Part {
  code: string;
  name: string;
  householdIds: number[];
}
interface Values {
  effective: string;
  parts: Part[];
}

const PAGE = 200;

/** Every household of a village, page by page (a village has a few hundred). */
async function allHouseholds(areaId: number): Promise<HouseholdSummary[]> {
  const all: HouseholdSummary[] = [];
  for (let page = 1; ; page++) {
    const { items } = await api<Page<HouseholdSummary>>('/households', { query: { areaId, page, pageSize: PAGE } });
    all.push(...items);
    if (items.length < PAGE) return all;
  }
}

const MAX_PARTS = 20;

/** 拆分 a village or community: the old one ends and every household goes to one of the new parts. */
export function SplitAreaModal({ area, open, onClose, onSaved }: { area: AreaDetail; open: boolean; onClose: () => void; onSaved: (firstPartId: number) => void }) {
  const [form] = Form.useForm<Values>();
  const households = useLoad(() => (open ? allHouseholds(area.id) : Promise.resolve([])), [open, area.id]);
  const parts = Form.useWatch('parts', form) ?? [];
  const assigned = new Set(parts.flatMap((p) => p?.householdIds ?? []));
  const list = households.data ?? [];
  const options = list.map((h) => ({ value: h.id, label: `${h.householdNo} ${h.headName ?? ''}` }));
  const prefix = area.code.slice(0, 9);

  function takeTheRest(index: number) {
    const rest = list.filter((h) => !assigned.has(h.id)).map((h) => h.id);
    form.setFieldValue(['parts', index, 'householdIds'], [...(parts[index]?.householdIds ?? []), ...rest]);
  }

  return (
    <FormModal
      title={`拆分区划：${area.name}`}
      open={open}
      form={form}
      width={900}
      initialValues={{
        effective: todayInShanghai(),
        parts: [1, 2].map(() => ({ code: prefix, name: '', householdIds: [] })),
      }}
      onClose={onClose}
      confirm={(values) => {
        const names = values.parts.map((p) => `「${p.name.trim()}」（${p.householdIds.length} 户）`).join('、');
        return {
          title: `确定把「${area.name}」拆分为 ${values.parts.length} 个区划吗？`,
          okText: '确定拆分',
          content: (
            <ChangeExplanation
              what={`自 ${values.effective} 起，「${area.name}」撤销，新设${names}，各户连同居民迁入所分的新区划。`}
              ending={`「${area.name}」`}
              leadsTo="拆分成了哪些区划"
            />
          ),
        };
      }}
      onSave={async (values) => {
        const parts = values.parts.map((p) => ({ ...p, name: p.name.trim() }));
        const { partIds } = await api<{ partIds: number[] }>(`/areas/${area.id}/split`, { method: 'POST', body: { effective: values.effective, parts } });
        onSaved(partIds[0]!);
        return '拆分完成';
      }}
    >
      <EffectiveDateField />
      <Typography.Paragraph type="secondary">
        「{area.name}」共 {list.length} 户，已分配 {assigned.size} 户{list.length > assigned.size ? `，还有 ${list.length - assigned.size} 户未分配` : ''}。每户都须分到一个新区划。
      </Typography.Paragraph>
      <Form.List name="parts">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={`新区划 ${index + 1}`}
                extra={fields.length > 2 && <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)}>删除</Button>}
              >
                <Row gutter={12}>
                  <Col xs={24} sm={10}>
                    <Form.Item
                      label="区划代码"
                      name={[field.name, 'code']}
                      rules={[{ required: true, message: '请填写区划代码' }, areaCodeRule(() => area.kind as AreaKind)]}
                    >
                      <Input maxLength={12} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={14}>
                    <Form.Item label="名称" name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  label={
                    <Space>
                      分到此处的户（户编号 户主）
                      <Button size="small" onClick={() => takeTheRest(index)} disabled={assigned.size === list.length}>
                        其余未分配的户都分到此处
                      </Button>
                    </Space>
                  }
                  name={[field.name, 'householdIds']}
                >
                  <Select
                    mode="multiple"
                    loading={households.loading}
                    options={options.filter((o) => !assigned.has(o.value) || parts[index]?.householdIds?.includes(o.value))}
                    showSearch={{ optionFilterProp: 'label' }}
                    maxTagCount={30}
                    placeholder="选择户"
                  />
                </Form.Item>
              </Card>
            ))}
            {fields.length < MAX_PARTS && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: prefix, name: '', householdIds: [] })} block>
                再分出一个区划
              </Button>
            )}
          </Space>
        )}
      </Form.List>
    </FormModal>
  );
}
