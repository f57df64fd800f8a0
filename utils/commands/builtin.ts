import type { CommandContext } from './context';
import type { Command } from './registry';

type Cmd = Command<CommandContext>;

const ACTIVE = 'videoAttached && overlayVisible';

const step = (id: string, title: string, frames: number, keys: string[]): Cmd => ({
  id,
  title,
  category: 'Frame',
  keys,
  when: ACTIVE,
  run: ({ player }) => player.step(frames),
});

/** Every built-in command. Keys are defaults; user bindings (later) are appended after. */
export const BUILTIN_COMMANDS: readonly Cmd[] = [
  step('frame.next', 'Next frame', 1, ['.']),
  step('frame.previous', 'Previous frame', -1, [',']),
  step('frame.forward10', 'Forward 10 frames', 10, ['shift+arrowright']),
  step('frame.back10', 'Back 10 frames', -10, ['shift+arrowleft']),
  {
    id: 'playback.toggle',
    title: 'Play / pause',
    category: 'Playback',
    keys: ['k'],
    when: ACTIVE,
    run: ({ player }) => player.togglePlay(),
  },
  {
    id: 'playback.slower',
    title: 'Slower',
    category: 'Playback',
    keys: ['<'],
    when: ACTIVE,
    run: ({ player }) => player.changeSpeed(-1),
  },
  {
    id: 'playback.faster',
    title: 'Faster',
    category: 'Playback',
    keys: ['>'],
    when: ACTIVE,
    run: ({ player }) => player.changeSpeed(1),
  },
  {
    id: 'playback.normalSpeed',
    title: 'Normal speed',
    category: 'Playback',
    keys: ['='],
    when: ACTIVE,
    run: ({ player }) => player.resetSpeed(),
  },
  {
    id: 'loop.setIn',
    title: 'Set loop start (A)',
    category: 'Loop',
    keys: ['['],
    when: ACTIVE,
    run: ({ player }) => player.setLoopIn(),
  },
  {
    id: 'loop.setOut',
    title: 'Set loop end (B)',
    category: 'Loop',
    keys: [']'],
    when: ACTIVE,
    run: ({ player }) => player.setLoopOut(),
  },
  {
    id: 'loop.clear',
    title: 'Clear loop',
    category: 'Loop',
    keys: ['\\'],
    when: ACTIVE + ' && looping',
    run: ({ player }) => player.clearLoop(),
  },
  {
    id: 'comment.add',
    title: 'Comment on this frame',
    category: 'Comments',
    keys: ['c'],
    when: ACTIVE,
    run: ({ comments }) => comments.add(false),
  },
  {
    id: 'comment.addRange',
    title: 'Comment on the A–B range',
    category: 'Comments',
    keys: ['alt+c'],
    when: ACTIVE,
    run: ({ comments }) => comments.add(true),
  },
  {
    id: 'comment.togglePanel',
    title: 'Show / hide comments',
    category: 'Comments',
    keys: ['shift+c'],
    when: ACTIVE,
    run: ({ comments }) => comments.togglePanel(),
  },
  {
    id: 'comment.undo',
    title: 'Undo delete',
    category: 'Comments',
    keys: ['ctrl+z', 'meta+z'],
    when: ACTIVE + ' && canUndo',
    run: ({ comments }) => comments.undo(),
  },
  {
    id: 'view.toggleOverlay',
    title: 'Show / hide FrameCoach',
    category: 'View',
    keys: ['shift+h'],
    when: 'videoAttached',
    run: ({ ui }) => ui.toggleOverlay(),
  },
  {
    id: 'view.fullscreen',
    title: 'Fullscreen with FrameCoach',
    category: 'View',
    keys: ['shift+f'],
    when: ACTIVE,
    run: ({ ui }) => ui.toggleFullscreen(),
  },
  {
    id: 'view.help',
    title: 'Keyboard shortcuts',
    category: 'View',
    keys: ['?'],
    when: ACTIVE,
    run: ({ ui }) => ui.toggleHelp(),
  },
  {
    id: 'view.closeHelp',
    title: 'Close shortcuts',
    category: 'View',
    keys: ['escape'],
    when: 'helpVisible',
    run: ({ ui }) => ui.toggleHelp(),
  },
];
