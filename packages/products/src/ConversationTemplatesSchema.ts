/**
 * The Template Management API's shapes (`https://{region}.template.api.sinch.com`), v1 and v2, as
 * Schemas. Templates v1 hold a text with `${variables}` per language; templates v2 hold any app
 * message kind per language, with optional channel-specific overrides. Fields are snake_case, as on the
 * wire; responses follow the decoding policy (optional fields, open enums, dates as sent).
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import * as ConversationSchema from "./ConversationSchema.js"
import * as OpenEnum from "./OpenEnum.js"

const nullable = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })
const text = nullable(Schema.String)

/**
 * The channel a v1 template is for.
 *
 * @since 0.3.0
 * @category schemas
 */
export const TemplateChannel = Schema.Literal(
  "UNSPECIFIED",
  "CONVERSATION",
  "MESSENGER",
  "WHATSAPP",
  "RCS",
  "SMS",
  "VIBERBM",
  "TELEGRAM",
  "INSTAGRAM",
  "KAKAOTALK",
  "APPLEBC"
)

/**
 * @since 0.3.0
 * @category models
 */
export type TemplateChannel = typeof TemplateChannel.Type

/**
 * A variable of a translation and the value its preview shows.
 *
 * @since 0.3.0
 * @category schemas
 */
export const TemplateVariable = Schema.Struct({ key: Schema.String, preview_value: Schema.optional(Schema.String) })

const ReceivedVariable = Schema.Struct({ key: text, preview_value: text })

// ---------------------------------------------------------------------------------------------------------------
// v1
// ---------------------------------------------------------------------------------------------------------------

/**
 * @since 0.3.0
 * @category schemas
 */
export const V1TranslationRequest = Schema.Struct({
  language_code: Schema.String,
  /** e.g. `Hello ${name}`. */
  content: Schema.String,
  version: Schema.optional(Schema.String),
  variables: Schema.optional(Schema.Array(TemplateVariable))
})

/**
 * @since 0.3.0
 * @category schemas
 */
export const CreateTemplateV1Request = Schema.Struct({
  /** Chosen by the caller, or generated. Unique per project. */
  id: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  channel: Schema.optional(TemplateChannel),
  default_translation: Schema.String,
  translations: Schema.Array(V1TranslationRequest)
})

/**
 * @since 0.3.0
 * @category models
 */
export type CreateTemplateV1Request = typeof CreateTemplateV1Request.Type

/**
 * An update replaces the translations it sends (and, with `updateMask`, only the named fields).
 *
 * @since 0.3.0
 * @category schemas
 */
export const UpdateTemplateV1Request = Schema.partial(CreateTemplateV1Request.omit("id"))

/**
 * @since 0.3.0
 * @category models
 */
export type UpdateTemplateV1Request = typeof UpdateTemplateV1Request.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const V1Translation = Schema.Struct({
  language_code: text,
  content: text,
  version: text,
  variables: nullable(Schema.Array(ReceivedVariable)),
  create_time: text,
  update_time: text
})

/**
 * @since 0.3.0
 * @category schemas
 */
export const TemplateV1 = Schema.Struct({
  id: Schema.String,
  description: text,
  channel: nullable(OpenEnum.open(TemplateChannel)),
  default_translation: text,
  translations: nullable(Schema.Array(V1Translation)),
  create_time: text,
  update_time: text
})

/**
 * @since 0.3.0
 * @category models
 */
export type TemplateV1 = typeof TemplateV1.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const TemplatesV1Response = Schema.Struct({ templates: nullable(Schema.Array(TemplateV1)) })

// ---------------------------------------------------------------------------------------------------------------
// v2
// ---------------------------------------------------------------------------------------------------------------

const channelTemplateOverrides = Schema.Record({
  key: Schema.String,
  value: Schema.Struct({
    template_reference: Schema.optional(ConversationSchema.TemplateReference),
    parameter_mappings: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
  })
})

const translationBase = {
  language_code: Schema.String,
  version: Schema.optional(Schema.String),
  /** A channel-specific template (`WHATSAPP`, `KAKAOTALK`) used on that channel instead. */
  channel_template_overrides: Schema.optional(channelTemplateOverrides),
  variables: Schema.optional(Schema.Array(TemplateVariable))
}

/**
 * One language of a v2 template: exactly one app message kind.
 *
 * @since 0.3.0
 * @category schemas
 */
export const V2TranslationRequest = Schema.Union(
  Schema.Struct({ ...translationBase, text_message: ConversationSchema.TextMessage }),
  Schema.Struct({ ...translationBase, media_message: ConversationSchema.MediaMessage }),
  Schema.Struct({ ...translationBase, template_message: ConversationSchema.TemplateMessage }),
  Schema.Struct({ ...translationBase, choice_message: ConversationSchema.ChoiceMessage }),
  Schema.Struct({ ...translationBase, card_message: ConversationSchema.CardMessage }),
  Schema.Struct({ ...translationBase, carousel_message: ConversationSchema.CarouselMessage }),
  Schema.Struct({ ...translationBase, list_message: ConversationSchema.ListMessage }),
  Schema.Struct({ ...translationBase, location_message: ConversationSchema.LocationMessage }),
  Schema.Struct({ ...translationBase, contact_info_message: ConversationSchema.ContactInfoMessage })
)

/**
 * @since 0.3.0
 * @category models
 */
export type V2TranslationRequest = typeof V2TranslationRequest.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const CreateTemplateV2Request = Schema.Struct({
  id: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  default_translation: Schema.String,
  translations: Schema.Array(V2TranslationRequest)
})

/**
 * @since 0.3.0
 * @category models
 */
export type CreateTemplateV2Request = typeof CreateTemplateV2Request.Type

/**
 * A v2 update (`PUT`) replaces the template; `version` must be the current one.
 *
 * @since 0.3.0
 * @category schemas
 */
export const UpdateTemplateV2Request = Schema.Struct({
  version: Schema.Int,
  description: Schema.optional(Schema.String),
  default_translation: Schema.String,
  translations: Schema.Array(V2TranslationRequest)
})

/**
 * @since 0.3.0
 * @category models
 */
export type UpdateTemplateV2Request = typeof UpdateTemplateV2Request.Type

/**
 * A v2 translation as received: its message kinds as `AppMessageContent` reads them.
 *
 * @since 0.3.0
 * @category schemas
 */
export const V2Translation = Schema.Struct({
  ...ConversationSchema.AppMessageContent.fields,
  language_code: text,
  version: text,
  channel_template_overrides: nullable(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  variables: nullable(Schema.Array(ReceivedVariable)),
  create_time: text,
  update_time: text
})

/**
 * @since 0.3.0
 * @category models
 */
export type V2Translation = typeof V2Translation.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const TemplateV2 = Schema.Struct({
  id: Schema.String,
  description: text,
  version: nullable(Schema.Number),
  default_translation: text,
  translations: nullable(Schema.Array(V2Translation)),
  create_time: text,
  update_time: text
})

/**
 * @since 0.3.0
 * @category models
 */
export type TemplateV2 = typeof TemplateV2.Type

/**
 * @since 0.3.0
 * @category schemas
 */
export const TemplatesV2Response = Schema.Struct({ templates: nullable(Schema.Array(TemplateV2)) })

/**
 * @since 0.3.0
 * @category schemas
 */
export const TranslationsResponse = Schema.Struct({ translations: nullable(Schema.Array(V2Translation)) })

/**
 * Filters of a template's translations.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ListTranslationsParams = Schema.Struct({
  language_code: Schema.optional(Schema.String),
  /** A version, or `latest`. */
  translation_version: Schema.optional(Schema.String)
})

/**
 * @since 0.3.0
 * @category models
 */
export type ListTranslationsParams = typeof ListTranslationsParams.Type
