import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

/** A mock person as the Playground's configuration describes them. */
export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipleName?: string;
  givenName?: string;
  surname?: string;
  email?: string;
}

/** A team as `GET /_internal/v1/config` lists it: the General channel's id is the team's id. */
export interface PlaygroundTeam {
  id: string;
  name: string;
  aadGroupId: string;
  channels: { id: string; name: string; channelType: string }[];
  members: string[];
}

/** The mock tenant the Playground runs (`config` of `GET /_internal/v1/config`). */
export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string; name: string };
  groupChats: { id: string; name: string; members: string[] }[];
  teams: PlaygroundTeam[];
}

/**
 * The Playground's own config file (`.m365agentsplayground.yml`, JSON is valid YAML). Its schema
 * (0.1.1) wants exactly five `users`, one team, and at most one channel besides General.
 */
export interface PlaygroundConfigFile {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: Required<PlaygroundUser>;
  users: Required<PlaygroundUser>[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

/** One event on the conversation stream: what the bot sent, as the Playground's UI receives it. */
export interface StreamEvent {
  action: string;
  /**
   * The conversation the message belongs to: the chat's id; in a channel, the thread's
   * `<channel>;messageid=<root>` for a reply, or the channel's id for a new post.
   */
  actionConversationId?: string;
  message?: {
    messageId: string;
    from?: { id: string };
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    /** Set on a new post in a channel: the thread it starts. */
    postConversationId?: string;
  };
}

/** What the Playground answers when a message is posted: the thread it opened in a channel. */
export interface PostedMessage {
  messageId: string;
  postConversationId?: string;
}

/** The custom activities the Playground can generate (`GET /_internal/v1/customActivities/template`). */
export type PlaygroundEvent =
  | 'install'
  | 'uninstall'
  | 'botAdded'
  | 'userAdded'
  | 'botRemoved'
  | 'userRemoved'
  | 'channelCreated'
  | 'channelRenamed'
  | 'channelDeleted'
  | 'teamRenamed'
  | 'teamDeleted';

/** Which stream events to wait for. */
export interface StreamFilter {
  /** Exactly this conversation (a chat, a thread `<channel>;messageid=<root>`). */
  conversationId?: string;
  /** Anything in this channel: new posts and replies in any of its threads. */
  channelId?: string;
  /** Only messages with an attachment (a card). */
  card?: boolean;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  botEndpoint: string;
  /** Replaces the built-in mock tenant (ids, users, team and channel). */
  config?: PlaygroundConfigFile;
  startTimeoutMs?: number;
}

const PLAYGROUND_CLI = path.resolve('node_modules/@microsoft/m365agentsplayground/cli.js');
const LOOPBACK = path.resolve('scripts/loopback.cjs');

/** A port the system just handed out as free (a fixed range could be an outgoing socket's). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForHttp(url: string, timeoutMs: number, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failed();
    if (reason) throw new Error(reason);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet; the deadline below ends the wait.
    }
    if (Date.now() > deadline) throw new Error(`${url} svarade inte inom ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function expectOk(res: Response, what: string): Promise<Response> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res;
}

/** Whether a stream event is a message that passes the filter. */
export function matches(event: StreamEvent, filter: StreamFilter = {}): boolean {
  if (event.action !== 'createMessage' || !event.message) return false;
  if (filter.card && !event.message.attachments?.length) return false;
  const conversation = event.actionConversationId ?? '';
  if (filter.conversationId !== undefined && conversation !== filter.conversationId) return false;
  if (filter.channelId !== undefined && conversation !== filter.channelId && !conversation.startsWith(`${filter.channelId};`)) return false;
  return true;
}

/**
 * The Microsoft 365 Agents Playground as a test client: a real Teams-like peer that sends
 * activities to the bot and takes its replies on a mock Bot Connector, driven through its HTTP
 * API (no browser). Every message the bot sends is collected from the conversation stream.
 *
 * It acts as one person, `config.currentUser`: the messages API checks `from.id` but always sends
 * as that person. {@link PlaygroundClient.sendActivity} posts any activity as given, which is how
 * another person speaks and how team events (bot removed, channel deleted…) are sent.
 */
export class PlaygroundClient {
  /** Every event on the stream since start, oldest first. */
  readonly events: StreamEvent[] = [];

  private constructor(
    readonly baseUrl: string,
    readonly config: PlaygroundConfig,
    private readonly process: ChildProcess,
    private readonly socket: WebSocket,
    private readonly workDir: string,
  ) {
    socket.on('message', (data: Buffer) => this.events.push(JSON.parse(data.toString()) as StreamEvent));
  }

  /** Starts the Playground on a free loopback port against the bot and opens the stream. */
  static async start(options: PlaygroundOptions): Promise<PlaygroundClient> {
    // Its log file (devTools/) and config file live in a folder of their own, not in the repo.
    const workDir = await mkdtemp(path.join(tmpdir(), 'pp-playground-'));
    const env: NodeJS.ProcessEnv = { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' };
    if (options.config) {
      env.M365_AGENTS_PLAYGROUND_CONFIG_PATH = path.join(workDir, '.m365agentsplayground.yml');
      await writeFile(env.M365_AGENTS_PLAYGROUND_CONFIG_PATH, JSON.stringify(options.config));
    }
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const child = spawn(
      process.execPath,
      ['-r', LOOPBACK, PLAYGROUND_CLI, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
      { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    let exited = false;
    child.on('exit', () => (exited = true));
    // A config file it refuses leaves the process running without a server: it only says so.
    const failed = (): string | undefined =>
      exited ? 'the Playground exited before it answered' : output.includes('Failed to start') ? 'the Playground did not start' : undefined;
    try {
      await waitForHttp(`${baseUrl}/_debug/ping`, options.startTimeoutMs ?? 60_000, failed);
      const config = ((await (await expectOk(await fetch(`${baseUrl}/_internal/v1/config`), 'config')).json()) as { config: PlaygroundConfig }).config;
      const socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      return new PlaygroundClient(baseUrl, config, child, socket, workDir);
    } catch (error) {
      child.kill('SIGTERM');
      await rm(workDir, { recursive: true, force: true });
      throw new Error(`${String(error)}\nPlayground: ${output.slice(-2000)}`, { cause: error });
    }
  }

  get personalChatId(): string {
    return this.config.personalChat.id;
  }

  get team(): PlaygroundTeam {
    const team = this.config.teams[0];
    if (!team) throw new Error('the Playground lists no team');
    return team;
  }

  /** The team's channel that is not General (the built-in one is "Announcements"). */
  get channel(): PlaygroundTeam['channels'][number] {
    const channel = this.team.channels.find((c) => c.id !== this.team.id);
    if (!channel) throw new Error('the Playground team has no channel besides General');
    return channel;
  }

  /** How far the stream has come; pass it to {@link nextMessage} to wait for what comes after. */
  mark(): number {
    return this.events.length;
  }

  /** The current user writes `text` in a chat (the personal chat unless told), no mention. */
  async say(text: string, conversationId = this.personalChatId): Promise<PostedMessage> {
    return this.post(conversationId, { from: { id: this.config.currentUser.id }, text, textFormat: 'plain' });
  }

  /**
   * The current user @mentions the bot, as Teams sends it: `<at>name</at>` in the text and a
   * mention entity. In a channel's id it starts a new thread; in a thread's id
   * (`<channel>;messageid=<root>`) it is a reply there. Without the mention the bot gets nothing.
   */
  async mention(conversationId: string, text: string): Promise<PostedMessage> {
    const at = `<at>${this.config.bot.name}</at>`;
    return this.post(conversationId, {
      from: { id: this.config.currentUser.id },
      text: `${at} ${text}`,
      textFormat: 'plain',
      mentions: [{ mentioned: { id: this.config.bot.id }, text: at }],
    });
  }

  /** The current user presses an Action.Execute button on the card `replyToId`; the invoke's answer. */
  async press(replyToId: string, verb: string, data: Record<string, unknown>, conversationId = this.personalChatId): Promise<Response> {
    return fetch(`${this.baseUrl}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        from: { id: this.config.currentUser.id },
        conversation: { id: conversationId },
        replyToId,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    });
  }

  /**
   * The activity the Playground would send for `event` in a conversation (a chat or a channel
   * id), or, without `event`, a bare one with its ids filled in (type `<custom-activity-type>`).
   */
  async activityTemplate(conversationId: string, event?: PlaygroundEvent): Promise<Record<string, unknown>> {
    const query = new URLSearchParams({ conversationId, ...(event ? { type: event } : {}) });
    const res = await expectOk(await fetch(`${this.baseUrl}/_internal/v1/customActivities/template?${query}`), 'template');
    return (await res.json()) as Record<string, unknown>;
  }

  /**
   * Sends an activity to the bot exactly as given. The Playground answers before the bot does
   * and keeps no answer of the bot's (an invoke's result is lost); replies come on the stream.
   */
  async sendActivity(activity: Record<string, unknown>): Promise<void> {
    await expectOk(
      await fetch(`${this.baseUrl}/_internal/v1/customActivities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }),
      'custom activity',
    );
  }

  /** Sends a team or app lifecycle event (e.g. `botRemoved` from the team) as the current user. */
  async sendEvent(conversationId: string, event: PlaygroundEvent): Promise<void> {
    await this.sendActivity(await this.activityTemplate(conversationId, event));
  }

  /**
   * Another mock person writes to the bot: in a chat, or @mentioning it in a channel or a thread
   * (then with the mention entity and the team and channel in channelData, as Teams sends it).
   * The bot's reply is on the stream under that conversation.
   */
  async sayAs(user: PlaygroundUser, conversationId: string, text: string): Promise<void> {
    const template = await this.activityTemplate(conversationId);
    const conversation = template.conversation as { conversationType?: string };
    const from = { id: user.id, name: user.name, aadObjectId: user.aadObjectId };
    if (conversation.conversationType !== 'channel') {
      await this.sendActivity({ ...template, type: 'message', from, text, textFormat: 'plain' });
      return;
    }
    const at = `<at>${this.config.bot.name}</at>`;
    const channelId = conversationId.split(';')[0] ?? conversationId;
    await this.sendActivity({
      ...template,
      type: 'message',
      from,
      text: `${at} ${text}`,
      textFormat: 'plain',
      entities: [{ type: 'mention', mentioned: { id: this.config.bot.id, name: this.config.bot.name }, text: at }],
      channelData: { tenant: { id: this.config.tenantId }, team: { id: this.team.id }, channel: { id: channelId }, teamsTeamId: this.team.id, teamsChannelId: channelId },
    });
  }

  /** Installs the app in a chat or channel, as the Playground's UI does: installationUpdate, then conversationUpdate. */
  async install(conversationId: string): Promise<void> {
    await expectOk(
      await fetch(`${this.baseUrl}/_debug/conversation/${encodeURIComponent(conversationId)}/installation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      'installation',
    );
  }

  /** The first message after `after` that passes the filter; throws when none comes in time. */
  async nextMessage(after: number, filter: StreamFilter = {}, timeoutMs = 10_000): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(after).find((e) => matches(e, filter));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`inget meddelande ${JSON.stringify(filter)} inom ${timeoutMs} ms; strömmen: ${JSON.stringify(this.events.slice(after)).slice(0, 1000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The first card after `after` (in a conversation or channel, when given). */
  async nextCard(after: number, filter: Omit<StreamFilter, 'card'> = {}, timeoutMs = 10_000): Promise<StreamEvent> {
    return this.nextMessage(after, { ...filter, card: true }, timeoutMs);
  }

  async close(): Promise<void> {
    this.socket.close();
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.process.kill('SIGTERM');
      await exited;
    }
    await rm(this.workDir, { recursive: true, force: true });
  }

  private async post(conversationId: string, body: Record<string, unknown>): Promise<PostedMessage> {
    const res = await fetch(`${this.baseUrl}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await (await expectOk(res, 'message')).json()) as PostedMessage;
  }
}
