import { describe, expect, it } from 'vitest';
import { DESK_VIEWS, viewForKey } from './desk-views';

const alt = (code: string, key: string) => ({ altKey: true, ctrlKey: false, metaKey: false, code, key });

describe('desk sections', () => {
  it('gives every section but 申报 its own Alt letter', () => {
    const keys = DESK_VIEWS.map((v) => v.key).filter((k) => k !== null);
    expect(new Set(keys).size).toBe(keys.length);
    expect(DESK_VIEWS.filter((v) => v.key === null).map((v) => v.view)).toEqual(['desk']);
    expect(new Set(DESK_VIEWS.map((v) => v.view)).size).toBe(DESK_VIEWS.length);
  });

  it('finds the section by the key pressed, whatever the layout prints', () => {
    expect(viewForKey(alt('KeyT', 't'))).toBe('twostep');
    expect(viewForKey(alt('KeyG', '©'))).toBe('groups'); // macOS Option+G prints ©
    expect(viewForKey(alt('KeyB', 'B'))).toBe('residents');
    expect(viewForKey(alt('KeyR', 'r'))).toBe('review');
  });

  it('ignores plain letters, Ctrl+Alt and letters no section uses', () => {
    expect(viewForKey({ ...alt('KeyT', 't'), altKey: false })).toBeNull();
    expect(viewForKey({ ...alt('KeyT', 't'), ctrlKey: true })).toBeNull();
    expect(viewForKey(alt('KeyD', 'd'))).toBeNull(); // Alt+D: the entry form's draft
    expect(viewForKey(alt('KeyN', 'n'))).toBeNull(); // Alt+N: a new line or entry
  });
});
