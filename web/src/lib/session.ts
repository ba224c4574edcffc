// The signed-in personal API key and project, kept in sessionStorage: it lasts while the tab
// does and is never written anywhere else.

export interface Session {
  key: string;
  projectId: number;
}

const STORAGE_KEY = 'larder.session';

export function loadSession(): Session | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value?.key === 'string' && Number.isInteger(value?.projectId)) return value;
  } catch {
    // A damaged entry reads as signed out.
  }
  return null;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
