import { Select, type SelectProps } from 'antd';
import { api } from '../api/client.ts';
import type { Institution, Page } from '../api/types.ts';
import { useLoad } from '../lib/useLoad.ts';

interface Props extends Omit<SelectProps<number>, 'options' | 'loading'> {
  /** Loads the institutions of the caller's scope while true (its dialog is open), afresh each time it turns true. */
  load: boolean;
  /** An institution not to offer, such as the one being edited as its own parent. */
  excludeId?: number | undefined;
}

/** An optional choice of institution, shown as 名称（区划）and searchable by it; a form field's value is the id. */
export function InstitutionSelect({ load, excludeId, ...select }: Props) {
  const institutions = useLoad(
    () => (load ? api<Page<Institution>>('/institutions', { query: { pageSize: 200 } }) : Promise.resolve(undefined)),
    [load],
  );
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="（可不选）"
      {...select}
      loading={institutions.loading}
      options={institutions.data?.items.filter((i) => i.id !== excludeId).map((i) => ({ value: i.id, label: `${i.name}（${i.areaName}）` }))}
    />
  );
}
