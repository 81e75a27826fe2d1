/**
 * The in-memory data of the emulated Conversation API. Every region keeps its own apps, contacts,
 * conversations and messages, as Sinch does: an app lives in exactly one region, and every other region
 * answers 404 for it.
 *
 * @since 0.1.0
 */
import type { EmulatedRegion, ProductRequest, ProductResponse } from "../../ProductApi.js"

/**
 * The channels a channel identity, a priority order or a conversation can name.
 *
 * @since 0.1.0
 * @category constants
 */
export const channels = [
  "WHATSAPP",
  "RCS",
  "SMS",
  "MESSENGER",
  "VIBER",
  "VIBERBM",
  "MMS",
  "INSTAGRAM",
  "TELEGRAM",
  "KAKAOTALK",
  "KAKAOTALKCHAT",
  "LINE",
  "WECHAT",
  "APPLEBC"
] as const

/**
 * @since 0.1.0
 * @category models
 */
export interface ChannelIdentity {
  readonly channel: string
  readonly identity: string
  readonly app_id?: string | undefined
}

/**
 * An app as the API returns it; fields the emulator does not interpret are kept as sent.
 *
 * @since 0.1.0
 * @category models
 */
export interface App {
  readonly id: string
  readonly display_name: string
  readonly channel_credentials: ReadonlyArray<Record<string, unknown>>
  readonly [field: string]: unknown
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Contact {
  readonly id: string
  readonly channel_identities: ReadonlyArray<ChannelIdentity>
  readonly channel_priority: ReadonlyArray<string>
  readonly display_name: string
  readonly email: string
  readonly external_id: string
  readonly metadata: string
  readonly language: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Conversation {
  readonly id: string
  readonly app_id: string
  readonly contact_id: string
  readonly active: boolean
  readonly active_channel: string
  readonly last_received: string
  readonly metadata: string
  readonly metadata_json?: unknown
  readonly correlation_id: string
}

/**
 * A message as the API returns it.
 *
 * @since 0.1.0
 * @category models
 */
export interface Message {
  readonly id: string
  readonly direction: "TO_APP" | "TO_CONTACT"
  readonly app_message?: unknown
  readonly contact_message?: unknown
  readonly channel_identity: ChannelIdentity
  readonly conversation_id: string
  readonly contact_id: string
  readonly metadata: string
  readonly accept_time: string
  readonly sender_id: string
  readonly processing_mode: "CONVERSATION" | "DISPATCH"
  readonly injected: boolean
}

/**
 * A stored message and the app it belongs to (a message body carries no `app_id`, but lists filter on it).
 *
 * @since 0.1.0
 * @category models
 */
export interface StoredMessage {
  readonly appId: string
  readonly message: Message
}

/**
 * An event as the API returns it (`GET /events/{event_id}`).
 *
 * @since 0.3.0
 * @category models
 */
export interface Event {
  readonly id: string
  readonly direction: "TO_APP" | "TO_CONTACT"
  readonly app_event?: unknown
  readonly contact_event?: unknown
  readonly channel_identity: ChannelIdentity
  readonly contact_id: string
  readonly conversation_id: string
  readonly accept_time: string
  readonly processing_mode: "CONVERSATION" | "DISPATCH"
}

/**
 * A webhook as the API returns it; fields the emulator does not interpret are kept as sent.
 *
 * @since 0.3.0
 * @category models
 */
export interface Webhook {
  readonly id: string
  readonly app_id: string
  readonly target: string
  readonly target_type: string
  readonly triggers: ReadonlyArray<string>
  readonly [field: string]: unknown
}

/**
 * One change of an identity's consent (an audit record) of one app.
 *
 * @since 0.3.0
 * @category models
 */
export interface ConsentRecord {
  readonly app_id: string
  readonly identity: string
  readonly list_type: string
  readonly operation: "OPERATION_INSERT" | "OPERATION_UPDATE" | "OPERATION_DELETE"
  readonly origin: "ORIGIN_API" | "ORIGIN_MO"
  readonly datetime: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface RegionState {
  readonly apps: ReadonlyMap<string, App>
  readonly contacts: ReadonlyMap<string, Contact>
  readonly conversations: ReadonlyMap<string, Conversation>
  /** Newest first: the order every message list answers in. */
  readonly messages: ReadonlyArray<StoredMessage>
  /** Newest first, with the app each belongs to. */
  readonly events: ReadonlyArray<{ readonly appId: string; readonly event: Event }>
  readonly webhooks: ReadonlyMap<string, Webhook>
  /** Oldest first: an identity is on a list while its last record for that list is not a delete. */
  readonly consents: ReadonlyArray<ConsentRecord>
  /** The project settings, `undefined` until created. */
  readonly settings: Readonly<Record<string, unknown>> | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export type State = Readonly<Record<EmulatedRegion, RegionState>>

/**
 * What a handler may use besides the state: the request, the time and fresh ids, all drawn from
 * Effect's `Clock` and `Random` before the state is touched, so that one update is one `Ref.modify`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Context {
  readonly request: ProductRequest
  readonly region: EmulatedRegion
  readonly now: string
  readonly newId: () => string
}

/**
 * @since 0.1.0
 * @category models
 */
export type Handler = (state: RegionState, context: Context) => readonly [ProductResponse, RegionState]

/**
 * @since 0.1.0
 * @category constructors
 */
export const unchanged = (state: RegionState, response: ProductResponse): readonly [ProductResponse, RegionState] => [
  response,
  state
]

/**
 * @since 0.1.0
 * @category combinators
 */
export const setEntry = <A>(map: ReadonlyMap<string, A>, key: string, value: A): ReadonlyMap<string, A> =>
  new Map(map).set(key, value)

/**
 * @since 0.1.0
 * @category combinators
 */
export const removeEntry = <A>(map: ReadonlyMap<string, A>, key: string): ReadonlyMap<string, A> => {
  const next = new Map(map)
  next.delete(key)
  return next
}

const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/**
 * A ULID (the id format of every Conversation resource) from a millisecond time and 16 random digits.
 *
 * @since 0.1.0
 * @category constructors
 */
export const ulid = (millis: number, random: ReadonlyArray<number>): string => {
  let time = ""
  let rest = Math.max(0, Math.floor(millis))
  for (let i = 0; i < 10; i++) {
    time = crockford[rest % 32] + time
    rest = Math.floor(rest / 32)
  }
  return time + random.slice(0, 16).map((digit) => crockford[digit % 32]).join("")
}

const seedId = (n: number): string =>
  ulid(1_733_000_000_000 + n * 1_000, Array.from({ length: 16 }, (_, i) => (n * 7 + i * 3) % 32))

/**
 * The ids of the seeded demo data, for tests and examples.
 *
 * @since 0.1.0
 * @category constants
 */
export const demo = {
  euApp: seedId(1),
  usApp: seedId(2),
  euContacts: [seedId(11), seedId(12), seedId(13)] as const,
  usContact: seedId(21),
  euConversations: [seedId(31), seedId(32)] as const,
  usConversation: seedId(41),
  /** Seeded messages of the eu app, newest first. */
  euMessageCount: 24,
  usMessageCount: 3,
  /** A composing event of the eu app, sent to the first eu contact. */
  euEvent: seedId(51),
  /** The webhook of the eu app (triggers MESSAGE_INBOUND and MESSAGE_DELIVERY). */
  euWebhook: seedId(61),
  /** The identities on the eu app's `OPT_OUT_ALL` list (one more was on it and was removed). */
  euOptedOut: ["+46700000301", "+46700000302", "+46700000303"] as const
} as const

const demoApp = (id: string, displayName: string, sender: string): App => ({
  id,
  display_name: displayName,
  channel_credentials: [{
    channel: "SMS",
    static_bearer: { claimed_identity: sender, token: "demo-sms-service-token" },
    callback_secret: "",
    state: { status: "ACTIVE", description: "" },
    channel_known_id: ""
  }, {
    channel: "WHATSAPP",
    static_bearer: { claimed_identity: sender, token: "demo-whatsapp-token" },
    callback_secret: "",
    state: { status: "ACTIVE", description: "" },
    channel_known_id: ""
  }],
  ...appDefaults
})

/**
 * The fields Sinch fills in on an app the caller did not set.
 *
 * @since 0.1.0
 * @category constants
 */
export const appDefaults: Readonly<Record<string, unknown>> = {
  conversation_metadata_report_view: "NONE",
  rate_limits: { outbound: 20, inbound: 100, webhooks: 100 },
  retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 180 },
  dispatch_retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 0 },
  processing_mode: "CONVERSATION",
  smart_conversation: { enabled: false },
  queue_stats: { outbound_size: 0, outbound_limit: 500000 },
  persist_message_status: { enabled: false },
  message_search: { enabled: false },
  callback_settings: { secret_for_overridden_callback_urls: "" },
  delivery_report_based_fallback: { enabled: false, delivery_report_waiting_time: 0 },
  message_retry_settings: { retry_duration: 3600 }
}

const contact = (
  id: string,
  displayName: string,
  identities: ReadonlyArray<ChannelIdentity>,
  language: string,
  email = ""
): Contact => ({
  id,
  channel_identities: identities,
  channel_priority: identities.map((identity) => identity.channel),
  display_name: displayName,
  email,
  external_id: "",
  metadata: "",
  language
})

const iso = (millis: number): string => new Date(millis).toISOString()

const seededMessages = (
  appId: string,
  conversation: Conversation,
  identity: ChannelIdentity,
  count: number,
  firstId: number,
  now: number
): Array<StoredMessage> =>
  Array.from({ length: count }, (_, i) => {
    const outbound = i % 2 === 0
    const text = outbound ? `Your order #${1000 + i} has shipped.` : `Thanks! (${i})`
    return {
      appId,
      message: {
        id: seedId(firstId + i),
        direction: outbound ? "TO_CONTACT" : "TO_APP",
        ...(outbound ? { app_message: { text_message: { text } } } : { contact_message: { text_message: { text } } }),
        channel_identity: identity,
        conversation_id: conversation.id,
        contact_id: conversation.contact_id,
        metadata: "",
        accept_time: iso(now - (i + 1) * 60_000),
        sender_id: "",
        processing_mode: "CONVERSATION",
        injected: false
      }
    }
  })

/**
 * The demo data: an app in "eu" with three contacts, two conversations and 24 messages, an app in "us"
 * with one contact, one conversation and 3 messages, and an empty "br". Times are relative to `now`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const seed = (now: number): State => {
  const euApp = demoApp(demo.euApp, "Demo EU app", "+46700000001")
  const usApp = demoApp(demo.usApp, "Demo US app", "+12025550100")
  const euContacts = [
    contact(
      demo.euContacts[0],
      "Astrid Lindqvist",
      [{ channel: "SMS", identity: "+46700000101" }, {
        channel: "WHATSAPP",
        identity: "+46700000101"
      }],
      "SV",
      "astrid@example.com"
    ),
    contact(demo.euContacts[1], "Jonas Weber", [{ channel: "SMS", identity: "+4915100000102" }], "DE"),
    contact(demo.euContacts[2], "Marie Dubois", [{
      channel: "MESSENGER",
      identity: "6443914672301188",
      app_id: demo.euApp
    }], "FR")
  ]
  const usContact = contact(demo.usContact, "Sam Carter", [{ channel: "SMS", identity: "+12025550123" }], "EN_US")
  const euConversations: Array<Conversation> = [{
    id: demo.euConversations[0],
    app_id: demo.euApp,
    contact_id: demo.euContacts[0],
    active: true,
    active_channel: "SMS",
    last_received: iso(now - 60_000),
    metadata: "",
    correlation_id: ""
  }, {
    id: demo.euConversations[1],
    app_id: demo.euApp,
    contact_id: demo.euContacts[1],
    active: false,
    active_channel: "SMS",
    last_received: iso(now - 86_400_000),
    metadata: "order=1042",
    correlation_id: ""
  }]
  const usConversation: Conversation = {
    id: demo.usConversation,
    app_id: demo.usApp,
    contact_id: demo.usContact,
    active: true,
    active_channel: "SMS",
    last_received: iso(now - 60_000),
    metadata: "",
    correlation_id: ""
  }
  const euEvent: Event = {
    id: demo.euEvent,
    direction: "TO_CONTACT",
    app_event: { composing_event: {} },
    channel_identity: euContacts[0]!.channel_identities[0]!,
    contact_id: demo.euContacts[0],
    conversation_id: demo.euConversations[0],
    accept_time: iso(now - 30_000),
    processing_mode: "CONVERSATION"
  }
  const euWebhook: Webhook = {
    id: demo.euWebhook,
    app_id: demo.euApp,
    target: "https://example.com/sinch/conversation",
    target_type: "HTTP",
    triggers: ["MESSAGE_INBOUND", "MESSAGE_DELIVERY"],
    secret: "demo-webhook-secret"
  }
  const consent = (identity: string, operation: ConsentRecord["operation"], minutesAgo: number): ConsentRecord => ({
    app_id: demo.euApp,
    identity,
    list_type: "OPT_OUT_ALL",
    operation,
    origin: "ORIGIN_MO",
    datetime: iso(now - minutesAgo * 60_000)
  })
  const empty = { events: [], webhooks: new Map(), consents: [], settings: undefined }
  return {
    eu: {
      events: [{ appId: demo.euApp, event: euEvent }],
      webhooks: new Map([[euWebhook.id, euWebhook]]),
      consents: [
        consent(demo.euOptedOut[0], "OPERATION_INSERT", 50),
        consent("+46700000399", "OPERATION_INSERT", 40),
        consent(demo.euOptedOut[1], "OPERATION_INSERT", 30),
        consent("+46700000399", "OPERATION_DELETE", 20),
        consent(demo.euOptedOut[2], "OPERATION_INSERT", 10)
      ],
      settings: undefined,
      apps: new Map([[euApp.id, euApp]]),
      contacts: new Map(euContacts.map((c) => [c.id, c])),
      conversations: new Map(euConversations.map((c) => [c.id, c])),
      messages: seededMessages(
        demo.euApp,
        euConversations[0]!,
        euContacts[0]!.channel_identities[0]!,
        demo.euMessageCount,
        100,
        now
      )
    },
    us: {
      ...empty,
      apps: new Map([[usApp.id, usApp]]),
      contacts: new Map([[usContact.id, usContact]]),
      conversations: new Map([[usConversation.id, usConversation]]),
      messages: seededMessages(
        demo.usApp,
        usConversation,
        usContact.channel_identities[0]!,
        demo.usMessageCount,
        200,
        now
      )
    },
    br: { ...empty, apps: new Map(), contacts: new Map(), conversations: new Map(), messages: [] }
  }
}
