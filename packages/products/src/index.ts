/**
 * @since 0.1.0
 */
export * as Numbers from "./Numbers.js"
/**
 * @since 0.1.0
 */
export * as NumbersCallback from "./NumbersCallback.js"
/**
 * @since 0.1.0
 */
export * as NumbersSchema from "./NumbersSchema.js"
/**
 * @since 0.1.0
 */
export * as ElasticSipTrunking from "./ElasticSipTrunking.js"
/**
 * @since 0.1.0
 */
export * as ElasticSipTrunkingSchema from "./ElasticSipTrunkingSchema.js"
/**
 * @since 0.1.0
 */
export * as Conversation from "./Conversation.js"
/**
 * @since 0.1.0
 */
export * as ConversationSchema from "./ConversationSchema.js"
/**
 * The Template Management API's shapes (templates v1 and v2).
 *
 * @since 0.3.0
 */
export * as ConversationTemplatesSchema from "./ConversationTemplatesSchema.js"
/**
 * @since 0.1.0
 */
export * as ConversationWebhook from "./ConversationWebhook.js"
/**
 * @since 0.1.0
 */
export * as Sinch from "./Sinch.js"
/**
 * @since 0.2.0
 */
export * as OpenEnum from "./OpenEnum.js"
/**
 * @since 0.3.0
 */
export * as Product from "./Product.js"
/**
 * @since 0.3.0
 */
export * as Verification from "./Verification.js"
/**
 * @since 0.3.0
 */
export * as VerificationSchema from "./VerificationSchema.js"
/**
 * @since 0.3.0
 */
export * as VerificationCallback from "./VerificationCallback.js"
/**
 * @since 0.3.0
 */
export * as Voice from "./Voice.js"
/**
 * @since 0.3.0
 */
export * as VoiceSchema from "./VoiceSchema.js"
/**
 * @since 0.3.0
 */
export * as VoiceSvaml from "./VoiceSvaml.js"
/**
 * @since 0.3.0
 */
export * as VoiceCallback from "./VoiceCallback.js"
/**
 * @since 0.3.0
 */
export * as Mailgun from "./Mailgun.js"
/**
 * @since 0.3.0
 */
export * as MailgunSchema from "./MailgunSchema.js"
/**
 * The Access Keys Management API, and the `KeyRotation.AccessKeys` it implements.
 *
 * @since 0.3.0
 */
export * as AccessKeys from "./AccessKeys.js"
/**
 * @since 0.3.0
 */
export * as AccessKeysSchema from "./AccessKeysSchema.js"
