/**
 * The console's search box and filters above the queue: they become the query string of
 * `GET /api/agent/cases` (status, category, channel, q, from, to; cursor for "more").
 */
const FIELDS = ['q', 'status', 'category', 'channel', 'from', 'to'] as const;

const input = (name: (typeof FIELDS)[number]) =>
  document.getElementById(`filter-${name}`) as HTMLInputElement | HTMLSelectElement | null;

/** The list path for the current filters (and a cursor for the next page). */
export function casesPath(cursor?: string): string {
  const params = new URLSearchParams();
  for (const name of FIELDS) {
    const value = input(name)?.value.trim() ?? '';
    if (value) params.set(name, value);
  }
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/cases?${query}` : '/cases';
}

/** True when the agent narrowed the list (the count then says "found", not "queue"). */
export function filtering(): boolean {
  return (
    FIELDS.some((name) => name !== 'status' && (input(name)?.value.trim() ?? '') !== '') ||
    (input('status')?.value ?? '') !== ''
  );
}

/** Calls `onChange` when a filter changes (typing in the search box waits for a pause). */
export function bindFilters(onChange: () => void): void {
  const form = document.getElementById('filters');
  let timer: ReturnType<typeof setTimeout> | undefined;
  form?.addEventListener('submit', (e) => {
    e.preventDefault();
    onChange();
  });
  form?.addEventListener('change', () => onChange());
  input('q')?.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 300);
  });
}
