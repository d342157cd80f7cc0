import { useEffect, useRef, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select, Space, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../../../api/client.ts';
import type { HouseholdDetail } from '../../../api/types.ts';
import { useCurrentUser } from '../../../auth/AuthContext.tsx';
import { dateStringField } from '../../../components/date-field.ts';
import { clearDraft, loadDraft, saveDraft } from '../../../lib/draft.ts';
import { showFormError } from '../../../lib/form-errors.ts';
import { todayInShanghai } from '../../../lib/format.ts';
import type { ContributionCategory, EnrollmentResult } from '../ncms-types.ts';
import { newRequestId } from '../request-id.ts';
import { enrollBody, type EnrollValues } from './enrollment-logic.ts';
import { rowField } from '../request-rows.ts';

interface Props {
  householdId: number | undefined;
  year: number;
  categories: ContributionCategory[];
  /** Persons already enrolled this year: not offered again. */
  enrolledIds: Set<number>;
  onClose: () => void;
  onDone: () => void;
}

interface Draft {
  values: EnrollValues;
  requestId: string;
}

/**
 * 按户登记参合: every living member not yet enrolled this year, each with a category (自缴 by default, or one paid by
 * government or other funds); a member left without a category is not enrolled now. One request id per attempt is
 * kept with the draft, so a retry after a lost answer cannot enroll twice.
 */
export function EnrollHouseholdModal({ householdId, year, categories, enrolledIds, onClose, onDone }: Props) {
  const user = useCurrentUser();
  const draftKey = `ncms.enroll.${householdId}.${year}.${user.id}`;
  const [form] = Form.useForm<EnrollValues>();
  const [household, setHousehold] = useState<HouseholdDetail>();
  const [restored, setRestored] = useState(false);
  const [busy, setBusy] = useState(false);
  const requestId = useRef('');
  const { message } = App.useApp();
  const open = householdId !== undefined;

  useEffect(() => {
    if (householdId === undefined) return;
    setHousehold(undefined);
    api<HouseholdDetail>(`/households/${householdId}`).then(
      (detail) => {
        setHousehold(detail);
        const draft = loadDraft<Draft>(draftKey);
        setRestored(Boolean(draft));
        requestId.current = draft?.requestId ?? newRequestId();
        const members = detail.members
          .filter((m) => m.status === 'alive' && !enrolledIds.has(m.id))
          .map((m) => ({ personId: m.id, name: m.name, category: 'self_paid' }));
        form.setFieldsValue(draft?.values ?? { members, collectedOn: todayInShanghai(), receiptNo: undefined });
      },
      (error: unknown) => {
        message.error(error instanceof Error ? error.message : '户信息加载失败');
        onClose();
      },
    );
    // Only when another household is opened: the enrolled set is the one of the page at that moment.
  }, [householdId]);

  const values = Form.useWatch((all: EnrollValues) => all, { form, preserve: true });
  useEffect(() => {
    if (open && household && values && form.isFieldsTouched()) saveDraft(draftKey, { values, requestId: requestId.current } satisfies Draft);
  }, [values, open, household, form, draftKey]);

  async function save() {
    // The whole store: the rows' person ids and names have no input of their own, so onFinish would leave them out.
    const input = form.getFieldsValue(true) as EnrollValues;
    const { body, rowOf } = enrollBody(householdId!, year, input, requestId.current);
    if (body.members.length === 0) {
      message.error('请至少为一名成员选择参合类别');
      return;
    }
    setBusy(true);
    try {
      const result = await api<EnrollmentResult>('/ncms/enrollments', { method: 'POST', body });
      clearDraft(draftKey);
      message.success(`已登记 ${result.enrollments.length} 人参合（${year} 年度）`);
      onDone();
      onClose();
    } catch (error) {
      // The server names members by the request's order; the form shows them on their own rows.
      const placed = error instanceof ApiError && error.field ? new ApiError(error.code, error.message, error.status, rowField(error.field, 'members', rowOf), error.details) : error;
      showFormError(form, placed, (text) => message.error(text));
      // A refusal changed nothing: the corrected form is a new attempt. A lost answer keeps the id for the retry.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) requestId.current = newRequestId();
    } finally {
      setBusy(false);
    }
  }

  const categoryOptions = categories.map((c) => ({ value: c.code, label: c.subsidised ? `${c.name}（${c.payerName}）` : c.name }));

  return (
    <Modal
      title={household ? `登记参合：${household.householdNo} 户（户主 ${household.headName ?? '未登记'}），${year} 年度` : '登记参合'}
      open={open}
      width={820}
      okText="登记参合"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Spin spinning={open && !household}>
        {restored && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="已恢复上次未提交的内容" />}
        <Form form={form} name="enroll" layout="vertical" onFinish={save}>
          <Form.List name="members">
            {(fields) =>
              fields.length === 0 ? (
                <Alert type="success" showIcon message="本户在册成员本年度都已参合" style={{ marginBottom: 12 }} />
              ) : (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={fields}
                  style={{ marginBottom: 12 }}
                  columns={[
                    { title: '姓名', key: 'name', width: 120, render: (_, field) => form.getFieldValue(['members', field.name, 'name']) as string },
                    {
                      title: '参合类别',
                      key: 'category',
                      render: (_, field) => (
                        <Form.Item name={[field.name, 'category']} style={{ margin: 0 }}>
                          <Select allowClear placeholder="本次不登记" options={categoryOptions} style={{ width: 220 }} aria-label="参合类别" />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '收据号（可不填）',
                      key: 'receiptNo',
                      render: (_, field) => (
                        <Form.Item name={[field.name, 'receiptNo']} style={{ margin: 0 }}>
                          <Input maxLength={40} placeholder="与全户收据号不同时填写" />
                        </Form.Item>
                      ),
                    },
                  ]}
                />
              )
            }
          </Form.List>
          <Space wrap size="middle">
            <Form.Item label="全户收据号" name="receiptNo">
              <Input maxLength={40} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item label="缴费日期" name="collectedOn" {...dateStringField}>
              <DatePicker allowClear={false} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Space>
          <Typography.Text type="secondary">
            个人缴费标准按当年执行中的补偿方案；五保、低保等代缴类别由相应部门的资金支付，个人不缴费。
          </Typography.Text>
        </Form>
      </Spin>
    </Modal>
  );
}
