/**
 * The certificate summary (接种证) as a printable PDF: the child, the certificate, every dose given and the doses
 * still to give with their dates. Printed from the one record, like the card and the register.
 */
import type { Db } from '../../../core/db/connection.ts';
import type { Actor } from '../../../core/auth/actor.ts';
import { invalid } from '../../../core/errors.ts';
import { renderPdf } from '../../../core/pdf/render.ts';
import { heading, keyValues, signatureLines } from '../../../core/pdf/blocks.ts';
import { table } from '../../../core/pdf/table.ts';
import type { PlannedDose } from '../types.ts';
import { getChildRecord, type ChildRecord, type DoseView } from './child-record.ts';
import { CONDITION_NAMES, RESIDENCE_NAMES } from './children.ts';

const STATUS_NAMES = { due: '应种', overdue: '逾期未种', not_yet_due: '未到月龄' } as const;
type Missing = Extract<PlannedDose, { status: 'due' | 'overdue' | 'not_yet_due' }>;

export async function certificatePdf(db: Db, actor: Actor, childId: number): Promise<{ pdf: Buffer; record: ChildRecord }> {
  const record = await getChildRecord(db, actor, childId);
  if (!record.certificateNo) throw invalid('childId', `「${record.name}」尚未发放接种证，请先发证`, 'certificate_not_issued');
  const missing = (record.plan?.doses ?? []).filter((d): d is Missing => d.status === 'due' || d.status === 'overdue' || d.status === 'not_yet_due');
  const pdf = await renderPdf({ title: `预防接种证 ${record.certificateNo}` }, (doc) => {
    heading(doc, '儿童预防接种证');
    keyValues(doc, [
      ['接种证号', record.certificateNo],
      ['发证日期', record.certificateIssuedOn],
      ['姓名', record.name],
      ['性别', record.sex === 'M' ? '男' : '女'],
      ['出生日期', record.birthDate],
      ['身份证号', record.idNumber],
      ['监护人', record.guardianName],
      ['联系电话', record.guardianPhone],
      ['现居住地', `${record.areaName}${record.address ? ` ${record.address}` : ''}（${RESIDENCE_NAMES[record.residence]}）`],
      ['接种单位', record.clinicName],
    ]);
    if (record.conditions.length) keyValues(doc, [['特殊情况', record.conditions.map((c) => CONDITION_NAMES[c]).join('；')]], { columns: 1 });
    heading(doc, '接种记录', 2);
    table<DoseView>(
      doc,
      [
        { header: '疫苗', width: 3, value: (d) => d.vaccineName },
        { header: '剂次', width: 1, align: 'center', value: (d) => d.dose },
        { header: '接种日期', width: 2, value: (d) => d.date },
        { header: '批号', width: 2, value: (d) => d.batchNo },
        { header: '接种单位', width: 3, value: (d) => d.placeName },
        { header: '接种人员', width: 1.5, value: (d) => d.vaccinator },
      ],
      record.doses,
    );
    doc.moveDown();
    heading(doc, '待种剂次', 2);
    table<Missing>(
      doc,
      [
        { header: '疫苗', width: 3, value: (d) => d.vaccineName },
        { header: '剂次', width: 1, align: 'center', value: (d) => d.dose },
        { header: '应种日期', width: 2, value: (d) => d.dueDate },
        { header: '最早可种', width: 2, value: (d) => d.earliest },
        { header: '状态', width: 1.5, value: (d) => STATUS_NAMES[d.status] },
        { header: '说明', width: 3, value: (d) => d.note },
      ],
      missing,
    );
    doc.moveDown();
    signatureLines(doc, ['经办人', '接种单位（盖章）']);
  });
  return { pdf, record };
}
