import { Typography } from 'antd';

interface Props {
  /** What the change does, from its date on. */
  what: string;
  /** The areas that end, as they are named in the sentence (e.g. 「东岭村」、「西岭村」). */
  ending: string;
  /** Where their history leads, e.g. "已并入「东岭村」". */
  leadsTo: string;
}

/** The plain-words warning before a merge or split: what happens, that the old area stays in history, and no undo. */
export function ChangeExplanation({ what, ending, leadsTo }: Props) {
  return (
    <>
      <Typography.Paragraph>{what}</Typography.Paragraph>
      <Typography.Paragraph>
        {`${ending}不会被删除：原名称、代码和调整记录都保留在历史中，以往按${ending}统计的数据仍然挂在原区划名下，并可查到它${leadsTo}。`}
      </Typography.Paragraph>
      <Typography.Text strong>此操作不能撤销。</Typography.Text>
    </>
  );
}
