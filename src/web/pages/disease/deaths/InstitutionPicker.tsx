import { useState } from 'react';
import { Select } from 'antd';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';

/** Picks an institution of the user's scope by name; cleared means "no institution" (the area filter applies). */
export function InstitutionPicker({ value, onChange }: { value?: number | undefined; onChange: (id: number | undefined) => void }) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  async function search(q: string) {
    const page = await api<Page<{ id: number; name: string }>>('/institutions', { query: { q: q.trim(), pageSize: 30 } });
    setOptions(page.items.map((i) => ({ value: i.id, label: i.name })));
  }
  return (
    <Select
      value={value}
      onChange={(id: number | undefined) => onChange(id ?? undefined)}
      onFocus={() => options.length === 0 && void search('')}
      options={value !== undefined && !options.some((o) => o.value === value) ? [...options, { value, label: `机构 #${value}` }] : options}
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      allowClear
      placeholder="全部机构"
      style={{ width: 220 }}
    />
  );
}
