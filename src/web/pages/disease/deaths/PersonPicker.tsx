import { useState } from 'react';
import { Select } from 'antd';
import { api } from '../../../api/client.ts';
import type { Page, PersonSummary } from '../../../api/types.ts';
import { PERSON_STATUS } from '../../../lib/format.ts';

interface Props {
  value?: number;
  onChange?: (id: number | undefined) => void;
  id?: string;
}

/** Finds a resident of the user's scope by ID number or the start of a name; works as a Form.Item control. */
export function PersonPicker({ value, onChange, id }: Props) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const [searching, setSearching] = useState(false);
  async function search(q: string) {
    if (q.trim().length < 1) return;
    setSearching(true);
    try {
      const page = await api<Page<PersonSummary>>('/persons', { query: { q: q.trim(), pageSize: 20 } });
      setOptions(
        page.items.map((p) => ({
          value: p.id,
          label: `${p.name}　${p.idNumber ?? `生于 ${p.birthDate}`}　${p.areaName}${p.status === 'alive' ? '' : `（${PERSON_STATUS[p.status]?.name ?? p.status}）`}`,
        })),
      );
    } finally {
      setSearching(false);
    }
  }
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      loading={searching}
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      placeholder="输入身份证号或姓名查找居民"
      notFoundContent={searching ? '查找中…' : '输入后查找'}
      style={{ width: '100%' }}
    />
  );
}
