import { useState } from 'react';
import { Alert, App, Button, Card, InputNumber, Progress, Result, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { ApiError, download, upload } from '../../../api/client.ts';
import { BackButton } from '../../../components/BackButton.tsx';
import { useQueryParams } from '../../../lib/useQueryParams.ts';
import type { RosterImportResult, RosterProblem } from '../ncms-types.ts';
import { currentYear } from './year.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type State =
  | { step: 'idle' }
  | { step: 'uploading'; percent: number; name: string }
  | { step: 'checking'; name: string }
  | { step: 'done'; name: string; result: RosterImportResult }
  | { step: 'refused'; name: string; message: string; rows: RosterProblem[] };

/**
 * 导入参合花名册: the village's roster (.xlsx) enrolled all at once, or not at all: a refused file lists every bad
 * row (row, column, what is wrong) to correct in Excel and upload again.
 */
export default function RosterImportPage() {
  const { number, update } = useQueryParams();
  const year = number('year') ?? currentYear();
  const [state, setState] = useState<State>({ step: 'idle' });
  const { message } = App.useApp();
  const busy = state.step === 'uploading' || state.step === 'checking';

  async function send(file: File) {
    if (!/\.xlsx$/i.test(file.name)) {
      message.error('请选择 Excel 文件（.xlsx）；旧版 .xls 请先在 Excel 中另存为 .xlsx');
      return;
    }
    setState({ step: 'uploading', percent: 0, name: file.name });
    try {
      const typed = file.type ? file : new File([file], file.name, { type: XLSX_TYPE });
      const result = await upload<RosterImportResult>('/ncms/enrollments/import', { year }, typed, (percent) =>
        // Once sent, the server checks every row before answering: say so rather than sit at 100 %.
        setState(percent < 100 ? { step: 'uploading', percent, name: file.name } : { step: 'checking', name: file.name }),
      );
      setState({ step: 'done', name: file.name, result });
      message.success(`导入成功：${result.households} 户 ${result.enrollments} 人`);
    } catch (error) {
      const rows = error instanceof ApiError && Array.isArray(error.details?.rows) ? (error.details.rows as RosterProblem[]) : [];
      setState({ step: 'refused', name: file.name, message: error instanceof Error ? error.message : '导入失败，请稍后重试', rows });
    }
  }

  async function template() {
    try {
      await download('/ncms/enrollments/template.xlsx', {}, '参合花名册模板.xlsx');
    } catch (error) {
      message.error(error instanceof Error ? error.message : '模板下载失败');
    }
  }

  return (
    <Card title="导入参合花名册" extra={<BackButton />}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span>
            参合年度 <InputNumber value={year} min={1900} max={2100} onChange={(value) => value && update({ year: value })} style={{ width: 100 }} disabled={busy} />
          </span>
          <Button icon={<DownloadOutlined />} onClick={() => void template()}>
            下载花名册模板
          </Button>
          <Typography.Text type="secondary">按模板填写（身份证号请用文本格式），一份文件可含多户；有任何一行出错则整份不导入。</Typography.Text>
        </Space>
        <Upload.Dragger
          accept=".xlsx"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void send(file);
            return false; // sent by send(), with its own progress
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击选择或把花名册文件（.xlsx）拖到这里</p>
          <p className="ant-upload-hint">{`导入为 ${year} 年度参合`}</p>
        </Upload.Dragger>

        {state.step === 'uploading' && (
          <div data-testid="roster-progress">
            <Typography.Text>{`正在上传「${state.name}」…`}</Typography.Text>
            <Progress percent={state.percent} status="active" />
          </div>
        )}
        {state.step === 'checking' && (
          <div data-testid="roster-progress">
            <Typography.Text>{`「${state.name}」已上传，正在逐行核对并登记，请稍候（上千行约需几秒）…`}</Typography.Text>
            <Progress percent={100} status="active" showInfo={false} />
          </div>
        )}
        {state.step === 'done' && (
          <Result
            status="success"
            title={`「${state.name}」已导入`}
            subTitle={`${state.result.year} 年度：共 ${state.result.rows} 行，${state.result.households} 户 ${state.result.enrollments} 人登记参合。`}
            extra={<Link to={`/ncms/enrollment?year=${state.result.year}`}>查看参合率</Link>}
          />
        )}
        {state.step === 'refused' && (
          <>
            <Alert
              type="error"
              showIcon
              message={`「${state.name}」未导入（没有登记任何人）`}
              description={state.rows.length > 0 ? `共 ${state.rows.length} 处错误，请在 Excel 中按下表改正后重新上传：` : state.message}
            />
            {state.rows.length > 0 && (
              <Table<RosterProblem>
                rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
                size="small"
                dataSource={state.rows}
                pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 处` }}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '栏目', dataIndex: 'column', width: 120, render: (column: string) => column || '整行' },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
