// @vitest-environment happy-dom
/**
 * Hints and tooltips name the key bound now, never a hard-coded one (issue 13): with the
 * user's rules rebinding the commands they name, each text shows the new key and not the old.
 */
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DrawBar } from '../../components/drawing/draw-bar';
import { LibraryApp } from '../../components/library/library-app';
import { VideoList } from '../../components/library/video-list';
import type { CommandRunner } from '../../components/overlay/toolbar';
import { ReportDialog } from '../../components/packets/report-dialog';
import { SendDialog } from '../../components/packets/send-dialog';
import { userKeys } from '../../components/pages/page-keys';
import { PopupApp } from '../../components/popup/popup-app';
import { createSender } from '../../utils/annotations/send';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import type { KeybindingRule } from '../../utils/commands/keybindings';
import { keyText } from '../../utils/commands/keys';
import type { DrawState } from '../../utils/drawing/feature';
import { startTool } from '../../utils/drawing/tools';
import { createImporter } from '../../utils/library/importer';
import type { Call } from '../../utils/messaging/client';
import type { ReportState } from '../../utils/annotations/report-export';
import type { SendState } from '../../utils/annotations/send';

/** Each default key these texts used to spell out, moved to another (the old one removed). */
const rebind = (id: string, from: string, to: string): KeybindingRule[] => [{ key: from, command: `-${id}` }, { key: to, command: id }];
const REBOUND: KeybindingRule[] = [
  ...rebind('comment.add', 'c', 'n'),
  ...rebind('packet.send', 'shift+e', 'alt+e'),
  ...rebind('view.toggleOverlay', 'shift+h', 'alt+y'),
  ...rebind('view.palette', 'p', 'alt+p'),
  ...rebind('report.close', 'escape', 'q'),
  ...rebind('packet.closeSend', 'escape', 'q'),
  ...rebind('draw.nudge.left', 'arrowleft', 'j'),
  ...rebind('draw.nudge.right', 'arrowright', 'l'),
  ...rebind('draw.nudge.up', 'arrowup', 'i'),
  ...rebind('draw.nudge.down', 'arrowdown', 'k'),
];
const keys = userKeys(REBOUND);

// The send dialog's text fields are frames of the extension's own page: none here.
vi.mock('../../components/overlay/private-field', () => ({ PrivateField: () => null }));

let root: HTMLElement | null = null;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = null;
});

/** Renders into the document, lets effects and answered calls run, and returns the root. */
async function show(node: ComponentChild): Promise<HTMLElement> {
  if (root) render(null, root);
  const el = (root ??= document.body.appendChild(document.createElement('div')));
  await act(() => render(node, el));
  await settle();
  return el;
}
const settle = () => act(async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
});

/** The background, answering the few messages a page asks with canned answers (and failing the rest). */
function background(answers: Record<string, unknown>): Call {
  return (async (type: string) => {
    if (type in answers) return answers[type];
    throw new Error(`not answered here: ${type}`);
  }) as unknown as Call;
}
const SETTINGS = { keybindings: REBOUND, recentCommands: [], preferences: { offSites: [] } };

describe('keyText', () => {
  it('names the key bound now: the default, a rebound one, or the palette (or the fallback) with none', () => {
    expect(keyText(userKeys([]), 'comment.add')).toBe('C');
    expect(keyText(keys, 'comment.add')).toBe('N');
    const none = userKeys([{ key: 'shift+e', command: '-packet.send' }]);
    expect(keyText(none, 'packet.send')).toBe('the palette (P)');
    expect(keyText(none, 'packet.send', '')).toBe('');
  });
});

describe('the palette asking for a comment to go to, with none', () => {
  it('names the key that writes one as bound now', () => {
    const empty = BUILTIN_COMMANDS.find((c) => c.id === 'comment.goTo')?.argument?.empty;
    expect(typeof empty).toBe('function');
    const said = (rules: KeybindingRule[]) => (typeof empty === 'function' ? empty((id) => keyText(userKeys(rules), id)) : empty);
    expect(said([])).toBe('No comments on this video yet: write one with C');
    expect(said(REBOUND)).toBe('No comments on this video yet: write one with N');
  });

  it('no other built-in empty text spells out a key', () => {
    for (const c of BUILTIN_COMMANDS) {
      if (typeof c.argument?.empty === 'string') expect(c.argument.empty, c.id).not.toMatch(/\bpress\b|\(Esc\)|\b(Shift|Ctrl|Alt)\+/i);
    }
  });
});

describe('the drawing bar', () => {
  const runner: CommandRunner = { run: () => undefined, title: (id) => id, keysFor: (id) => keys.keysFor(id), enabled: () => true };
  const draw = (tool: DrawState['tool']): DrawState => ({
    videoId: 'v1', drawings: [], tool, preview: null, selectedId: null, editing: null, text: null, marks: [], cursor: null, clipboard: null,
    defaults: { color: '#ff4d4d', width: 4, holdSeconds: 1 }, error: null,
  });
  const hint = async (tool: DrawState['tool']) => (await show(<DrawBar draw={draw(tool)} selected={null} runner={runner} />)).querySelector('.fc-hint')!.textContent!;

  it("Select's hint names the keys that nudge the selected drawing, as bound now", async () => {
    const text = await hint(startTool('select'));
    expect(text).toContain('· JLIK nudge');
    expect(text).not.toMatch(/arrows|[←→↑↓]/);
  });

  it("a tool's hint names the same keys for the keyboard pointer", async () => {
    expect(await hint(startTool('line'))).toContain('or JLIK + Enter');
  });
});

describe('the send and report dialogs', () => {
  const sending: SendState = { open: true, kind: 'review', recipient: '', message: '', busy: false, result: null, error: null, copied: false };
  const closeOf = (el: HTMLElement) => el.querySelector<HTMLButtonElement>('.fc-close')!;

  it("the ✕ names the close command's key as bound now (the overlay passes keyText's)", async () => {
    const actions = { set: () => undefined, send: () => undefined, copy: () => undefined, close: () => undefined };
    const send = closeOf(await show(<SendDialog send={sending} holds={null} coachName={null} actions={actions} closeKey={keyText(keys, 'packet.closeSend', '')} />));
    expect([send.title, send.getAttribute('aria-label')]).toEqual(['Close (Q)', 'Close (Q)']);
    const report = { formats: { html: true, markdown: false, csv: false }, busy: false, progress: null, files: null, saved: [], notes: [], needsPermission: false, error: null } as unknown as ReportState;
    const reportActions = { setFormat: () => undefined, make: () => undefined, cancel: () => undefined, save: () => undefined, askPermission: () => undefined, close: () => undefined };
    expect(closeOf(await show(<ReportDialog report={report} actions={reportActions} closeKey={keyText(keys, 'report.close', '')} />)).title).toBe('Close (Q)');
  });

  it('with no key bound, or none known (the library), the ✕ names none', async () => {
    const actions = { set: () => undefined, send: () => undefined, copy: () => undefined, close: () => undefined };
    const unbound = userKeys([{ key: 'escape', command: '-packet.closeSend' }]);
    expect(closeOf(await show(<SendDialog send={sending} holds={null} coachName={null} actions={actions} closeKey={keyText(unbound, 'packet.closeSend', '')} />)).title).toBe('Close');
  });
});

describe('the library', () => {
  it("names the user's keys: commenting (no videos), sending (nothing sent), the palette", async () => {
    expect((await show(<VideoList videos={[]} actions={{ open: () => undefined, send: () => undefined, remove: async () => 0 }} keys={keys} />)).textContent).toContain(
      'pause on a frame and comment with N,',
    );

    const call = background({ 'library.view': { videos: [], hits: [] }, 'packets.list': [], 'settings.get': SETTINGS });
    const sender = createSender({ call, videoId: () => null, reviewer: () => null, saveFile: () => undefined, copyText: async () => true });
    const page = await show(
      <LibraryApp call={call} importer={createImporter(call)} sender={sender} sendFor={() => undefined} onChange={() => () => undefined} openSettings={() => undefined} saveFile={() => undefined} />,
    );
    const text = page.textContent!;
    expect(text).toContain('comment with N,');
    expect(text).toContain('Nothing sent yet. Use Alt+E over a video');
    expect(text).toContain('Press Alt+P for all commands.');
    expect(text).not.toMatch(/Shift\+E|press C\b/);
  });
});

describe('the popup', () => {
  it("names the user's keys for sending and for showing FrameCoach", async () => {
    const here = { video: { id: 'url:x', title: 'Clip', pageUrl: 'https://example.com/clip' }, summary: null, unread: 0 };
    const call = background({ 'tab.video': here, 'library.view': { videos: [], hits: [] }, 'settings.get': SETTINGS });
    const popup = await show(
      <PopupApp call={call} importer={createImporter(call)} tabId={1} site={Promise.resolve('example.com')} fileAccess={Promise.resolve(true)} openLibrary={() => undefined} runInTab={async () => false} />,
    );
    expect(popup.querySelector('[data-testid="popup-here"]')!.textContent).toContain('or Alt+E over the video');
    await act(() => [...popup.querySelectorAll('button')].find((b) => b.textContent === 'Send a packet…')!.click());
    await settle();
    expect(popup.querySelector('[role="alert"]')!.textContent).toBe('The video in this tab is not ready: show the FrameCoach panel (Alt+Y) and use Alt+E over it.');
  });
});
