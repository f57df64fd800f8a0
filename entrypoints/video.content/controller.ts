import { browser } from 'wxt/browser';
import type { ViewState } from '../../components/overlay/overlay';
import { createClient } from '../../utils/messaging/client';
import type { Args, ChangeMessage, KeyPress, Settings } from '../../utils/messaging/contract';
import type { CommandRunner } from '../../components/overlay/toolbar';
import type { CommandInfo } from '../../components/overlay/help';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import type { CommandContext, ContextKeys } from '../../utils/commands/context';
import { createResolver, defaultRules, type KeybindingRule } from '../../utils/commands/keybindings';
import { keyText } from '../../utils/commands/keys';
import { createPalette } from '../../utils/commands/palette';
import { createRegistry } from '../../utils/commands/registry';
import { defaultFullscreenTarget, FULLSCREEN_REFUSED, toggleFullscreen } from '../../utils/dom/fullscreen';
import { keepPrivate, ownPointer, POINTER_EVENTS, TEXT_EVENTS } from '../../utils/dom/private-events';
import { listenForKeys } from '../../utils/dom/key-listener';
import { findVideos } from '../../utils/dom/video-finder';
import { chooseActive, visibleArea } from '../../utils/player/choose-active';
import { createStore } from '../../utils/player/store';
import { siteFor } from '../../utils/sites';
import type { Attached } from './attach';
import { loadOverlay } from './load-overlay';
import type { Overlay } from '../overlay';
import { listenToRuntime } from './runtime-port';
import { documentRelay, keysInOrder, onlyChanges, pressOf } from './frame-relay';
import { DEFAULT_PREFERENCES, frameHosts, isOffSite, type Preferences } from '../../utils/settings/off-site';
import { commentActions } from './comment-commands';
import { packetActions } from './packet-commands';
import { focusWithin } from '../../utils/dom/focus-within';
import { otherLayerShown } from '../../utils/annotations/layers';
import { drawingChoices } from '../../utils/drawing/choices';
import { overlayReadable } from '../../utils/dom/test-hooks';

const IDLE_POLL_MS = 1000;

/** Wires one frame's videos, keys, commands and overlay together. */
export function startFrameCoach(win: Window, signal: AbortSignal): void {
  const doc = win.document;
  const site = siteFor(win.location.href);
  const view = createStore<ViewState>({ visible: true, help: false, comments: false, collapsed: false, filter: '', keymap: 0 });
  const call = createClient((message) => browser.runtime.sendMessage(message));
  const changeListeners = new Set<(message: ChangeMessage) => void>();
  listenToRuntime(
    win,
    {
      changed: (message) => {
        for (const listener of changeListeners) listener(message);
      },
      settings: (settings) => applySettings(settings),
      frameVideo: (message) => {
        relay.heard(message);
        if (message.context) askSettings();
      },
      relayedKey: (key) => {
        order.relayed(key);
        return key ? handleKey(key.chord, key) : true;
      },
      run: (command) => (attached ? Promise.resolve(registry.execute(command, ctx, contextKeys())) : null),
    },
    signal,
  );
  const onChange = (listener: (message: ChangeMessage) => void) => {
    changeListeners.add(listener);
    return () => changeListeners.delete(listener);
  };
  let attached: Attached | null = null;
  const registry = createRegistry(BUILTIN_COMMANDS, (title, error) =>
    attached?.session.tell(`${title} failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  let resolver = createResolver(defaultRules(registry.all()));
  /** The user's keys (changed on the options page: every open tab applies them at once), drawing defaults, recent commands. */
  const applySettings = (settings: Settings) => {
    const rules: readonly KeybindingRule[] = Array.isArray(settings.keybindings) ? settings.keybindings : [];
    resolver = createResolver([...defaultRules(registry.all()), ...rules]);
    view.set({ keymap: view.get().keymap + 1 });
    if (Array.isArray(settings.recentCommands)) palette.setRecent(settings.recentCommands);
    if (settings.drawing) attached?.drawings.setDefaults(settings.drawing);
    // Renamed on the settings page (or in another tab): the panel and the next comment say so.
    if (settings.author) attached?.annotations.setMe(settings.author);
    const known = prefs !== null;
    prefs = settings.preferences ?? DEFAULT_PREFERENCES;
    attached?.host.update(); // the comment panel may dock elsewhere now
    // Turned off (or on) for this site, or the first word on it: look at the videos again.
    if (known || finder.videos().size) reconsider();
  };
  /** Speeds and the sites FrameCoach is off on: null until the settings are in (no video is taken before). */
  let prefs: Preferences | null = null;
  /** Where the coach wants the comment panel. */
  const docked = () => prefs?.panelDock ?? DEFAULT_PREFERENCES.panelDock;
  const hosts = frameHosts(win.location);
  /** Settings are asked for once a frame has something to do (its video, or a framed one's keys). */
  let settingsAsked = false;
  const askSettings = () => {
    if (settingsAsked) return;
    settingsAsked = true;
    void call('settings.get', {}).then(applySettings, (error: unknown) => {
      // Without the background FrameCoach still steps (with the default speeds); it asks again later.
      console.error('[FrameCoach] no settings', error);
      settingsAsked = false;
      if (prefs === null) applySettings({ keybindings: [], recentCommands: [], preferences: DEFAULT_PREFERENCES } as Partial<Settings> as Settings);
    });
  };
  const palette = createPalette({
    commands: () => {
      const context = contextKeys();
      return registry
        .all()
        .filter((c) => c.id !== 'view.palette' && c.id !== 'view.closePalette' && registry.enabled(c.id, context))
        .map((c) => ({ id: c.id, title: c.title, category: c.category, keys: resolver.keysFor(c.id), takesArgument: !!c.argument }));
    },
    asking(id) {
      const command = registry.get(id);
      if (!command?.argument) return null;
      const { prompt, empty } = command.argument;
      const said = typeof empty === 'string' ? empty : empty((key) => keyText(resolver, key));
      return { command: id, title: command.title, prompt, empty: said, choices: command.argument.choices(ctx) };
    },
    run(id, arg) {
      runOrTell(id, arg);
      // The tour (FrameCoach's own page) ticks its palette lesson when a command is run from it.
      if (attached && overlayReadable(doc)) attached.host.host.dataset.paletteRan = id;
    },
    used: (id) => void call('commands.used', { id }).then((recent) => palette.setRecent(recent), () => undefined),
    typeIntoBox: (text, back) => attached?.typeIntoPalette(text, back) ?? false,
  });
  let poll = 0;
  /** A key for the attached video (typed here or in another frame): whether a command took it. */
  const handleKey = (chord: string, key: KeyPress | KeyboardEvent): boolean => {
    if (!attached) return false;
    if (attached.comments.typeAhead(key) || palette.typeAhead(key)) return true;
    const context = contextKeys();
    const rule = resolver.resolveRule(chord, context, (c) => registry.enabled(c, context));
    return rule !== null && registry.execute(rule.command, ctx, context, rule.args);
  };
  // Keys typed in this frame for a video in another (Drive's player frame under the file page).
  const resolveThere = (chord: string, context: ContextKeys) => resolver.resolve(chord, context, (c) => registry.enabled(c, context));
  const relay = documentRelay(win, resolveThere, (frameId, key) => call('frame.key', { frameId, key }), signal);
  // Keys typed here, or in our fields, after some typed in another frame are still on their way.
  const order = keysInOrder();
  // A frame under another tells the tab when its video (and the context of its keys) changes.
  const announce = win === win.top ? null : onlyChanges((news: Args<'frame.video'>) => void call('frame.video', news).catch(() => undefined));
  const say = (news: Args<'frame.video'>) => announce?.say(news);
  let announcing = false;
  const sayContext = () => {
    if (!announce || announcing) return;
    announcing = true;
    queueMicrotask(() => {
      announcing = false;
      say(attached ? { context: contextKeys(), size: [win.innerWidth, win.innerHeight] } : { context: null, size: null });
    });
  };
  if (announce) {
    view.subscribe(sayContext);
    palette.state.subscribe(sayContext);
    win.addEventListener('pagehide', () => say({ context: null, size: null }), { signal });
    // Back from the back/forward cache: say it again (the page above was told it had gone).
    win.addEventListener('pageshow', (event) => {
      if (!event.persisted) return;
      announce.forget();
      sayContext();
    }, { signal });
    win.addEventListener('resize', sayContext, { signal });
  }
  let offContext: Array<() => unknown> = [];

  const contextKeys = (): ContextKeys => {
    const state = attached?.session.state.get();
    return {
      videoAttached: attached !== null,
      overlayVisible: view.get().visible,
      paused: state?.paused ?? true,
      looping: state ? state.loopIn !== null || state.loopOut !== null : false,
      helpVisible: view.get().help,
      commentsOpen: view.get().comments,
      canUndo: attached?.history.state.get().undo != null,
      canRedo: attached?.history.state.get().redo != null,
      toolActive: attached?.drawings.state.get().tool != null,
      selecting: attached?.drawings.state.get().tool?.tool === 'select',
      drawingSelected: attached?.drawings.selected() != null,
      canPaste: attached?.drawings.state.get().clipboard != null,
      sendOpen: attached?.sender.state.get().open ?? false,
      reportOpen: attached?.reporter.state.get().open ?? false,
      paletteOpen: palette.state.get().open,
      editorOpen: attached?.comments.book.state.get().editor != null,
      commentDeleted: attached?.comments.book.state.get().undoable != null,
      panelFocus: !!attached && focusWithin(attached.host.frame, '.fc-comments'),
      packetLayerShown: attached ? otherLayerShown(attached.annotations.state.get()) : false,
      adPlaying: [...finder.videos()].some((v) => site.adPlaying?.(v) ?? false),
      packetOffered: (attached?.annotations.state.get().candidates.length ?? 0) > 0,
      packetSaving: attached?.sender.state.get().busy ?? false,
      packetSaved: attached?.sender.state.get().result != null,
      reportBusy: attached?.reporter.state.get().busy ?? false,
      reportWritten: attached?.reporter.state.get().files != null,
      reportNeedsCapture: attached?.reporter.state.get().needsPermission ?? false,
    };
  };
  /** Runs `work` on the attached video's drawings, if any. */
  const onDrawings = (work: (d: Attached['drawings']) => unknown) => () => void (attached && work(attached.drawings));
  const ctx: CommandContext = {
    get player() {
      if (!attached) throw new Error('No video attached');
      return attached.session;
    },
    drawing: {
      setTool: (tool) => attached?.drawings.setTool(tool),
      nudge: (dx, dy) => attached?.drawings.nudge(dx, dy),
      place: onDrawings((d) => d.place()),
      selectNext: (back) => attached?.drawings.selectNext(back),
      setColor: (color) => void attached?.drawings.recolor(color),
      remove: onDrawings((d) => d.remove()),
      recolor: onDrawings((d) => d.recolor()),
      changeWidth: (direction) => void attached?.drawings.changeWidth(direction),
      cycleHold: onDrawings((d) => d.cycleHold()),
      toggleRange: onDrawings((d) => d.toggleRange()),
      copy: onDrawings((d) => d.copy()),
      paste: onDrawings((d) => d.paste()),
      comment() {
        const d = attached?.drawings.selected();
        if (d) void attached?.comments.add(false, d);
      },
      choices: () => (attached ? drawingChoices(attached.drawings.state.get().drawings, attached.session.state.get().rate) : []),
      goTo(id) {
        const d = attached?.drawings.state.get().drawings.find((x) => x.id === id);
        if (!attached || !d) throw new Error('That drawing is gone');
        void attached.comments.seek(d);
      },
    },
    edit: {
      undo: () => void attached?.history.undo(),
      redo: () => void attached?.history.redo(),
    },
    comments: commentActions(() => attached, view, call, docked),
    packets: packetActions(() => attached),
    ui: {
      toggleOverlay: () => view.set({ visible: !view.get().visible, help: false }),
      toggleHelp: () => view.set({ help: !view.get().help }),
      openPalette() {
        view.set({ help: false });
        palette.open();
      },
      closePalette: () => palette.close(),
      pick(id) {
        view.set({ help: false });
        palette.ask(id);
      },
      async openPage(page) {
        view.set({ help: false });
        await call('page.open', { page });
      },
      toggleFullscreen() {
        if (!attached) return;
        const video = attached.session.video;
        toggleFullscreen(video, site.fullscreenTarget?.(video) ?? defaultFullscreenTarget(video)).catch(() =>
          attached?.session.tell(FULLSCREEN_REFUSED),
        );
      },
    },
  };
  /** A command from the palette or a button: said when it can't run now (a key that isn't ours goes to the page instead). */
  function runOrTell(id: string, arg?: string): void {
    if (!registry.execute(id, ctx, contextKeys(), arg)) attached?.session.tell(`${registry.get(id)?.title ?? id} can't be used here now.`);
  }
  /** The context once per render of the overlay (each of its buttons asks), read again in the next task. */
  let rendered: ContextKeys | null = null;
  const renderContext = (): ContextKeys => {
    if (!rendered) {
      rendered = contextKeys();
      queueMicrotask(() => (rendered = null));
    }
    return rendered;
  };
  const runner: CommandRunner = {
    run: runOrTell,
    title: (id) => registry.get(id)?.title ?? id,
    keysFor: (id) => resolver.keysFor(id),
    enabled: (id) => registry.enabled(id, renderContext()),
  };
  // The cheat sheet: one row for the eight pointer-moving commands.
  const commandInfo: CommandInfo[] = registry.all().flatMap((c): CommandInfo[] => {
    if (c.id === 'view.closeHelp' || c.id.startsWith('draw.nudgeFar.')) return [];
    if (!c.id.startsWith('draw.nudge.')) return [c];
    if (c.id !== 'draw.nudge.left') return [];
    return [{ id: c.id, category: c.category, title: 'Move the pointer or the selected drawing (Shift: farther)', also: ['draw.nudge.right', 'draw.nudge.up', 'draw.nudge.down'] }];
  });

  /** The element of FrameCoach's UI an event is for (the focused one in our shadow root), or null. */
  const ownTarget = (event: Event): Element | null => {
    if (!attached) return null;
    const { host, shadow } = attached.host;
    return event.composedPath().includes(host) ? (shadow.activeElement ?? host) : null;
  };
  listenForKeys(
    win,
    // Pages without a video pay only the relay's check (no frame of the tab has one).
    // Only keys a person typed are commands: a page's made-up events must not drive
    // FrameCoach, here or in a frame of another site.
    // A key held behind keys still on their way from another frame was typed in the flow of
    // those: text for the comment they may open (`typed`), however late it is handled.
    (chord, event) => event.isTrusted && (attached ? order.typedHere((held) => handleKey(chord, held ? pressOf(chord, event, true) : event)) : relay.forward(chord, event)),
    signal,
    {
      target: ownTarget,
      // Keys typed in FrameCoach's own fields (the label, the palette, the dialogs, the comment editor).
      onKey: (event, target) => attached?.onKey(event, target),
    },
  );
  // What is typed into those fields doesn't reach the page through input or clipboard events either,
  keepPrivate(win, TEXT_EVENTS, ownTarget, signal);
  // nor what is drawn through the pointer's positions; and our buttons work on a page that stops
  // every click at its window.
  keepPrivate(win, POINTER_EVENTS, ownPointer(() => attached?.host ?? null), signal);

  /** The overlay's code (entrypoints/overlay.ts): loaded when this frame first has a video to work on. */
  let overlay: Overlay | null = null;
  let overlayLoading = false;
  /** A failed load is tried again on the next look at the videos (a second or less), three times at most. */
  let overlayFailures = 0;
  const startOverlay = () => {
    if (overlayLoading || overlayFailures >= 3) return;
    overlayLoading = true;
    loadOverlay()
      .then(
        (loaded) => {
          overlay = loaded;
          if (!signal.aborted) reconsider();
        },
        (error: unknown) => {
          overlayFailures++;
          console.error('[FrameCoach] the overlay did not load', error);
        },
      )
      .finally(() => {
        overlayLoading = false;
      });
  };

  const finder = findVideos(doc, reconsider, signal);
  const watched = new WeakSet<HTMLVideoElement>();

  function reconsider() {
    const viewport = { width: win.innerWidth, height: win.innerHeight };
    // A video showing an ad is not one to work on (nothing over the ad, nothing pinned to it).
    const candidates = [...finder.videos()].flatMap((video) => {
      if (!watched.has(video)) {
        watched.add(video);
        for (const type of ['loadedmetadata', 'resize', 'emptied']) video.addEventListener(type, reconsider, { signal });
        const stop = site.watchAds?.(video, reconsider);
        if (stop) signal.addEventListener('abort', stop);
      }
      if (site.adPlaying?.(video)) return [];
      return [{ video, visibleArea: visibleArea(video.getBoundingClientRect(), viewport), playing: !video.paused }];
    });
    let active = chooseActive(candidates, finder.lastInteracted());
    // Stay on the attached video while it is on the page and nothing else is visible (it
    // was scrolled away): coming back finds the same session, rate and loop.
    if (!active && attached?.session.video.isConnected && !site.adPlaying?.(attached.session.video)) active = attached.session.video;
    // Nothing is taken before the overlay's code is in (loaded now, with the settings) and the
    // settings say whether FrameCoach is off here; then, if it is, nothing at all.
    if (active && !overlay) {
      startOverlay();
      active = null;
    }
    if (active && prefs === null) {
      askSettings();
      active = attached?.session.video ?? null;
    }
    const off = prefs !== null && hosts.some((h) => isOffSite(h, prefs!.offSites));
    if (off) active = null;
    if (active !== (attached?.session.video ?? null)) {
      attached?.detach();
      palette.close();
      attached = active && overlay ? overlay.attachTo(active, { site, view, commands: commandInfo, runner, call, onChange, palette, speeds: () => prefs?.speeds ?? DEFAULT_PREFERENCES.speeds, dock: docked, inOrder: (run) => void order.typedHere(() => (run(), true)) }) : null;
      for (const off of offContext) off();
      const a = attached;
      offContext = announce && a ? [a.session.state, a.history.state, a.drawings.state, a.sender.state, a.reporter.state].map((s) => s.subscribe(sayContext)) : [];
      sayContext();
    }
    // Videos that are hidden or tiny now may grow later: look again now and then.
    const idle = finder.videos().size > 0 && !attached && !off && prefs !== null;
    if (idle && !poll) poll = win.setInterval(reconsider, IDLE_POLL_MS);
    if (!idle && poll) {
      win.clearInterval(poll);
      poll = 0;
    }
  }

  signal.addEventListener('abort', () => {
    attached?.detach();
    if (poll) win.clearInterval(poll);
  });
  reconsider();
}
