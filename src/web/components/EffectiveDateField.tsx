import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { dateStringField } from './date-field.ts';

/** 生效日期 of an area change: a day up to today (the server also wants it after the area's current name began). */
export function EffectiveDateField() {
  return (
    <Form.Item label="生效日期" name="effective" rules={[{ required: true, message: '请选择生效日期' }]} {...dateStringField}>
      <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
    </Form.Item>
  );
}
