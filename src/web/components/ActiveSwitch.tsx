import { Form, Switch } from 'antd';

interface Props {
  label?: string;
  /** What the switch says when on and off, in the record's own words (在用/停用, 在岗/离岗). */
  on: string;
  off: string;
}

/**
 * The `active` field of a record that is switched off rather than deleted. Forms show it only when editing:
 * a new record starts active.
 */
export function ActiveSwitch({ label = '状态', on, off }: Props) {
  return (
    <Form.Item label={label} name="active" valuePropName="checked">
      <Switch checkedChildren={on} unCheckedChildren={off} />
    </Form.Item>
  );
}
