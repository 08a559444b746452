// Headless Chromium (Debian's `chromium` package) driven over the DevTools protocol on a
// pipe (--remote-debugging-pipe: commands on fd 3, answers on fd 4, NUL-separated JSON),
// so no port is opened and no WebSocket client is needed. Just enough for the report
// browser test: open a page, evaluate an expression, take a screenshot.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome'];

/** The Chromium command on PATH, or undefined. */
export function findChromium(): string | undefined {
  for (const name of CANDIDATES) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim() !== '') return found.stdout.trim();
  }
  return undefined;
}

interface Pending {
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

export class HeadlessChromium {
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: ((message: { method: string; params: Record<string, unknown>; sessionId?: string }) => void)[] = [];
  private buffer = '';

  private constructor(private readonly child: ChildProcess, private readonly profile: string) {
    const output = child.stdio[4] as Readable;
    output.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8');
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 1);
        if (typeof message.id === 'number') {
          const waiter = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.error) waiter?.reject(new Error(`${message.error.message} (${message.error.code})`));
          else waiter?.resolve(message.result ?? {});
        } else {
          for (const listener of this.listeners) listener(message);
        }
      }
    });
    child.on('exit', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('chromium exited'));
      this.pending.clear();
    });
  }

  static async launch(command: string): Promise<HeadlessChromium> {
    const profile = await mkdtemp(join(tmpdir(), 'sm-chromium-'));
    const child = spawn(command, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${profile}`,
      '--remote-debugging-pipe', '--window-size=1280,900', 'about:blank',
    ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    return new HeadlessChromium(child, profile);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /** Opens a new tab on `url` and waits for its load event. */
  async open(url: string): Promise<ChromiumPage> {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new ChromiumPage(this, sessionId as string);
    // every URL the page asks for, to prove a report loads nothing from outside
    this.listeners.push((message) => {
      if (message.method === 'Network.requestWillBeSent' && message.sessionId === page.sessionId) {
        page.requestedUrls.push((message.params.request as { url: string }).url);
      }
    });
    await this.send('Network.enable', {}, page.sessionId);
    await this.send('Page.enable', {}, page.sessionId);
    await this.send('Runtime.enable', {}, page.sessionId);
    const loaded = new Promise<void>((resolve) => {
      const listener = (message: { method: string; sessionId?: string }): void => {
        if (message.method === 'Page.loadEventFired' && message.sessionId === page.sessionId) {
          this.listeners.splice(this.listeners.indexOf(listener), 1);
          resolve();
        }
      };
      this.listeners.push(listener);
    });
    await this.send('Page.navigate', { url }, page.sessionId);
    await loaded;
    return page;
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    this.send('Browser.close').catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    await rm(this.profile, { recursive: true, force: true });
  }
}

export class ChromiumPage {
  readonly requestedUrls: string[] = [];

  constructor(private readonly browser: HeadlessChromium, readonly sessionId: string) {}

  /** The value of a JavaScript expression in the page (promises awaited). */
  async evaluate<T>(expression: string): Promise<T> {
    const result = await this.browser.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, this.sessionId);
    if (result.exceptionDetails) throw new Error(`evaluation failed: ${JSON.stringify(result.exceptionDetails).slice(0, 300)}`);
    return (result.result as { value: T }).value;
  }

  /** Evaluates `expression` until it is truthy or `timeoutMs` passes; returns the last value. */
  async waitFor<T>(expression: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate<T>(expression);
      if (value || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Clicks the middle of the element `elementExpression` evaluates to, as a mouse would. */
  async click(elementExpression: string): Promise<void> {
    const box = await this.evaluate<{ x: number; y: number } | null>(`(() => {
      const element = ${elementExpression};
      if (!element) return null;
      element.scrollIntoView({ block: 'center' });
      const rect = element.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    })()`);
    if (!box) throw new Error(`nothing to click: ${elementExpression}`);
    for (const type of ['mousePressed', 'mouseReleased']) {
      await this.browser.send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 }, this.sessionId);
    }
  }

  /** Types into the element (replacing its value) as a keyboard would. */
  async type(elementExpression: string, text: string): Promise<void> {
    await this.evaluate(`(() => { const element = ${elementExpression}; element.focus(); element.select?.(); })()`);
    await this.browser.send('Input.insertText', { text }, this.sessionId);
  }

  /** The window's size as the page lays out (a 1400 px wide window, say). */
  async setViewport(width: number, height: number): Promise<void> {
    await this.browser.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, this.sessionId);
  }

  async screenshot(): Promise<Buffer> {
    const { data } = await this.browser.send('Page.captureScreenshot', { format: 'png' }, this.sessionId);
    return Buffer.from(data as string, 'base64');
  }
}
