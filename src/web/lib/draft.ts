// Unsent form input kept in the browser, so a closed tab, a lost session or a failed save
// never costs a clerk what they typed.

const PREFIX = 'jiceng.draft.';

export function loadDraft<T>(key: string): T | undefined {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(key: string, values: unknown): void {
  try {
    window.localStorage.setItem(PREFIX + key, JSON.stringify(values));
  } catch {
    // storage full or disabled: the form still works, only without a draft
  }
}

export function clearDraft(key: string): void {
  window.localStorage.removeItem(PREFIX + key);
}
