/**
 * What the Conversation API accepts, as Schemas of the emulator's own (written from the API reference,
 * independent of any client), and their failures as 400 field violations.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import type { ProductResponse } from "../../ProductApi.js"
import { type FieldViolation, invalidArgument } from "./responses.js"
import { channels } from "./state.js"

const NonEmpty = Schema.String.pipe(Schema.minLength(1, { message: () => "must not be empty" }))
const Text = Schema.optional(Schema.String)

/**
 * @since 0.1.0
 * @category schemas
 */
export const Channel = Schema.Literal(...channels).annotations({
  message: () => `must be one of ${channels.join(", ")}`
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const ChannelIdentity = Schema.Struct({
  channel: Channel,
  identity: NonEmpty,
  app_id: Text
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const Recipient = Schema.Struct({
  contact_id: Schema.optional(NonEmpty),
  identified_by: Schema.optional(Schema.Struct({
    channel_identities: Schema.Array(ChannelIdentity).pipe(
      Schema.minItems(1, { message: () => "at least one channel identity is required" })
    )
  }))
})

const TextMessage = Schema.Struct({ text: NonEmpty })
const MediaMessage = Schema.Struct({ url: NonEmpty, thumbnail_url: Text, filename_override: Text })
const Coordinates = Schema.Struct({ latitude: Schema.Number, longitude: Schema.Number })
const LocationMessage = Schema.Struct({ coordinates: Coordinates, title: NonEmpty, label: Text })
const Choice = Schema.Struct({
  text_message: Schema.optional(TextMessage),
  call_message: Schema.optional(Schema.Struct({ phone_number: NonEmpty, title: NonEmpty })),
  location_message: Schema.optional(LocationMessage),
  url_message: Schema.optional(Schema.Struct({ url: NonEmpty, title: NonEmpty })),
  calendar_message: Schema.optional(Schema.Unknown),
  share_location_message: Schema.optional(Schema.Unknown),
  postback_data: Text
})
const CardMessage = Schema.Struct({
  title: Text,
  description: Text,
  media_message: Schema.optional(MediaMessage),
  height: Schema.optional(Schema.Literal("UNSPECIFIED_HEIGHT", "SHORT", "MEDIUM", "TALL")),
  choices: Schema.optional(Schema.Array(Choice).pipe(Schema.maxItems(4)))
}).pipe(
  Schema.filter((card) =>
    card.title || card.description || card.media_message ? undefined : "a card needs a title, a description or media"
  )
)
const TemplateReference = Schema.Struct({
  template_id: NonEmpty,
  version: NonEmpty,
  language_code: Text,
  parameters: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})
const TemplateMessage = Schema.Struct({
  channel_template: Schema.optional(Schema.Record({ key: Schema.String, value: TemplateReference })),
  omni_template: Schema.optional(TemplateReference)
}).pipe(
  Schema.filter((template) =>
    template.channel_template || template.omni_template ? undefined : "channel_template or omni_template is required"
  )
)
const ListItem = Schema.Struct({
  choice: Schema.optional(Schema.Struct({
    title: NonEmpty,
    description: Text,
    media: Schema.optional(MediaMessage),
    postback_data: Text
  })),
  product: Schema.optional(Schema.Struct({
    id: NonEmpty,
    marketplace: NonEmpty,
    quantity: Schema.optional(Schema.Number),
    item_price: Schema.optional(Schema.Number),
    currency: Text
  }))
})
const ListMessage = Schema.Struct({
  title: NonEmpty,
  description: Text,
  sections: Schema.Array(Schema.Struct({
    title: Text,
    items: Schema.Array(ListItem).pipe(Schema.minItems(1))
  })).pipe(Schema.minItems(1)),
  message_properties: Schema.optional(Schema.Unknown)
})
const ContactInfoMessage = Schema.Struct({
  name: Schema.Struct({
    full_name: NonEmpty,
    first_name: Text,
    last_name: Text,
    middle_name: Text,
    prefix: Text,
    suffix: Text
  }),
  phone_numbers: Schema.Array(Schema.Struct({ phone_number: NonEmpty, type: Text })).pipe(Schema.minItems(1)),
  addresses: Schema.optional(Schema.Array(Schema.Unknown)),
  email_addresses: Schema.optional(Schema.Array(Schema.Struct({ email_address: NonEmpty, type: Text }))),
  organization: Schema.optional(Schema.Unknown),
  urls: Schema.optional(Schema.Array(Schema.Unknown)),
  birthday: Text
})

/**
 * The message kinds an app can send: exactly one of them is set.
 *
 * @since 0.1.0
 * @category constants
 */
export const messageKinds = [
  "text_message",
  "media_message",
  "template_message",
  "choice_message",
  "card_message",
  "carousel_message",
  "list_message",
  "location_message",
  "contact_info_message"
] as const

/**
 * @since 0.1.0
 * @category schemas
 */
export const AppMessage = Schema.Struct({
  text_message: Schema.optional(TextMessage),
  media_message: Schema.optional(MediaMessage),
  template_message: Schema.optional(TemplateMessage),
  choice_message: Schema.optional(Schema.Struct({
    text_message: Schema.optional(TextMessage),
    choices: Schema.Array(Choice).pipe(Schema.minItems(1), Schema.maxItems(10))
  })),
  card_message: Schema.optional(CardMessage),
  carousel_message: Schema.optional(Schema.Struct({
    cards: Schema.Array(CardMessage).pipe(Schema.minItems(1), Schema.maxItems(10)),
    choices: Schema.optional(Schema.Array(Choice).pipe(Schema.maxItems(3)))
  })),
  list_message: Schema.optional(ListMessage),
  location_message: Schema.optional(LocationMessage),
  contact_info_message: Schema.optional(ContactInfoMessage),
  explicit_channel_message: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  explicit_channel_omni_message: Schema.optional(Schema.Unknown),
  channel_specific_message: Schema.optional(Schema.Unknown),
  agent: Schema.optional(Schema.Unknown)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const SendMessageRequest = Schema.Struct({
  app_id: NonEmpty,
  recipient: Recipient,
  message: AppMessage,
  channel_priority_order: Schema.optional(Schema.Array(Channel)),
  channel_properties: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  message_metadata: Text,
  conversation_metadata: Schema.optional(Schema.Unknown),
  callback_url: Text,
  processing_strategy: Schema.optional(Schema.Literal("DEFAULT", "DISPATCH_ONLY")),
  correlation_id: Text,
  conversation_metadata_update_strategy: Schema.optional(Schema.Literal("REPLACE", "MERGE_PATCH")),
  queue: Schema.optional(Schema.Literal("NORMAL_PRIORITY", "HIGH_PRIORITY")),
  ttl: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
  message_content_type: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const ChannelCredential = Schema.Struct({ channel: Channel })

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateAppRequest = Schema.Struct({
  display_name: NonEmpty,
  channel_credentials: Schema.Array(ChannelCredential)
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateContactRequest = Schema.Struct({
  channel_identities: Schema.Array(ChannelIdentity).pipe(
    Schema.minItems(1, { message: () => "at least one channel identity is required" })
  ),
  language: NonEmpty,
  channel_priority: Schema.optional(Schema.Array(Channel)),
  display_name: Text,
  email: Text,
  external_id: Text,
  metadata: Text
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateContactRequest = Schema.partial(CreateContactRequest)

/**
 * @since 0.1.0
 * @category schemas
 */
export const MergeContactRequest = Schema.Struct({
  source_id: NonEmpty,
  strategy: Schema.optional(Schema.Literal("MERGE"))
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const GetChannelProfileRequest = Schema.Struct({
  app_id: NonEmpty,
  recipient: Recipient,
  channel: Schema.Literal("MESSENGER", "INSTAGRAM", "VIBER", "LINE") // `VIBER` here, as in the reference and the official SDK
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const CreateConversationRequest = Schema.Struct({
  app_id: NonEmpty,
  contact_id: NonEmpty,
  active: Schema.optional(Schema.Boolean),
  active_channel: Schema.optional(Channel),
  metadata: Text,
  metadata_json: Schema.optional(Schema.Unknown),
  correlation_id: Text
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateConversationRequest = Schema.partial(Schema.Struct({
  active: Schema.Boolean,
  active_channel: Channel,
  metadata: Schema.String,
  metadata_json: Schema.Unknown,
  correlation_id: Schema.String
}))

/**
 * @since 0.1.0
 * @category schemas
 */
export const InjectMessageRequest = Schema.Struct({
  app_message: Schema.optional(AppMessage),
  contact_message: Schema.optional(Schema.Unknown),
  channel_identity: ChannelIdentity,
  contact_id: NonEmpty,
  direction: Schema.Literal("TO_APP", "TO_CONTACT"),
  accept_time: NonEmpty,
  metadata: Text
})

/**
 * @since 0.1.0
 * @category schemas
 */
export const UpdateMessageRequest = Schema.Struct({ metadata: Schema.String })

/**
 * The event kinds an app can send (reference, tag Events: "composing_event or composing_end_event or
 * comment_reply_event or agent_joined_event or agent_left_event or generic_event"): exactly one is set.
 *
 * @since 0.3.0
 * @category constants
 */
export const eventKinds = [
  "composing_event",
  "composing_end_event",
  "comment_reply_event",
  "agent_joined_event",
  "agent_left_event",
  "generic_event"
] as const

const Agent = Schema.Struct({
  display_name: NonEmpty,
  type: Schema.Literal("UNKNOWN_AGENT_TYPE", "HUMAN", "BOT"),
  picture_url: Text
})

/**
 * @since 0.3.0
 * @category schemas
 */
export const AppEvent = Schema.Struct({
  composing_event: Schema.optional(Schema.Struct({})),
  composing_end_event: Schema.optional(Schema.Struct({})),
  comment_reply_event: Schema.optional(Schema.Struct({ text: NonEmpty })),
  agent_joined_event: Schema.optional(Schema.Struct({ agent: Agent })),
  agent_left_event: Schema.optional(Schema.Struct({ agent: Agent })),
  generic_event: Schema.optional(
    Schema.Struct({ payload: Schema.Record({ key: Schema.String, value: Schema.Unknown }) })
  )
})

/**
 * `POST /events:send`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const SendEventRequest = Schema.Struct({
  app_id: NonEmpty,
  recipient: Recipient,
  event: AppEvent,
  callback_url: Text,
  channel_priority_order: Schema.optional(Schema.Array(Channel)),
  event_metadata: Text,
  queue: Schema.optional(Schema.Literal("NORMAL_PRIORITY", "HIGH_PRIORITY"))
})

/**
 * `POST /conversations/{conversation_id}:inject-event`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const InjectEventRequest = Schema.Struct({
  app_event: AppEvent,
  accept_time: NonEmpty,
  conversation_id: Text,
  contact_id: Text,
  channel_identity: Schema.optional(ChannelIdentity),
  processing_mode: Schema.optional(Schema.Literal("CONVERSATION", "DISPATCH"))
})

/**
 * `POST /messages:fetch-last-message`: `channel_identities` or `contact_ids`, not both.
 *
 * @since 0.3.0
 * @category schemas
 */
export const LastMessagesRequest = Schema.Struct({
  channel_identities: Schema.optional(Schema.Array(NonEmpty)),
  contact_ids: Schema.optional(Schema.Array(NonEmpty)),
  app_id: Text,
  messages_source: Schema.optional(Schema.Literal("CONVERSATION_SOURCE", "DISPATCH_SOURCE")),
  page_size: Schema.optional(Schema.Int),
  page_token: Text,
  view: Schema.optional(Schema.Literal("WITH_METADATA", "WITHOUT_METADATA")),
  start_time: Text,
  end_time: Text,
  channel: Schema.optional(Channel),
  direction: Schema.optional(Schema.Literal("TO_APP", "TO_CONTACT"))
})

/**
 * `POST /messages:transcode`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const TranscodeMessageRequest = Schema.Struct({
  app_id: NonEmpty,
  app_message: AppMessage,
  channels: Schema.Array(Channel).pipe(Schema.minItems(1, { message: () => "at least one channel is required" })),
  from: Text,
  to: Text
})

/**
 * `POST /capability:query`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const QueryCapabilityRequest = Schema.Struct({
  app_id: NonEmpty,
  recipient: Recipient,
  request_id: Text
})

/**
 * The webhook triggers of the reference (tag Webhooks, `WebhookTrigger`).
 *
 * @since 0.3.0
 * @category constants
 */
export const webhookTriggers = [
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
] as const

const webhookFields = {
  target: NonEmpty,
  target_type: Schema.optional(Schema.Literal("DISMISS", "HTTP")),
  triggers: Schema.optional(Schema.Array(
    Schema.Literal(...webhookTriggers).annotations({
      message: () => "is not a webhook trigger"
    })
  )),
  secret: Text,
  client_credentials: Schema.optional(Schema.Struct({
    client_id: NonEmpty,
    client_secret: NonEmpty,
    endpoint: NonEmpty,
    scope: Text,
    response_type: Text,
    token_request_type: Text
  }))
}

/**
 * `POST /webhooks`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CreateWebhookRequest = Schema.Struct({ app_id: NonEmpty, ...webhookFields })

/**
 * `PATCH /webhooks/{webhook_id}`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const UpdateWebhookRequest = Schema.partial(CreateWebhookRequest)

/**
 * `POST` and `PATCH /settings`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ProjectSettingsRequest = Schema.Struct({
  contact_settings: Schema.optional(Schema.Struct({ unified_contact_id_enabled: Schema.optional(Schema.Boolean) }))
})

const fieldOf = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "body"
    : path.reduce<string>(
      (acc, key) => typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`,
      ""
    )

/**
 * Decodes a body, or answers 400 `INVALID_ARGUMENT` with one violation per failing field. Fields the
 * Schema does not name are kept: the emulator stores what the caller sent.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = <A, I>(
  schema: Schema.Schema<A, I>,
  body: unknown
): Either.Either<A, ProductResponse> =>
  Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "preserve" })(body).pipe(
    Either.mapLeft((error) => {
      const all = ParseResult.ArrayFormatter.formatErrorSync(error).map((issue): FieldViolation => ({
        field: fieldOf(issue.path),
        description: issue.message
      }))
      // An optional field that fails inside reports its own path too (the "or undefined" branch): keep the deepest.
      const deepest = all.filter((v) =>
        !all.some((other) => other.field.startsWith(`${v.field}.`) || other.field.startsWith(`${v.field}[`))
      )
      const unique = deepest.filter((v, i) => deepest.findIndex((other) => other.field === v.field) === i)
      return invalidArgument("Invalid argument", unique)
    })
  )

/**
 * One violation as a 400 answer.
 *
 * @since 0.1.0
 * @category validation
 */
export const violation = (field: string, description: string): ProductResponse =>
  invalidArgument("Invalid argument", [{ field, description }])
