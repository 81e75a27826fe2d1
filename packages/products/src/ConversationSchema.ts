/**
 * The Conversation API's request and response shapes, as Schemas: the single source of truth for field
 * names and casing (https://developers.sinch.com/docs/conversation/api-reference/conversation). Fields
 * are snake_case, as on the wire. Responses ignore unknown fields and read `null` as absent; channel
 * credentials' secrets decode to `Redacted`.
 *
 * @since 0.1.0
 */
import { Redacted, Schema } from "effect"
import * as OpenEnum from "./OpenEnum.js"

const nullable = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })
const text = nullable(Schema.String)

// ---------------------------------------------------------------------------------------------------------------
// channels and recipients
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const Channel = Schema.Literal(
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
  "APPLEBC",
  "CHANNEL_UNSPECIFIED"
)

/**
 * @since 0.1.0
 * @category models
 */
export type Channel = typeof Channel.Type

/**
 * A channel as received: the known ones typed, any other as a string.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedChannel = OpenEnum.open(Channel)

/**
 * A contact's address on one channel (e.g. an MSISDN on SMS). `app_id` is required on channels whose
 * identities are app-scoped (Messenger, Instagram, LINE, WeChat).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ChannelIdentity = Schema.Struct({
  channel: Channel,
  identity: Schema.String,
  app_id: text
})

/**
 * @since 0.1.0
 * @category models
 */
export type ChannelIdentity = typeof ChannelIdentity.Type

/**
 * A channel identity as received (its channel open).
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedChannelIdentity = Schema.Struct({
  channel: ReceivedChannel,
  identity: Schema.String,
  app_id: text
})

/**
 * @since 0.2.0
 * @category models
 */
export type ReceivedChannelIdentity = typeof ReceivedChannelIdentity.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const ContactRecipient = Schema.Struct({ contact_id: Schema.String })

/**
 * @since 0.1.0
 * @category schemas
 */
export const IdentifiedRecipient = Schema.Struct({
  identified_by: Schema.Struct({ channel_identities: Schema.Array(ChannelIdentity) })
})

/**
 * Who receives a message: a contact id, or channel identities (a contact is created if none has them).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Recipient = Schema.Union(ContactRecipient, IdentifiedRecipient)

/**
 * @since 0.1.0
 * @category models
 */
export type Recipient = typeof Recipient.Type

// ---------------------------------------------------------------------------------------------------------------
// message content
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const TextMessage = Schema.Struct({ text: Schema.String })

/**
 * @since 0.1.0
 * @category schemas
 */
export const MediaMessage = Schema.Struct({
  url: Schema.String,
  thumbnail_url: text,
  filename_override: text
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const Coordinates = Schema.Struct({ latitude: Schema.Number, longitude: Schema.Number })

/**
 * @since 0.1.0
 * @category schemas
 */
export const LocationMessage = Schema.Struct({
  coordinates: Coordinates,
  title: Schema.String,
  label: text
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const CallMessage = Schema.Struct({ phone_number: Schema.String, title: Schema.String })

/**
 * @since 0.1.0
 * @category schemas
 */
export const UrlMessage = Schema.Struct({ url: Schema.String, title: Schema.String })

/**
 * One option of a choice, card or carousel: exactly one of the message fields, and the data the
 * contact's answer carries back.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Choice = Schema.Struct({
  text_message: nullable(TextMessage),
  call_message: nullable(CallMessage),
  location_message: nullable(LocationMessage),
  url_message: nullable(UrlMessage),
  /** A calendar event to add (official SDK `CalendarMessage`). */
  calendar_message: nullable(Schema.Struct({
    title: Schema.String,
    /** ISO 8601. */
    event_start: Schema.String,
    /** ISO 8601. */
    event_end: Schema.String,
    event_title: Schema.String,
    event_description: text,
    fallback_url: Schema.String
  })),
  /** Asks the contact to share a location (official SDK `ShareLocationMessage`). */
  share_location_message: nullable(Schema.Struct({ title: Schema.String, fallback_url: Schema.String })),
  postback_data: text
})

/**
 * @since 0.1.0
 * @category models
 */
export type Choice = typeof Choice.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const ChoiceMessage = Schema.Struct({
  text_message: nullable(TextMessage),
  choices: Schema.Array(Choice)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const CardHeight = Schema.Literal("UNSPECIFIED_HEIGHT", "SHORT", "MEDIUM", "TALL")

/**
 * @since 0.1.0
 * @category schemas
 */
export const CardMessage = Schema.Struct({
  title: text,
  description: text,
  media_message: nullable(MediaMessage),
  height: nullable(CardHeight),
  choices: nullable(Schema.Array(Choice)),
  message_properties: nullable(Schema.Struct({ whatsapp_header: text }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type CardMessage = typeof CardMessage.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CarouselMessage = Schema.Struct({
  cards: Schema.Array(CardMessage),
  choices: nullable(Schema.Array(Choice))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const TemplateReference = Schema.Struct({
  template_id: Schema.String,
  /** Optional: the official SDK's channel-specific reference has no version (the latest is used). */
  version: text,
  language_code: text,
  parameters: nullable(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/**
 * A template: an omni-channel one, and/or channel-specific ones keyed by channel.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TemplateMessage = Schema.Struct({
  omni_template: nullable(TemplateReference),
  channel_template: nullable(Schema.Record({ key: Schema.String, value: TemplateReference }))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListChoiceItem = Schema.Struct({
  choice: Schema.Struct({
    title: Schema.String,
    description: text,
    media: nullable(MediaMessage),
    postback_data: text
  })
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListProductItem = Schema.Struct({
  product: Schema.Struct({
    id: Schema.String,
    marketplace: Schema.String,
    quantity: nullable(Schema.Number),
    item_price: nullable(Schema.Number),
    currency: text
  })
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListSection = Schema.Struct({
  title: text,
  items: Schema.Array(Schema.Union(ListChoiceItem, ListProductItem))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListMessage = Schema.Struct({
  title: Schema.String,
  description: text,
  /** A header image or video (official SDK `ListMessageItem.media`). */
  media: nullable(MediaMessage),
  sections: Schema.Array(ListSection),
  message_properties: nullable(Schema.Struct({ catalog_id: text, menu: text, whatsapp_header: text }))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const ContactInfoMessage = Schema.Struct({
  name: Schema.Struct({
    full_name: Schema.String,
    first_name: text,
    last_name: text,
    middle_name: text,
    prefix: text,
    suffix: text
  }),
  phone_numbers: Schema.Array(Schema.Struct({ phone_number: Schema.String, type: text })),
  email_addresses: nullable(Schema.Array(Schema.Struct({ email_address: Schema.String, type: text }))),
  addresses: nullable(Schema.Array(Schema.Struct({
    city: text,
    country: text,
    state: text,
    zip: text,
    type: text,
    country_code: text
  }))),
  organization: nullable(Schema.Struct({ company: text, department: text, title: text })),
  urls: nullable(Schema.Array(Schema.Struct({ url: Schema.String, type: text }))),
  birthday: text
})

const appMessageExtras = {
  /** Channel-native payloads (e.g. a WhatsApp JSON), keyed by channel, sent instead of the transcoded message. */
  explicit_channel_message: nullable(Schema.Record({ key: Schema.String, value: Schema.String })),
  agent: nullable(Schema.Struct({ display_name: text, type: text, picture_url: text }))
}

/**
 * What an app sends: exactly one kind of message (the union makes any other combination a type error).
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppMessage = Schema.Union(
  Schema.Struct({ text_message: TextMessage, ...appMessageExtras }),
  Schema.Struct({ media_message: MediaMessage, ...appMessageExtras }),
  Schema.Struct({ template_message: TemplateMessage, ...appMessageExtras }),
  Schema.Struct({ choice_message: ChoiceMessage, ...appMessageExtras }),
  Schema.Struct({ card_message: CardMessage, ...appMessageExtras }),
  Schema.Struct({ carousel_message: CarouselMessage, ...appMessageExtras }),
  Schema.Struct({ list_message: ListMessage, ...appMessageExtras }),
  Schema.Struct({ location_message: LocationMessage, ...appMessageExtras }),
  Schema.Struct({ contact_info_message: ContactInfoMessage, ...appMessageExtras })
)

/**
 * @since 0.1.0
 * @category models
 */
export type AppMessage = typeof AppMessage.Type

/**
 * An app message as the API returns it: every kind optional, so that a kind this library does not
 * know yet still decodes.
 *
 * @since 0.1.0
 * @category schemas
 */
export const AppMessageContent = Schema.Struct({
  text_message: nullable(TextMessage),
  media_message: nullable(MediaMessage),
  template_message: nullable(TemplateMessage),
  choice_message: nullable(ChoiceMessage),
  card_message: nullable(CardMessage),
  carousel_message: nullable(CarouselMessage),
  list_message: nullable(ListMessage),
  location_message: nullable(LocationMessage),
  contact_info_message: nullable(ContactInfoMessage),
  ...appMessageExtras
})

/**
 * What a contact sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ContactMessage = Schema.Struct({
  text_message: nullable(TextMessage),
  media_message: nullable(MediaMessage),
  location_message: nullable(LocationMessage),
  choice_response_message: nullable(Schema.Struct({ message_id: Schema.String, postback_data: Schema.String })),
  media_card_message: nullable(Schema.Struct({ url: Schema.String, caption: text })),
  fallback_message: nullable(Schema.Struct({
    raw_message: text,
    reason: nullable(Schema.Struct({ code: text, description: text, sub_code: text }))
  })),
  contact_info_message: nullable(ContactInfoMessage),
  /** Products a contact picked from a catalog (official SDK `ProductResponseMessage`). */
  product_response_message: nullable(Schema.Struct({
    products: Schema.Array(Schema.Struct({
      id: Schema.String,
      marketplace: Schema.String,
      quantity: nullable(Schema.Number),
      item_price: nullable(Schema.Number),
      currency: text
    })),
    text: text,
    catalog_id: text
  })),
  /**
   * A channel-native message (e.g. a WhatsApp flow reply, `message_type: "nfm_reply"`), kept as sent:
   * its shape is the channel's, and users need all of it.
   */
  channel_specific_message: nullable(Schema.Unknown),
  reply_to: nullable(Schema.Struct({ message_id: Schema.String }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type ContactMessage = typeof ContactMessage.Type

// ---------------------------------------------------------------------------------------------------------------
// messages
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const Direction = Schema.Literal("TO_APP", "TO_CONTACT", "UNDEFINED_DIRECTION")

/**
 * @since 0.1.0
 * @category schemas
 */
export const ProcessingMode = Schema.Literal("CONVERSATION", "DISPATCH")

/**
 * @since 0.1.0
 * @category schemas
 */
export const MessagesSource = Schema.Literal("CONVERSATION_SOURCE", "DISPATCH_SOURCE")

/**
 * A direction as received.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedDirection = OpenEnum.open(Direction)

/**
 * A processing mode as received.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ReceivedProcessingMode = OpenEnum.open(ProcessingMode)

/**
 * The delivery statuses of messages and events, as received.
 *
 * @since 0.2.0
 * @category schemas
 */
export const MessageStatus = OpenEnum.open(Schema.Literal(
  "STATUS_UNSPECIFIED",
  "QUEUED",
  "QUEUED_ON_CHANNEL",
  "DELIVERED",
  "READ",
  "FAILED",
  "SWITCHING_CHANNEL",
  "RECEIVED"
))

/**
 * @since 0.1.0
 * @category models
 */
export type MessagesSource = typeof MessagesSource.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const SendMessageRequest = Schema.Struct({
  app_id: Schema.String,
  recipient: Recipient,
  message: AppMessage,
  /** The channels to try, in order; the first one the contact has an identity on is used. */
  channel_priority_order: Schema.optional(Schema.Array(Channel)),
  /** Channel-specific settings, e.g. `{ SMS_SENDER: "mysender" }`. */
  channel_properties: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  message_metadata: Schema.optional(Schema.String),
  conversation_metadata: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  callback_url: Schema.optional(Schema.String),
  processing_strategy: Schema.optional(Schema.Literal("DEFAULT", "DISPATCH_ONLY")),
  correlation_id: Schema.optional(Schema.String),
  conversation_metadata_update_strategy: Schema.optional(Schema.Literal("REPLACE", "MERGE_PATCH")),
  queue: Schema.optional(Schema.Literal("NORMAL_PRIORITY", "HIGH_PRIORITY")),
  /** Seconds, or a duration string such as `"10s"`. */
  ttl: Schema.optional(Schema.Union(Schema.Number, Schema.String)),
  message_content_type: Schema.optional(Schema.Literal("CONTENT_UNKNOWN", "CONTENT_MARKETING", "CONTENT_NOTIFICATION"))
})

/**
 * @since 0.1.0
 * @category models
 */
export type SendMessageRequest = typeof SendMessageRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const SendMessageResponse = Schema.Struct({
  message_id: Schema.String,
  accepted_time: text
})

/**
 * @since 0.1.0
 * @category models
 */
export type SendMessageResponse = typeof SendMessageResponse.Type

/**
 * A message sent or received through an app.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ConversationMessage = Schema.Struct({
  // Every field is optional in the reference and the official SDK (models/v1/conversation-message).
  id: text,
  direction: nullable(ReceivedDirection),
  app_message: nullable(AppMessageContent),
  contact_message: nullable(ContactMessage),
  channel_identity: nullable(ReceivedChannelIdentity),
  conversation_id: text,
  contact_id: text,
  metadata: text,
  accept_time: text,
  sender_id: text,
  processing_mode: nullable(ReceivedProcessingMode),
  injected: nullable(Schema.Boolean),
  message_status: nullable(Schema.Struct({ status: nullable(MessageStatus), event_time: text, reason: text }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type ConversationMessage = typeof ConversationMessage.Type

/**
 * Filters of the message list (the page token is the stream's business).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListMessagesParams = Schema.Struct({
  conversation_id: Schema.optional(Schema.String),
  contact_id: Schema.optional(Schema.String),
  app_id: Schema.optional(Schema.String),
  channel_identity: Schema.optional(Schema.String),
  start_time: Schema.optional(Schema.String),
  end_time: Schema.optional(Schema.String),
  /** Default 10, at most 1000. */
  page_size: Schema.optional(Schema.Int),
  view: Schema.optional(Schema.Literal("WITH_METADATA", "WITHOUT_METADATA")),
  messages_source: Schema.optional(MessagesSource),
  only_recipient_originated: Schema.optional(Schema.Boolean),
  channel: Schema.optional(Channel),
  direction: Schema.optional(Schema.Literal("TO_APP", "TO_CONTACT"))
})

/**
 * @since 0.1.0
 * @category models
 */
export type ListMessagesParams = typeof ListMessagesParams.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const MessagesPage = Schema.Struct({
  messages: nullable(Schema.Array(ConversationMessage)),
  next_page_token: text,
  total_size: nullable(Schema.Number)
})

// ---------------------------------------------------------------------------------------------------------------
// apps
// ---------------------------------------------------------------------------------------------------------------

const secret = Schema.Redacted(Schema.String)

const credentialFields = {
  channel: Channel,
  static_bearer: nullable(Schema.Struct({ claimed_identity: Schema.String, token: secret })),
  static_token: nullable(Schema.Struct({ token: secret })),
  callback_secret: nullable(secret),
  channel_known_id: text,
  state: nullable(Schema.Struct({ status: Schema.String, description: text }))
}

const LooseChannelCredential = Schema.Struct(
  credentialFields,
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

const knownCredentialKeys: ReadonlySet<string> = new Set(Object.keys(credentialFields))

/** Applies `f` to the fields the schema does not name (e.g. `telegram_credentials`). */
const mapUnnamed = <A extends Record<string, unknown>>(entry: A, f: (value: unknown) => unknown): A =>
  Object.fromEntries(
    Object.entries(entry).map(([key, value]) => [key, knownCredentialKeys.has(key) ? value : f(value)])
  ) as A

/**
 * An app's credentials on one channel. Tokens and secrets decode to `Redacted`, so they never reach a
 * log. Credential kinds not named here (`telegram_credentials`, `line_credentials`, ...) are sent and
 * received as they are on the wire, but held as `Redacted` values (typed `unknown`), so that
 * `inspect(app)` and `Effect.log(app)` never print them.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ChannelCredential = Schema.transform(LooseChannelCredential, Schema.typeSchema(LooseChannelCredential), {
  strict: true,
  decode: (entry) => mapUnnamed(entry, (value) => Redacted.make(value)),
  encode: (entry) => mapUnnamed(entry, (value) => (Redacted.isRedacted(value) ? Redacted.value(value) : value))
})

/**
 * @since 0.1.0
 * @category models
 */
export type ChannelCredential = typeof ChannelCredential.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const RetentionPolicy = Schema.Struct({
  // Optional in the reference and the official SDK (models/v1/retention-policy).
  retention_type: Schema.optional(
    Schema.Literal("MESSAGE_EXPIRE_POLICY", "CONVERSATION_EXPIRE_POLICY", "PERSIST_RETENTION_POLICY")
  ),
  ttl_days: nullable(Schema.Number)
})

const appFields = {
  display_name: text,
  channel_credentials: nullable(Schema.Array(ChannelCredential)),
  conversation_metadata_report_view: nullable(Schema.Literal("NONE", "FULL")),
  retention_policy: nullable(RetentionPolicy),
  dispatch_retention_policy: nullable(RetentionPolicy),
  processing_mode: nullable(ProcessingMode),
  smart_conversation: nullable(Schema.Struct({ enabled: nullable(Schema.Boolean) })),
  callback_settings: nullable(Schema.Struct({ secret_for_overridden_callback_urls: nullable(secret) })),
  delivery_report_based_fallback: nullable(Schema.Struct({
    enabled: nullable(Schema.Boolean),
    delivery_report_waiting_time: nullable(Schema.Number)
  })),
  message_retry_settings: nullable(Schema.Struct({ retry_duration: nullable(Schema.Number) }))
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const App = Schema.Struct({
  id: Schema.String,
  ...appFields,
  rate_limits: nullable(Schema.Struct({
    outbound: nullable(Schema.Number),
    inbound: nullable(Schema.Number),
    webhooks: nullable(Schema.Number)
  })),
  persist_message_status: nullable(Schema.Struct({ enabled: nullable(Schema.Boolean) })),
  message_search: nullable(Schema.Struct({ enabled: nullable(Schema.Boolean) })),
  queue_stats: nullable(
    Schema.Struct({ outbound_size: nullable(Schema.Number), outbound_limit: nullable(Schema.Number) })
  )
})

/**
 * @since 0.1.0
 * @category models
 */
export type App = typeof App.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateAppRequest = Schema.Struct({
  display_name: Schema.String,
  channel_credentials: Schema.Array(ChannelCredential),
  conversation_metadata_report_view: Schema.optional(Schema.Literal("NONE", "FULL")),
  retention_policy: Schema.optional(RetentionPolicy),
  dispatch_retention_policy: Schema.optional(RetentionPolicy),
  processing_mode: Schema.optional(ProcessingMode),
  smart_conversation: Schema.optional(Schema.Struct({ enabled: Schema.Boolean })),
  callback_settings: Schema.optional(Schema.Struct({ secret_for_overridden_callback_urls: secret })),
  delivery_report_based_fallback: Schema.optional(Schema.Struct({
    enabled: Schema.Boolean,
    delivery_report_waiting_time: Schema.optional(Schema.Number)
  })),
  message_retry_settings: Schema.optional(Schema.Struct({ retry_duration: Schema.Number }))
})

/**
 * @since 0.1.0
 * @category models
 */
export type CreateAppRequest = typeof CreateAppRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateAppRequest = Schema.partial(CreateAppRequest)

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateAppRequest = typeof UpdateAppRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const AppsResponse = Schema.Struct({ apps: nullable(Schema.Array(App)) })

// ---------------------------------------------------------------------------------------------------------------
// contacts
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const Contact = Schema.Struct({
  id: Schema.String,
  channel_identities: nullable(Schema.Array(ReceivedChannelIdentity)),
  channel_priority: nullable(Schema.Array(ReceivedChannel)),
  display_name: text,
  email: text,
  external_id: text,
  metadata: text,
  language: text
})

/**
 * @since 0.1.0
 * @category models
 */
export type Contact = typeof Contact.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateContactRequest = Schema.Struct({
  channel_identities: Schema.Array(ChannelIdentity),
  /** e.g. `"EN_US"`. */
  language: Schema.String,
  channel_priority: Schema.optional(Schema.Array(Channel)),
  display_name: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String),
  external_id: Schema.optional(Schema.String),
  metadata: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CreateContactRequest = typeof CreateContactRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateContactRequest = Schema.partial(CreateContactRequest)

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateContactRequest = typeof UpdateContactRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const ListContactsParams = Schema.Struct({
  /** Default 10, at most 20. */
  page_size: Schema.optional(Schema.Int),
  external_id: Schema.optional(Schema.String),
  channel: Schema.optional(Channel),
  identity: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ListContactsParams = typeof ListContactsParams.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const ContactsPage = Schema.Struct({
  contacts: nullable(Schema.Array(Contact)),
  next_page_token: text,
  total_size: nullable(Schema.Number)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const MergeContactRequest = Schema.Struct({
  source_id: Schema.String,
  strategy: Schema.optional(Schema.Literal("MERGE"))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const GetChannelProfileRequest = Schema.Struct({
  app_id: Schema.String,
  recipient: Recipient,
  /** `VIBER`, as the reference and the official SDK spell it here (`GetChannelProfileConversationChannel`). */
  channel: Schema.Literal("MESSENGER", "INSTAGRAM", "VIBER", "LINE")
})

/**
 * @since 0.1.0
 * @category models
 */
export type GetChannelProfileRequest = typeof GetChannelProfileRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const ChannelProfile = Schema.Struct({ profile_name: text })

/**
 * @since 0.1.0
 * @category models
 */
export type ChannelProfile = typeof ChannelProfile.Type

// ---------------------------------------------------------------------------------------------------------------
// conversations
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.1.0
 * @category schemas
 */
export const Conversation = Schema.Struct({
  id: Schema.String,
  app_id: text,
  contact_id: text,
  active: nullable(Schema.Boolean),
  active_channel: nullable(ReceivedChannel),
  last_received: text,
  metadata: text,
  metadata_json: nullable(Schema.Unknown),
  correlation_id: text
})

/**
 * @since 0.1.0
 * @category models
 */
export type Conversation = typeof Conversation.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateConversationRequest = Schema.Struct({
  app_id: Schema.String,
  contact_id: Schema.String,
  active: Schema.optional(Schema.Boolean),
  active_channel: Schema.optional(Channel),
  metadata: Schema.optional(Schema.String),
  metadata_json: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  correlation_id: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type CreateConversationRequest = typeof CreateConversationRequest.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateConversationRequest = Schema.Struct({
  active: Schema.optional(Schema.Boolean),
  active_channel: Schema.optional(Channel),
  metadata: Schema.optional(Schema.String),
  metadata_json: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  correlation_id: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type UpdateConversationRequest = typeof UpdateConversationRequest.Type

/**
 * Filters of the conversation list: `app_id` or `contact_id` is required.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ListConversationsParams = Schema.Struct({
  app_id: Schema.optional(Schema.String),
  contact_id: Schema.optional(Schema.String),
  only_active: Schema.optional(Schema.Boolean),
  /** Default 10, at most 20. */
  page_size: Schema.optional(Schema.Int),
  active_channel: Schema.optional(Channel)
})

/**
 * @since 0.1.0
 * @category models
 */
export type ListConversationsParams = typeof ListConversationsParams.Type

/**
 * @since 0.1.0
 * @category schemas
 */
export const ConversationsPage = Schema.Struct({
  conversations: nullable(Schema.Array(Conversation)),
  next_page_token: text,
  total_size: nullable(Schema.Number)
})

/**
 * A message recorded into a conversation after the fact (e.g. from another system), `accept_time`
 * within the last 30 days.
 *
 * @since 0.1.0
 * @category schemas
 */
export const InjectMessageRequest = Schema.Struct({
  app_message: Schema.optional(AppMessage),
  contact_message: Schema.optional(ContactMessage),
  channel_identity: ChannelIdentity,
  contact_id: Schema.String,
  direction: Schema.Literal("TO_APP", "TO_CONTACT"),
  accept_time: Schema.String,
  metadata: Schema.optional(Schema.String),
  conversation_id: Schema.optional(Schema.String),
  sender_id: Schema.optional(Schema.String),
  processing_mode: Schema.optional(ProcessingMode)
})

/**
 * @since 0.1.0
 * @category models
 */
export type InjectMessageRequest = typeof InjectMessageRequest.Type

/**
 * An empty JSON object (`{}`), what stop, inject and delete answer.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Empty = Schema.Struct({})

// ---------------------------------------------------------------------------------------------------------------
// last messages by channel identity (`messages:fetch-last-message`)
// ---------------------------------------------------------------------------------------------------------------

/**
 * The last message of each channel identity (or contact): either `channel_identities` or
 * `contact_ids`, not both. The page token travels in the body; the stream fills it in.
 *
 * @since 0.3.0
 * @category schemas
 */
export const LastMessagesRequest = Schema.Struct({
  channel_identities: Schema.optional(Schema.Array(Schema.String)),
  contact_ids: Schema.optional(Schema.Array(Schema.String)),
  app_id: Schema.optional(Schema.String),
  messages_source: Schema.optional(MessagesSource),
  page_size: Schema.optional(Schema.Int),
  view: Schema.optional(Schema.Literal("WITH_METADATA", "WITHOUT_METADATA")),
  start_time: Schema.optional(Schema.String),
  end_time: Schema.optional(Schema.String),
  channel: Schema.optional(Channel),
  direction: Schema.optional(Schema.Literal("TO_APP", "TO_CONTACT"))
})

/**
 * @since 0.3.0
 * @category models
 */
export type LastMessagesRequest = typeof LastMessagesRequest.Type

/**
 * The page size of a list that takes no other filter (the page token is the stream's business).
 *
 * @since 0.3.0
 * @category schemas
 */
export const PageParams = Schema.Struct({ page_size: Schema.optional(Schema.Int) })

/**
 * @since 0.3.0
 * @category models
 */
export type PageParams = typeof PageParams.Type

// ---------------------------------------------------------------------------------------------------------------
// contact identity conflicts
// ---------------------------------------------------------------------------------------------------------------

/**
 * One channel identity held by several contacts.
 *
 * @since 0.3.0
 * @category schemas
 */
export const IdentityConflict = Schema.Struct({
  identity: text,
  channels: nullable(Schema.Array(ReceivedChannel)),
  contact_ids: nullable(Schema.Array(Schema.String))
})

/**
 * @since 0.3.0
 * @category models
 */
export type IdentityConflict = typeof IdentityConflict.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const IdentityConflictsPage = Schema.Struct({
  conflicts: nullable(Schema.Array(IdentityConflict)),
  next_page_token: text,
  total_size: nullable(Schema.Number)
})

// ---------------------------------------------------------------------------------------------------------------
// recent conversations
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category schemas
 */
export const ListRecentConversationsParams = Schema.Struct({
  app_id: Schema.String,
  only_active: Schema.optional(Schema.Boolean),
  /** Default 10, at most 100. */
  page_size: Schema.optional(Schema.Int),
  /** By the time of the last message; `DESC` (newest first) by default. */
  order: Schema.optional(Schema.Literal("ASC", "DESC"))
})

/**
 * @since 0.3.0
 * @category models
 */
export type ListRecentConversationsParams = typeof ListRecentConversationsParams.Type

/**
 * A conversation and its most recent message.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ConversationRecentMessage = Schema.Struct({
  conversation: nullable(Conversation),
  last_message: nullable(ConversationMessage)
})

/**
 * @since 0.3.0
 * @category models
 */
export type ConversationRecentMessage = typeof ConversationRecentMessage.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const RecentConversationsPage = Schema.Struct({
  conversations: nullable(Schema.Array(ConversationRecentMessage)),
  next_page_token: text,
  total_size: nullable(Schema.Number)
})

// ---------------------------------------------------------------------------------------------------------------
// events
// ---------------------------------------------------------------------------------------------------------------

/**
 * Who speaks for the app (a human agent or a bot), where the channel shows it.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Agent = Schema.Struct({
  display_name: Schema.String,
  type: Schema.Literal("UNKNOWN_AGENT_TYPE", "HUMAN", "BOT"),
  picture_url: Schema.optional(Schema.String)
})

const ReceivedAgent = Schema.Struct({
  display_name: text,
  type: nullable(OpenEnum.open(Schema.Literal("UNKNOWN_AGENT_TYPE", "HUMAN", "BOT"))),
  picture_url: text
})

/**
 * What an app sends as an event: exactly one kind.
 *
 * @since 0.3.0
 * @category schemas
 */
export const AppEvent = Schema.Union(
  Schema.Struct({ composing_event: Schema.Struct({}) }),
  Schema.Struct({ composing_end_event: Schema.Struct({}) }),
  Schema.Struct({ comment_reply_event: Schema.Struct({ text: Schema.String }) }),
  Schema.Struct({ agent_joined_event: Schema.Struct({ agent: Agent }) }),
  Schema.Struct({ agent_left_event: Schema.Struct({ agent: Agent }) }),
  Schema.Struct({
    generic_event: Schema.Struct({ payload: Schema.Record({ key: Schema.String, value: Schema.Unknown }) })
  })
)

/**
 * @since 0.3.0
 * @category models
 */
export type AppEvent = typeof AppEvent.Type

/**
 * An app event as the API returns it: every kind optional, so that a kind this library does not know
 * yet still decodes.
 *
 * @since 0.3.0
 * @category schemas
 */
export const AppEventContent = Schema.Struct({
  composing_event: nullable(Schema.Struct({})),
  composing_end_event: nullable(Schema.Struct({})),
  comment_reply_event: nullable(Schema.Struct({ text: text })),
  agent_joined_event: nullable(Schema.Struct({ agent: nullable(ReceivedAgent) })),
  agent_left_event: nullable(Schema.Struct({ agent: nullable(ReceivedAgent) })),
  generic_event: nullable(Schema.Struct({ payload: nullable(Schema.Unknown) }))
})

/**
 * @since 0.3.0
 * @category schemas
 */
export const SendEventRequest = Schema.Struct({
  app_id: Schema.String,
  recipient: Recipient,
  event: AppEvent,
  callback_url: Schema.optional(Schema.String),
  /** One channel: the reference says a longer list has no effect. */
  channel_priority_order: Schema.optional(Schema.Array(Channel)),
  event_metadata: Schema.optional(Schema.String),
  queue: Schema.optional(Schema.Literal("NORMAL_PRIORITY", "HIGH_PRIORITY"))
})

/**
 * @since 0.3.0
 * @category models
 */
export type SendEventRequest = typeof SendEventRequest.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const SendEventResponse = Schema.Struct({ event_id: text, accepted_time: text })

/**
 * @since 0.3.0
 * @category models
 */
export type SendEventResponse = typeof SendEventResponse.Type

/**
 * An event on a channel: sent by the app (`app_event`), or by the contact (`contact_event`,
 * `contact_message_event`, kept as sent).
 *
 * @since 0.3.0
 * @category schemas
 */
export const ConversationEvent = Schema.Struct({
  id: Schema.String,
  direction: nullable(ReceivedDirection),
  app_event: nullable(AppEventContent),
  contact_event: nullable(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  contact_message_event: nullable(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  channel_identity: nullable(ReceivedChannelIdentity),
  contact_id: text,
  conversation_id: text,
  accept_time: text,
  processing_mode: nullable(ReceivedProcessingMode)
})

/**
 * @since 0.3.0
 * @category models
 */
export type ConversationEvent = typeof ConversationEvent.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const ListEventsParams = Schema.Struct({
  conversation_id: Schema.optional(Schema.String),
  contact_id: Schema.optional(Schema.String),
  /** Default 10, at most 20. */
  page_size: Schema.optional(Schema.Int)
})

/**
 * @since 0.3.0
 * @category models
 */
export type ListEventsParams = typeof ListEventsParams.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const EventsPage = Schema.Struct({
  events: nullable(Schema.Array(ConversationEvent)),
  next_page_token: text,
  total_size: nullable(Schema.Number)
})

/**
 * An app event recorded into a conversation after the fact.
 *
 * @since 0.3.0
 * @category schemas
 */
export const InjectEventRequest = Schema.Struct({
  app_event: AppEvent,
  accept_time: Schema.String,
  conversation_id: Schema.optional(Schema.String),
  contact_id: Schema.optional(Schema.String),
  channel_identity: Schema.optional(ChannelIdentity),
  processing_mode: Schema.optional(ProcessingMode)
})

/**
 * @since 0.3.0
 * @category models
 */
export type InjectEventRequest = typeof InjectEventRequest.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const InjectEventResponse = Schema.Struct({ event_id: text, accepted_time: text })

/**
 * @since 0.3.0
 * @category models
 */
export type InjectEventResponse = typeof InjectEventResponse.Type

// ---------------------------------------------------------------------------------------------------------------
// transcoding and capability
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category schemas
 */
export const TranscodeMessageRequest = Schema.Struct({
  app_id: Schema.String,
  app_message: AppMessage,
  channels: Schema.Array(Channel),
  from: Schema.optional(Schema.String),
  to: Schema.optional(Schema.String)
})

/**
 * @since 0.3.0
 * @category models
 */
export type TranscodeMessageRequest = typeof TranscodeMessageRequest.Type

/**
 * Each channel's native message, as a JSON string, keyed by channel.
 *
 * @since 0.3.0
 * @category schemas
 */
export const TranscodeMessageResponse = Schema.Struct({
  transcoded_message: nullable(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/**
 * @since 0.3.0
 * @category models
 */
export type TranscodeMessageResponse = typeof TranscodeMessageResponse.Type

/**
 * Asks which channels can reach a recipient; the answer arrives on the `CAPABILITY` webhook.
 *
 * @since 0.3.0
 * @category schemas
 */
export const QueryCapabilityRequest = Schema.Struct({
  app_id: Schema.String,
  recipient: Recipient,
  request_id: Schema.optional(Schema.String)
})

/**
 * @since 0.3.0
 * @category models
 */
export type QueryCapabilityRequest = typeof QueryCapabilityRequest.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const QueryCapabilityResponse = Schema.Struct({
  app_id: text,
  recipient: nullable(Schema.Struct({
    contact_id: text,
    identified_by: nullable(Schema.Struct({ channel_identities: nullable(Schema.Array(ReceivedChannelIdentity)) }))
  })),
  request_id: text
})

/**
 * @since 0.3.0
 * @category models
 */
export type QueryCapabilityResponse = typeof QueryCapabilityResponse.Type

// ---------------------------------------------------------------------------------------------------------------
// webhooks
// ---------------------------------------------------------------------------------------------------------------

/**
 * The triggers a webhook can subscribe to.
 *
 * @since 0.3.0
 * @category schemas
 */
export const WebhookTrigger = Schema.Literal(
  "UNSPECIFIED_TRIGGER",
  "MESSAGE_DELIVERY",
  "MESSAGE_SUBMIT",
  "MESSAGE_INBOUND",
  "EVENT_DELIVERY",
  "EVENT_INBOUND",
  "SMART_CONVERSATIONS",
  "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION",
  "CONVERSATION_START",
  "CONVERSATION_STOP",
  "CONVERSATION_DELETE",
  "CONTACT_CREATE",
  "CONTACT_DELETE",
  "CONTACT_MERGE",
  "CONTACT_UPDATE",
  "CONTACT_IDENTITIES_DUPLICATION",
  "UNSUPPORTED",
  "OPT_IN",
  "OPT_OUT",
  "CHANNEL_EVENT",
  "CAPABILITY",
  "RECORD_NOTIFICATION"
)

/**
 * @since 0.3.0
 * @category models
 */
export type WebhookTrigger = typeof WebhookTrigger.Type

/**
 * OAuth2 client credentials Sinch uses to call the webhook target; the secret decodes to `Redacted`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ClientCredentials = Schema.Struct({
  client_id: Schema.String,
  client_secret: secret,
  endpoint: Schema.String,
  scope: Schema.optional(Schema.String),
  response_type: Schema.optional(Schema.String),
  token_request_type: Schema.optional(Schema.Literal("BASIC", "FORM"))
})

const webhookRequestFields = {
  target: Schema.String,
  target_type: Schema.optional(Schema.Literal("DISMISS", "HTTP")),
  triggers: Schema.optional(Schema.Array(WebhookTrigger)),
  /** Signs every callback (`x-sinch-webhook-signature`). */
  secret: Schema.optional(secret),
  client_credentials: Schema.optional(ClientCredentials)
}

/**
 * @since 0.3.0
 * @category schemas
 */
export const CreateWebhookRequest = Schema.Struct({ app_id: Schema.String, ...webhookRequestFields })

/**
 * @since 0.3.0
 * @category models
 */
export type CreateWebhookRequest = typeof CreateWebhookRequest.Type

/**
 * What an update may change; `updateMask` names the fields that apply.
 *
 * @since 0.3.0
 * @category schemas
 */
export const UpdateWebhookRequest = Schema.partial(CreateWebhookRequest)

/**
 * @since 0.3.0
 * @category models
 */
export type UpdateWebhookRequest = typeof UpdateWebhookRequest.Type

/**
 * A webhook as the API returns it; its secrets decode to `Redacted`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Webhook = Schema.Struct({
  id: Schema.String,
  app_id: text,
  target: text,
  target_type: nullable(OpenEnum.open(Schema.Literal("DISMISS", "HTTP"))),
  triggers: nullable(Schema.Array(OpenEnum.open(WebhookTrigger))),
  secret: nullable(secret),
  client_credentials: nullable(Schema.Struct({
    client_id: text,
    client_secret: nullable(secret),
    endpoint: text,
    scope: text,
    response_type: text,
    token_request_type: text
  }))
})

/**
 * @since 0.3.0
 * @category models
 */
export type Webhook = typeof Webhook.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const WebhooksResponse = Schema.Struct({ webhooks: nullable(Schema.Array(Webhook)) })

// ---------------------------------------------------------------------------------------------------------------
// consents
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category schemas
 */
export const ConsentListType = Schema.Literal("OPT_OUT_ALL", "OPT_OUT_MARKETING", "OPT_OUT_NOTIFICATION")

/**
 * @since 0.3.0
 * @category models
 */
export type ConsentListType = typeof ConsentListType.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const ConsentIdentity = Schema.Struct({ identity: Schema.String })

/**
 * @since 0.3.0
 * @category models
 */
export type ConsentIdentity = typeof ConsentIdentity.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const ConsentIdentitiesPage = Schema.Struct({
  identities: nullable(Schema.Array(ConsentIdentity)),
  next_page_token: text,
  total_size: nullable(Schema.Number)
})

/**
 * One change of an identity's consent.
 *
 * @since 0.3.0
 * @category schemas
 */
export const AuditRecord = Schema.Struct({
  origin: OpenEnum.open(Schema.Literal("ORIGIN_API", "ORIGIN_MO")),
  operation: OpenEnum.open(Schema.Literal("OPERATION_INSERT", "OPERATION_UPDATE", "OPERATION_DELETE")),
  list_type: OpenEnum.open(ConsentListType),
  project_id: Schema.String,
  app_id: Schema.String,
  /** As sent, e.g. with microseconds (`2025-06-06T14:42:56.031323Z`). */
  datetime: Schema.String
})

/**
 * @since 0.3.0
 * @category schemas
 */
export const AuditRecordsList = Schema.Struct({
  identity: nullable(ConsentIdentity),
  audit_records: nullable(Schema.Array(AuditRecord))
})

/**
 * @since 0.3.0
 * @category models
 */
export type AuditRecordsList = typeof AuditRecordsList.Type

// ---------------------------------------------------------------------------------------------------------------
// project settings
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category schemas
 */
export const ProjectSettingsRequest = Schema.Struct({
  contact_settings: Schema.optional(Schema.Struct({
    /** One contact id across all apps of the project. */
    unified_contact_id_enabled: Schema.optional(Schema.Boolean)
  }))
})

/**
 * @since 0.3.0
 * @category models
 */
export type ProjectSettingsRequest = typeof ProjectSettingsRequest.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const ProjectSettings = Schema.Struct({
  project_id: text,
  settings: nullable(Schema.Struct({
    contact_settings: nullable(Schema.Struct({ unified_contact_id_enabled: nullable(Schema.Boolean) }))
  }))
})

/**
 * @since 0.3.0
 * @category models
 */
export type ProjectSettings = typeof ProjectSettings.Type

// ---------------------------------------------------------------------------------------------------------------
// webhook events (callbacks)
// ---------------------------------------------------------------------------------------------------------------

const callbackFields = {
  app_id: text,
  accepted_time: text,
  event_time: text,
  project_id: text,
  message_metadata: text,
  correlation_id: text
}

const trigger = <Fields extends Schema.Struct.Fields, const T extends string>(fields: Fields, name: T) =>
  Schema.Struct({ ...callbackFields, ...fields }).pipe(Schema.attachPropertySignature("trigger", name))

/**
 * @since 0.1.0
 * @category schemas
 */
export const DeliveryStatus = MessageStatus

/**
 * Why a delivery failed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Reason = Schema.Struct({ code: text, description: text, sub_code: text })

/**
 * `MESSAGE_INBOUND`: a contact sent a message.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageInbound = trigger({ message: ConversationMessage }, "MESSAGE_INBOUND")

/**
 * `MESSAGE_DELIVERY`: what became of a message the app sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const MessageDelivery = trigger({
  message_delivery_report: Schema.Struct({
    message_id: Schema.String,
    conversation_id: text,
    status: DeliveryStatus,
    channel_identity: nullable(ReceivedChannelIdentity),
    contact_id: text,
    reason: nullable(Reason),
    metadata: text,
    processing_mode: nullable(ReceivedProcessingMode)
  })
}, "MESSAGE_DELIVERY")

/**
 * `EVENT_INBOUND`: a contact event such as typing, or a channel event on a message.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EventInbound = trigger({
  event: Schema.Struct({
    id: text,
    direction: nullable(ReceivedDirection),
    contact_event: nullable(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
    contact_message_event: nullable(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
    channel_identity: nullable(ReceivedChannelIdentity),
    contact_id: text,
    conversation_id: text,
    accept_time: text,
    processing_mode: nullable(ReceivedProcessingMode)
  })
}, "EVENT_INBOUND")

/**
 * `EVENT_DELIVERY`: what became of an event the app sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const EventDelivery = trigger({
  event_delivery_report: Schema.Struct({
    event_id: Schema.String,
    status: DeliveryStatus,
    channel_identity: nullable(ReceivedChannelIdentity),
    contact_id: text,
    reason: nullable(Reason),
    metadata: text,
    processing_mode: nullable(ReceivedProcessingMode)
  })
}, "EVENT_DELIVERY")

/**
 * @since 0.1.0
 * @category schemas
 */
export const ContactCreate = trigger(
  { contact_create_notification: Schema.Struct({ contact: Contact }) },
  "CONTACT_CREATE"
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const ContactUpdate = trigger(
  { contact_update_notification: Schema.Struct({ contact: Contact }) },
  "CONTACT_UPDATE"
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const ContactDelete = trigger(
  { contact_delete_notification: Schema.Struct({ contact: Contact }) },
  "CONTACT_DELETE"
)

/**
 * @since 0.1.0
 * @category schemas
 */
export const ContactMerge = trigger({
  contact_merge_notification: Schema.Struct({ preserved_contact: Contact, deleted_contact: Contact })
}, "CONTACT_MERGE")

/**
 * @since 0.1.0
 * @category schemas
 */
export const ConversationStart = trigger({
  conversation_start_notification: Schema.Struct({ conversation: Conversation })
}, "CONVERSATION_START")

/**
 * @since 0.1.0
 * @category schemas
 */
export const ConversationStop = trigger({
  conversation_stop_notification: Schema.Struct({ conversation: Conversation })
}, "CONVERSATION_STOP")

/**
 * @since 0.1.0
 * @category schemas
 */
export const ConversationDelete = trigger({
  conversation_delete_notification: Schema.Struct({ conversation: Conversation })
}, "CONVERSATION_DELETE")

/**
 * `UNSUPPORTED`: a channel callback Conversation API could not transcode.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Unsupported = trigger({
  unsupported_callback: Schema.Struct({
    channel: nullable(ReceivedChannel),
    payload: text,
    processing_mode: nullable(ReceivedProcessingMode),
    id: text,
    contact_id: text,
    conversation_id: text,
    channel_identity: nullable(ReceivedChannelIdentity)
  })
}, "UNSUPPORTED")

// The nine triggers below follow the official Node SDK models (sinch/sinch-sdk-node,
// packages/conversation/src/models/v1/<name>-event/<name>-event.ts) and, for RECORD_NOTIFICATION, which that
// SDK does not model, the official Java SDK fixture (sinch/sinch-sdk-java, openapi-contracts/src/test/
// resources/domains/conversation/v1/webhooks/events/record/RecordNotificationEventDto.json). Every field the
// SDK marks optional is optional here; enums are open.

const anyObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })

/**
 * `MESSAGE_SUBMIT`: an app message was handed to the channel (before any delivery report). The submitted
 * message keeps what this library knows of a contact message plus any other field the channel echoed
 * (models/v1/message-submit-event).
 *
 * @since 0.2.0
 * @category schemas
 */
export const MessageSubmit = trigger({
  message_submit_notification: Schema.Struct({
    message_id: text,
    conversation_id: text,
    channel_identity: nullable(ReceivedChannelIdentity),
    contact_id: text,
    submitted_message: nullable(Schema.Struct(ContactMessage.fields, anyObject)),
    metadata: text,
    processing_mode: nullable(ReceivedProcessingMode)
  })
}, "MESSAGE_SUBMIT")

const score = nullable(Schema.Number)

/**
 * The Smart Conversations analyses of one message (models/v1/smart-conversations-event `AnalysisResult`).
 *
 * @since 0.2.0
 * @category schemas
 */
export const AnalysisResult = Schema.Struct({
  ml_sentiment_result: nullable(Schema.Array(Schema.Struct({
    message: text,
    results: nullable(Schema.Array(Schema.Struct({ sentiment: text, score }))),
    sentiment: nullable(OpenEnum.open(Schema.Literal("positive", "negative", "neutral"))),
    score
  }))),
  ml_nlu_result: nullable(Schema.Array(Schema.Struct({
    message: text,
    results: nullable(Schema.Array(Schema.Struct({ intent: text, score }))),
    intent: text,
    score
  }))),
  ml_image_recognition_result: nullable(Schema.Array(Schema.Struct({
    url: text,
    document_image_classification: nullable(Schema.Struct({ doc_type: text, confidence: score })),
    optical_character_recognition: nullable(Schema.Struct({
      result: nullable(Schema.Array(Schema.Struct({ data: nullable(Schema.Array(Schema.String)) })))
    })),
    document_field_classification: nullable(Schema.Struct({
      result: nullable(Schema.Array(Schema.Record({
        key: Schema.String,
        value: Schema.Struct({ data: nullable(Schema.Array(Schema.String)) })
      })))
    }))
  }))),
  ml_pii_result: nullable(Schema.Array(Schema.Struct({ message: text, masked: text }))),
  ml_offensive_analysis_result: nullable(Schema.Array(Schema.Struct({
    message: text,
    url: text,
    evaluation: nullable(OpenEnum.open(Schema.Literal("SAFE", "UNSAFE"))),
    score
  })))
})

/**
 * `SMART_CONVERSATIONS`: machine-learning analyses of a contact message. `channel_identity` is the
 * contact's identity as a string here (models/v1/smart-conversations-event).
 *
 * @since 0.2.0
 * @category schemas
 */
export const SmartConversations = trigger({
  smart_conversation_notification: Schema.Struct({
    contact_id: text,
    channel_identity: text,
    channel: nullable(ReceivedChannel),
    message_id: text,
    conversation_id: text,
    analysis_results: nullable(AnalysisResult)
  })
}, "SMART_CONVERSATIONS")

/**
 * `MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION`: an inbound message after PII redaction
 * (models/v1/message-inbound-smart-conversation-redaction-event).
 *
 * @since 0.2.0
 * @category schemas
 */
export const MessageInboundSmartConversationRedaction = trigger(
  { message_redaction: ConversationMessage },
  "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION"
)

/**
 * `CONTACT_IDENTITIES_DUPLICATION`: contacts that share a channel identity
 * (models/v1/contact-identities-duplication-event).
 *
 * @since 0.2.0
 * @category schemas
 */
export const ContactIdentitiesDuplication = trigger({
  duplicated_contact_identities_notification: Schema.Struct({
    duplicated_identities: nullable(Schema.Array(Schema.Struct({
      channel: nullable(ReceivedChannel),
      contact_ids: nullable(Schema.Array(Schema.String))
    })))
  })
}, "CONTACT_IDENTITIES_DUPLICATION")

/**
 * The status of a capability lookup (response side: open).
 *
 * @since 0.2.0
 * @category schemas
 */
export const CapabilityStatus = OpenEnum.open(
  Schema.Literal("CAPABILITY_UNKNOWN", "CAPABILITY_FULL", "CAPABILITY_PARTIAL", "NO_CAPABILITY")
)

/**
 * `CAPABILITY`: the result of an asynchronous capability lookup (models/v1/capability-event).
 *
 * @since 0.2.0
 * @category schemas
 */
export const Capability = trigger({
  capability_notification: Schema.Struct({
    request_id: text,
    contact_id: text,
    channel: nullable(ReceivedChannel),
    identity: text,
    capability_status: nullable(CapabilityStatus),
    channel_capabilities: nullable(Schema.Array(Schema.String)),
    reason: nullable(Reason)
  })
}, "CAPABILITY")

const optNotification = <A, I>(status: Schema.Schema<A, I, never>) =>
  Schema.Struct({
    request_id: text,
    contact_id: text,
    channel: nullable(ReceivedChannel),
    identity: text,
    status: nullable(status),
    error_details: nullable(Schema.Struct({ description: text })),
    processing_mode: nullable(ReceivedProcessingMode)
  })

/**
 * `OPT_IN`: an opt-in registration's outcome (models/v1/opt-in-event).
 *
 * @since 0.2.0
 * @category schemas
 */
export const OptIn = trigger({
  opt_in_notification: optNotification(
    OpenEnum.open(Schema.Literal("OPT_IN_SUCCEEDED", "OPT_IN_FAILED", "OPT_IN_STATUS_UNSPECIFIED"))
  )
}, "OPT_IN")

/**
 * `OPT_OUT`: an opt-out registration's outcome (models/v1/opt-out-event).
 *
 * @since 0.2.0
 * @category schemas
 */
export const OptOut = trigger({
  opt_out_notification: optNotification(
    OpenEnum.open(Schema.Literal("OPT_OUT_SUCCEEDED", "OPT_OUT_FAILED", "OPT_OUT_STATUS_UNSPECIFIED"))
  )
}, "OPT_OUT")

const channelEventFields = {
  channel: nullable(ReceivedChannel),
  event_type: text,
  additional_data: nullable(anyObject)
}

/**
 * `CHANNEL_EVENT`: channel-specific news such as a WhatsApp quality rating change. The Node SDK
 * (models/v1/channel-event) puts the fields on the notification, the Java SDK's fixture
 * (sinchevents/channel/ChannelEventDto.json) under `channel_event`: both decode.
 *
 * @since 0.2.0
 * @category schemas
 */
export const ChannelEvent = trigger({
  channel_event_notification: Schema.Struct({
    ...channelEventFields,
    channel_event: nullable(Schema.Struct(channelEventFields))
  })
}, "CHANNEL_EVENT")

/**
 * `RECORD_NOTIFICATION`: a message or event was recorded (or not) by Conversation API.
 *
 * @since 0.2.0
 * @category schemas
 */
export const RecordNotification = trigger({
  record_notification: Schema.Struct({
    entity_id: text,
    record_status: text,
    channel_identity: nullable(ReceivedChannelIdentity),
    contact_id: text,
    conversation_id: text,
    reason: nullable(Reason),
    processing_mode: nullable(ReceivedProcessingMode)
  })
}, "RECORD_NOTIFICATION")

/**
 * Every webhook event this library decodes; `trigger` says which one it is.
 *
 * @since 0.1.0
 * @category schemas
 */
export const WebhookEvent = Schema.Union(
  MessageInbound,
  MessageDelivery,
  EventInbound,
  EventDelivery,
  ContactCreate,
  ContactUpdate,
  ContactDelete,
  ContactMerge,
  ConversationStart,
  ConversationStop,
  ConversationDelete,
  Unsupported,
  MessageSubmit,
  SmartConversations,
  MessageInboundSmartConversationRedaction,
  ContactIdentitiesDuplication,
  Capability,
  OptIn,
  OptOut,
  ChannelEvent,
  RecordNotification
)

/**
 * @since 0.1.0
 * @category models
 */
export type WebhookEvent = typeof WebhookEvent.Type
