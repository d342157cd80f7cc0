import { findPersonInScope } from '../../../core/people/persons.ts';
import type { TimelineEvent, TimelineProvider } from './types.ts';

/**
 * The people register's events: birth, and death or moving away on the date the register holds. Read through the
 * people module's own function; none of them is a health service.
 */
export const peopleTimelineProvider: TimelineProvider = {
  module: 'people',
  label: '户籍登记',
  async fetch(db, actor, personId) {
    const person = await findPersonInScope(db, actor, personId);
    const link = `/people/persons/${person.id}`;
    const events: TimelineEvent[] = [{ date: person.birthDate, module: 'people', kind: 'birth', title: '出生', detail: `户籍：${person.areaName}`, link, service: false }];
    if (person.status !== 'alive' && person.statusDate) {
      const title = person.status === 'deceased' ? '死亡' : '迁出';
      events.push({ date: person.statusDate, module: 'people', kind: person.status, title, detail: `健康档案随之结案`, link, service: false });
    }
    return events;
  },
  servedPersons: () => null,
};
