import { Form, Input, InputNumber } from 'antd';

/** What a published notice says besides its content, the same whether one village is published or all of them. */
export interface NoticeSettings {
  publisher?: string;
  complaintPhone?: string;
  objectionDays?: number;
}

export const NOTICE_SETTINGS_DEFAULTS: NoticeSettings = { objectionDays: 7 };

/** The publisher, the complaint phone and the objection period, inside the page's <Form>. */
export function NoticeSettingsFields() {
  return (
    <>
      <Form.Item name="publisher" label="公示单位" extra="不填则为「县新型农村合作医疗管理办公室」">
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="complaintPhone" label="监督电话" extra="不填则在公示上留空线手写">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="objectionDays" label="公示期（天）" rules={[{ required: true, message: '请填写公示期' }]}>
        <InputNumber min={1} max={30} />
      </Form.Item>
    </>
  );
}
