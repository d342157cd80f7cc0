import dayjs, { type Dayjs } from 'dayjs';

/**
 * Form.Item props that let a DatePicker keep its value as a 'YYYY-MM-DD' string, so form values
 * go to the API and into drafts as they are.
 */
export const dateStringField = {
  getValueProps: (value: string | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined),
};
