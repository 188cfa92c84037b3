/**
 * The channel-neutral message model. Channel adapters translate platform messages into
 * `InboundMessage` and render `Reply` back (buttons on Telegram, numbered lines elsewhere).
 * It imports nothing, so every layer (dialog, bot, broadcast, console, channels) may use it.
 */

/** Channels the bot can speak on. */
export type ChannelName = 'console' | 'telegram' | 'wechat' | 'wechat-oa';

/** What kind of content the user sent; non-text gets a short helpful reply. */
export type MessageKind = 'text' | 'image' | 'voice' | 'video' | 'file' | 'sticker' | 'location' | 'contact' | 'link' | 'mini-program' | 'money' | 'other';

/** One message from a user, as every channel hands it to the core. */
export interface InboundMessage {
  channel: ChannelName;
  /** Channel-scoped stable user id (Telegram user id, WeChat contact id, "local" for the terminal). */
  userId: string;
  /** Where to answer: the private chat, or the group/room id. */
  chatId: string;
  text: string;
  kind?: MessageKind;
  /** True in groups/rooms; the core never runs the interview or shows personal data there. */
  isGroup?: boolean;
  /** In a group: the bot was @-mentioned or replied to. */
  mentioned?: boolean;
  /** Forwarded by someone else (e.g. HR staff forwarding an applicant's question). */
  forwarded?: boolean;
  /** Display name, for greetings only; never logged with answers. */
  senderName?: string;
}

/** One choice the user can pick; `value` is what the core accepts back as text. */
export interface Choice {
  label: string;
  value: string;
}

/** One reply from the core. */
export interface Reply {
  text: string;
  /** Offered choices: rendered as buttons (Telegram) or numbered lines (WeChat, terminal). */
  choices?: Choice[];
}

/** The single entry every channel calls. Messages of one user are processed in order. */
export interface BotCore {
  handle(message: InboundMessage): Promise<Reply[]>;
}

/** Stable key for a user across the store: `channel:userId`. */
export function userKey(m: Pick<InboundMessage, 'channel' | 'userId'>): string {
  return `${m.channel}:${m.userId}`;
}
