import { useState, type ReactNode } from 'react';
import { Alert, App, Progress, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { ApiError, upload } from '../api/client.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One faulty cell or row of a refused workbook, as the server lists it in `details.rows`. */
interface RowProblem {
  row: number;
  column: string;
  message: string;
}

type State =
  | { step: 'idle' }
  | { step: 'uploading'; percent: number; name: string }
  | { step: 'checking'; name: string }
  | { step: 'refused'; name: string; message: string; rows: RowProblem[] };

/**
 * An .xlsx sent as it is, with upload progress; a refused file lists every bad row (row, column, what is wrong) to
 * correct in Excel and send again. `onDone` receives the server's answer.
 */
export function XlsxUpload<T>({ path, query, hint, checking, refusedTitle, onDone, csv = false }: {
  path: string;
  query: Record<string, string | number | undefined>;
  hint: ReactNode;
  /** What the server is doing once the file is sent. */
  checking: string;
  refusedTitle: (name: string) => string;
  onDone: (result: T, name: string) => void;
  /** Also accept a CSV file (.csv, sent as text/csv). */
  csv?: boolean;
}) {
  const [state, setState] = useState<State>({ step: 'idle' });
  const { message } = App.useApp();
  const busy = state.step === 'uploading' || state.step === 'checking';

  async function send(file: File) {
    const isCsv = csv && /\.csv$/i.test(file.name);
    if (!isCsv && !/\.xlsx$/i.test(file.name)) {
      message.error(`请选择 Excel 文件（.xlsx）${csv ? '或 CSV 文件（.csv）' : ''}；旧版 .xls 请先在 Excel 中另存为 .xlsx`);
      return;
    }
    setState({ step: 'uploading', percent: 0, name: file.name });
    try {
      // Browsers on Windows call a .csv 'application/vnd.ms-excel': say what it is.
      const typed = isCsv ? new File([file], file.name, { type: 'text/csv' }) : file.type ? file : new File([file], file.name, { type: XLSX_TYPE });
      const result = await upload<T>(path, query, typed, (percent) =>
        setState(percent < 100 ? { step: 'uploading', percent, name: file.name } : { step: 'checking', name: file.name }),
      );
      setState({ step: 'idle' });
      onDone(result, file.name);
    } catch (error) {
      const rows = error instanceof ApiError && Array.isArray(error.details?.rows) ? (error.details.rows as RowProblem[]) : [];
      setState({ step: 'refused', name: file.name, message: error instanceof Error ? error.message : '上传失败，请稍后重试', rows });
    }
  }

  return (
    <>
      <Upload.Dragger
        accept={csv ? '.xlsx,.csv' : '.xlsx'}
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
        <p className="ant-upload-text">{`点击选择或把文件（${csv ? '.xlsx 或 .csv' : '.xlsx'}）拖到这里`}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      {state.step === 'uploading' && (
        <div data-testid="upload-progress">
          <Typography.Text>{`正在上传「${state.name}」…`}</Typography.Text>
          <Progress percent={state.percent} status="active" />
        </div>
      )}
      {state.step === 'checking' && (
        <div data-testid="upload-progress">
          <Typography.Text>{`「${state.name}」已上传，${checking}，请稍候…`}</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} />
        </div>
      )}
      {state.step === 'refused' && (
        <>
          <Alert
            type="error"
            showIcon
            title={refusedTitle(state.name)}
            description={state.rows.length > 0 ? `共 ${state.rows.length} 处错误，请在 Excel 中按下表改正后重新上传：` : state.message}
          />
          {state.rows.length > 0 && (
            <Table<RowProblem>
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
    </>
  );
}
