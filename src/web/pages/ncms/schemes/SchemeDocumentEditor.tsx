/**
 * Editing a scheme document in two ways, as the scheme editor and the simulation page both do: the structured form or
 * the JSON itself, switching between them without losing what was typed, and the server's problems listed and shown on
 * their fields.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Input, Space, Tabs, Typography, type FormInstance } from 'antd';
import { ApiError } from '../../../api/client.ts';
import { nearestField } from '../../../lib/form-errors.ts';
import { documentToForm, formToDocument, problemPath, type SchemeForm } from './scheme-form.ts';
import { fieldLabel } from './scheme-labels.ts';
import { SchemeFormFields } from './SchemeFormFields.tsx';

export type SchemeTab = 'form' | 'json';

export interface SchemeProblem {
  field: string;
  message: string;
}

/**
 * The problems a refused request names: every one of a refused scheme, else the single field at fault (a field of the
 * document loses its `document.` prefix; with `documentOnly`, an error about another field of the request is not one).
 */
export function schemeProblemsOf(error: unknown, { documentOnly = false } = {}): SchemeProblem[] {
  if (!(error instanceof ApiError)) return [];
  const listed = error.details?.problems;
  if (Array.isArray(listed)) return listed as SchemeProblem[];
  if (!error.field || (documentOnly && !error.field.startsWith('document'))) return [];
  return [{ field: error.field.replace(/^document\.?/, ''), message: error.message }];
}

/** What is kept of an edit between visits besides the form's values. */
export interface SchemeDocumentDraft {
  json: string;
  tab: SchemeTab;
  /** The document being edited, for the fields the form lacks. */
  base: unknown;
}

/** The state of a two-way scheme edit over `form`, starting from a restored draft if there is one. */
export function useSchemeDocument(form: FormInstance<SchemeForm>, restored?: SchemeDocumentDraft | null) {
  const [base, setBase] = useState<unknown>(restored?.base ?? {});
  const [tab, setTab] = useState<SchemeTab>(restored?.tab ?? 'form');
  const [json, setJson] = useState(restored?.json ?? '');
  const [problems, setProblems] = useState<SchemeProblem[]>([]);
  const { message } = App.useApp();

  /** The document as it stands in the form tab (the JSON tab's text is sent as it is). */
  const formDocument = () => formToDocument(form.getFieldsValue(true) as SchemeForm, base);

  function switchTab(next: string) {
    if (next === 'json') {
      setJson(JSON.stringify(formDocument(), null, 2));
      setTab('json');
      return;
    }
    try {
      const parsed: unknown = JSON.parse(json);
      setBase(parsed);
      form.setFieldsValue(documentToForm(parsed));
      setTab('form');
    } catch (error) {
      message.error(`JSON 格式有误，请先改正再切换到表单：${(error as Error).message}`);
    }
  }

  function showProblems(list: SchemeProblem[]) {
    setProblems(list);
    if (tab !== 'form') return;
    // Several problems may belong to one field (e.g. two disease codes): each field shows all of its own.
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const problem of list) {
      const name = nearestField(form, problemPath(problem.field));
      if (!name) continue;
      const key = name.join('.');
      const entry = byField.get(key) ?? { name, errors: [] };
      entry.errors.push(problem.message);
      byField.set(key, entry);
    }
    const fields = [...byField.values()];
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    if (fields[0]) form.scrollToField(fields[0].name);
  }

  /** What the request sends as `document`: the form's document, or the JSON text for the server to read. */
  const documentToSend = () => (tab === 'form' ? formDocument() : json);

  return { base, setBase, tab, json, setJson, problems, setProblems, showProblems, switchTab, documentToSend };
}

export type SchemeDocumentState = ReturnType<typeof useSchemeDocument>;

/** The problems of a refused scheme, each named by its field. */
export function SchemeProblemList({ problems, title, testId }: { problems: SchemeProblem[]; title: string; testId: string }) {
  if (problems.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={title}
      description={
        <ul style={{ margin: 0 }} data-testid={testId}>
          {problems.map((p, index) => (
            <li key={index}>
              <Typography.Text strong>{fieldLabel(p.field)}</Typography.Text>：{p.message}
            </li>
          ))}
        </ul>
      }
    />
  );
}

interface TabsProps {
  form: FormInstance<SchemeForm>;
  state: SchemeDocumentState;
  formLabel: string;
  jsonLabel: string;
  /** The JSON box's accessible name. */
  jsonName: string;
  jsonHint?: ReactNode;
  rows: { minRows: number; maxRows: number };
  onJsonEdit?: () => void;
}

/** The form tab and the JSON tab, inside the page's <Form>. */
export function SchemeDocumentTabs({ form, state, formLabel, jsonLabel, jsonName, jsonHint, rows, onJsonEdit }: TabsProps) {
  const box = (
    <Input.TextArea
      value={state.json}
      onChange={(event) => {
        onJsonEdit?.();
        state.setJson(event.target.value);
      }}
      autoSize={rows}
      spellCheck={false}
      style={{ fontFamily: 'monospace', fontSize: 13 }}
      aria-label={jsonName}
    />
  );
  return (
    <Tabs
      activeKey={state.tab}
      onChange={state.switchTab}
      items={[
        { key: 'form', label: formLabel, children: <SchemeFormFields form={form} /> },
        {
          key: 'json',
          label: jsonLabel,
          children: jsonHint ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{jsonHint}</Typography.Text>
              {box}
            </Space>
          ) : (
            box
          ),
        },
      ]}
    />
  );
}
