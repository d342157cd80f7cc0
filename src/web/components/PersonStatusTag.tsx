import { Tag } from 'antd';
import { PERSON_STATUS } from '../lib/format.ts';

export function PersonStatusTag({ status, date }: { status: string; date?: string | null }) {
  const spec = PERSON_STATUS[status] ?? { name: status, color: 'default' };
  return (
    <Tag color={spec.color}>
      {spec.name}
      {date ? ` ${date}` : ''}
    </Tag>
  );
}
