// @vitest-environment happy-dom
/**
 * Keys typed in a private field (an arrow, Enter, Escape) act after the letters handed to the
 * field before them are in (utils/dom/private-field.ts `whenTaken`): a busy machine ran the
 * palette's row for "fra" while the "me" handed over from Drive's file page was still on its
 * way into the box. The field's page is played here by the test, on the port the overlay
 * hands it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromField, ToField } from '../../utils/dom/field-protocol';
import { settle } from './settle';

vi.mock('wxt/browser', () => ({ browser: { runtime: { id: 'fc', getURL: (path: string) => `chrome-extension://fc${path}` } } }));
const { linkField, typeAhead } = await import('../../utils/dom/private-field');

const links: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const link of links.splice(0)) link.dispose();
  document.body.replaceChildren();
});

/** A palette's field whose page answers: what the overlay was told, and what it heard. */
async function openField() {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const told: ToField[] = [];
  const heard: string[] = [];
  let port: MessagePort | null = null;
  Object.defineProperty(frame, 'contentWindow', {
    value: { postMessage: (_hello: unknown, _origin: string, ports: MessagePort[]) => void (port = ports[0]!), focus: () => undefined },
  });
  links.push(
    linkField(frame, {
      label: 'Command',
      placeholder: '',
      multiline: false,
      value: '',
      typeAhead: 'palette',
      keys: ['ArrowDown'],
      onInput: (value) => heard.push(`input ${value}`),
      onKey: (key) => heard.push(`key ${key}`),
      onSubmit: () => heard.push('submit'),
      onCancel: () => heard.push('cancel'),
      onFail: () => heard.push('fail'),
    }),
  );
  frame.dispatchEvent(new Event('load'));
  const field = port as MessagePort | null;
  if (!field) throw new Error('the overlay handed the field no port');
  field.onmessage = ({ data }: MessageEvent<ToField>) => void told.push(data);
  const say = (message: FromField) => field.postMessage(message);
  // The field answers (its page has loaded): from now on letters handed over go to it.
  say({ type: 'focus', focused: true });
  await settle();
  return { told, heard, say };
}

describe('keys typed in a private field, after letters handed to it', () => {
  it('wait until the field says it has put those letters in, then act in the order typed', async () => {
    const { told, heard, say } = await openField();
    // "fra" handed over late; the coach typed "e" in the box meanwhile, then Down and Enter.
    expect(typeAhead('f', 0, 'palette')).toBe(true);
    expect(typeAhead('r', 0, 'palette')).toBe(true);
    await settle();
    expect(told.filter((m) => m.type === 'keys')).toHaveLength(2);
    say({ type: 'input', value: 'fe', epoch: 0, took: 1 });
    say({ type: 'key', key: 'ArrowDown' });
    say({ type: 'submit' });
    await settle();
    // One of the two hand-overs is not in yet: the arrow and Enter wait.
    expect(heard).toEqual(['input fe']);
    say({ type: 'input', value: 'fre', epoch: 0, took: 2 });
    await settle();
    expect(heard).toEqual(['input fe', 'input fre', 'key ArrowDown', 'submit']);
  });

  it('act at once when nothing handed over is on its way', async () => {
    const { heard, say } = await openField();
    say({ type: 'input', value: 'e', epoch: 0, took: 0 });
    say({ type: 'key', key: 'ArrowDown' });
    say({ type: 'cancel' });
    await settle();
    expect(heard).toEqual(['input e', 'key ArrowDown', 'cancel']);
  });

  it('do not wait forever for a field that never says so', async () => {
    const { heard, say } = await openField();
    typeAhead('f', 0, 'palette');
    say({ type: 'submit' });
    await settle();
    expect(heard).toEqual([]);
    await new Promise((done) => setTimeout(done, 2100));
    expect(heard).toEqual(['submit']);
  });
});
