/**
 * The Verification API's request, response and callback shapes, as Schemas: the single source of truth
 * for field names and casing (https://developers.sinch.com/docs/verification/api-reference/verification/,
 * and the shapes of `@sinch/verification` in sinch-sdk-node). Responses follow the decoding policy: open
 * enums, every field optional that the reference or the SDK leaves optional, unknown fields dropped. A
 * verification's `id` stays required: every published example has it, and a verification cannot be
 * reported or read without it.
 *
 * @since 0.3.0
 */
import { Schema } from "effect"
import * as OpenEnum from "./OpenEnum.js"

const optional = <A, I, R>(schema: Schema.Schema<A, I, R>) => Schema.optionalWith(schema, { nullable: true })

/**
 * What is verified: a phone number (`number` is the only identity type the API knows).
 *
 * @since 0.3.0
 * @category schemas
 */
export class Identity extends Schema.Class<Identity>("Identity")({
  type: Schema.Literal("number"),
  /** An E.164 number, e.g. `+46700000000`. */
  endpoint: Schema.String
}) {}

/**
 * An identity as received (its type open, both fields optional).
 *
 * @since 0.3.0
 * @category schemas
 */
export class ReceivedIdentity extends Schema.Class<ReceivedIdentity>("ReceivedIdentity")({
  type: optional(OpenEnum.open(Schema.Literal("number"))),
  endpoint: optional(Schema.String)
}) {}

/**
 * @since 0.3.0
 * @category schemas
 */
export class Price extends Schema.Class<Price>("Price")({
  /** ISO 4217, e.g. `EUR`. */
  currencyId: optional(Schema.String),
  amount: optional(Schema.Number)
}) {}

/**
 * An action on a started verification (`status`, `report`) and where to perform it.
 *
 * @since 0.3.0
 * @category schemas
 */
export class Link extends Schema.Class<Link>("Link")({
  rel: optional(Schema.String),
  href: optional(Schema.String),
  method: optional(Schema.String)
}) {}

/**
 * The methods a verification is started with: `sms`, `flashcall`, `callout` (a phone call that speaks
 * the code) and `seamless` (data verification, through the mobile operator).
 *
 * @since 0.3.0
 * @category schemas
 */
export const Method = Schema.Literal("sms", "flashcall", "callout", "seamless")

/**
 * @since 0.3.0
 * @category models
 */
export type Method = typeof Method.Type

/**
 * A method as received (`whatsapp` too, and whatever Sinch adds).
 *
 * @since 0.3.0
 * @category schemas
 */
export const ReceivedMethod = OpenEnum.open(Schema.Literal("sms", "flashcall", "callout", "seamless", "whatsapp"))

/**
 * The methods whose status can be read by identity, and that can be reported.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ReportableMethod = Schema.Literal("sms", "flashcall", "callout")

/**
 * @since 0.3.0
 * @category models
 */
export type ReportableMethod = typeof ReportableMethod.Type

/**
 * The characters of a generated SMS code.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CodeType = Schema.Literal("Numeric", "Alpha", "Alphanumeric")

/**
 * @since 0.3.0
 * @category schemas
 */
export const ReceivedCodeType = OpenEnum.open(CodeType)

/**
 * @since 0.3.0
 * @category schemas
 */
export const Status = Schema.Literal("PENDING", "SUCCESSFUL", "FAIL", "DENIED", "ABORTED", "ERROR")

/**
 * A status as received: the known ones typed, any other as a string.
 *
 * @since 0.3.0
 * @category schemas
 */
export const ReceivedStatus = OpenEnum.open(Status)

/**
 * Why a verification failed, was denied or aborted (the reference's list; any other string decodes).
 *
 * @since 0.3.0
 * @category schemas
 */
export const Reason = OpenEnum.open(Schema.Literal(
  "Fraud",
  "Not enough credit",
  "Blocked",
  "Denied by callback",
  "Invalid callback",
  "Internal error",
  "Destination denied",
  "Network error or number unreachable",
  "Failed pending",
  "SMS delivery failure",
  "Invalid CLI",
  "Invalid code",
  "Expired",
  "Hung up without entering valid code"
))

/**
 * Whether the code was intercepted on the handset or typed in.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Source = OpenEnum.open(Schema.Literal("intercepted", "manual"))

/**
 * @since 0.3.0
 * @category schemas
 */
export const CallResult = OpenEnum.open(
  Schema.Literal("ANSWERED", "COMPLETED", "NO_ANSWER", "CANCEL", "BUSY", "FAILED")
)

// ---------------------------------------------------------------------------------------------------
// Start

const StartFields = {
  identity: Identity,
  /** Your own reference, unique per verification; the status can be read by it. */
  reference: Schema.optional(Schema.String),
  /** Free text passed on to the callback events. */
  custom: Schema.optional(Schema.String)
}

/**
 * @since 0.3.0
 * @category schemas
 */
export const SmsOptions = Schema.Struct({
  /** How long the code stays valid, `HH:MM:SS`. */
  expiry: Schema.optional(Schema.String),
  codeType: Schema.optional(CodeType)
})

/**
 * `POST /verification/v1/verifications` with `method: "sms"` (the model leaves `method` out: the
 * service's `startSms` fills it in). The SMS's language goes in the
 * `Accept-Language` header (`locale` of `startSms`'s options), as the official SDK sends it.
 *
 * @since 0.3.0
 * @category schemas
 */
export const StartSms = Schema.Struct({
  method: Schema.Literal("sms"),
  ...StartFields,
  smsOptions: Schema.optional(SmsOptions)
})

/**
 * @since 0.3.0
 * @category models
 */
export type StartSms = Omit<typeof StartSms.Type, "method">

/**
 * @since 0.3.0
 * @category schemas
 */
export const FlashCallOptions = Schema.Struct({
  /** Seconds the phone rings. */
  dialTimeout: Schema.optional(Schema.Int),
  /** Seconds the verification stays open. */
  interceptionTimeout: Schema.optional(Schema.Int)
})

/**
 * `POST /verification/v1/verifications` with `method: "flashcall"`.
 *
 * @since 0.3.0
 * @category schemas
 */
export const StartFlashCall = Schema.Struct({
  method: Schema.Literal("flashcall"),
  ...StartFields,
  flashCallOptions: Schema.optional(FlashCallOptions)
})

/**
 * @since 0.3.0
 * @category models
 */
export type StartFlashCall = Omit<typeof StartFlashCall.Type, "method">

/**
 * @since 0.3.0
 * @category schemas
 */
export const PhoneCallOptions = Schema.Struct({
  /** The language of the spoken code, e.g. `en-US`. */
  speech: Schema.optional(Schema.Struct({ locale: Schema.optional(Schema.String) }))
})

/**
 * `POST /verification/v1/verifications` with `method: "callout"`; the options are sent as
 * `calloutOptions`, the API's name for them.
 *
 * @since 0.3.0
 * @category schemas
 */
export const StartPhoneCall = Schema.Struct({
  method: Schema.Literal("callout"),
  ...StartFields,
  phoneCallOptions: Schema.optional(PhoneCallOptions).pipe(Schema.fromKey("calloutOptions"))
})

/**
 * @since 0.3.0
 * @category models
 */
export type StartPhoneCall = Omit<typeof StartPhoneCall.Type, "method">

/**
 * `POST /verification/v1/verifications` with `method: "seamless"` (data verification).
 *
 * @since 0.3.0
 * @category schemas
 */
export const StartData = Schema.Struct({ method: Schema.Literal("seamless"), ...StartFields })

/**
 * @since 0.3.0
 * @category models
 */
export type StartData = Omit<typeof StartData.Type, "method">

/**
 * What a started verification tells: its `id` and, per method, what the handset should expect.
 *
 * @since 0.3.0
 * @category schemas
 */
export class Started extends Schema.Class<Started>("Started")({
  id: Schema.String,
  method: optional(ReceivedMethod),
  sms: optional(Schema.Struct({
    /** The SMS text, with `{{CODE}}` where the code goes. */
    template: optional(Schema.String),
    interceptionTimeout: optional(Schema.Number),
    codeType: optional(ReceivedCodeType)
  })),
  flashCall: optional(Schema.Struct({
    /** A regular expression the calling number matches. */
    cliFilter: optional(Schema.String),
    interceptionTimeout: optional(Schema.Number),
    reportTimeout: optional(Schema.Number),
    denyCallAfter: optional(Schema.Number)
  })),
  seamless: optional(Schema.Struct({ targetUri: optional(Schema.String) })),
  links: optional(Schema.Array(Link)).pipe(Schema.fromKey("_links"))
}) {}

// ---------------------------------------------------------------------------------------------------
// Report

/**
 * The code the user received by SMS.
 *
 * @since 0.3.0
 * @category schemas
 */
export const SmsReport = Schema.Struct({
  method: Schema.Literal("sms"),
  sms: Schema.Struct({ code: Schema.String, cli: Schema.optional(Schema.String) })
})

/**
 * The number that called the user (the flash call's code).
 *
 * @since 0.3.0
 * @category schemas
 */
export const FlashCallReport = Schema.Struct({
  method: Schema.Literal("flashcall"),
  flashCall: Schema.Struct({ cli: Schema.String })
})

/**
 * The code the phone call spoke.
 *
 * @since 0.3.0
 * @category schemas
 */
export const PhoneCallReport = Schema.Struct({
  method: Schema.Literal("callout"),
  callout: Schema.Struct({ code: Schema.String })
})

/**
 * `PUT /verification/v1/verifications/id/{id}` or `.../number/{endpoint}`: what the user received, by
 * method.
 *
 * @since 0.3.0
 * @category schemas
 */
export const Report = Schema.Union(SmsReport, FlashCallReport, PhoneCallReport)

/**
 * @since 0.3.0
 * @category models
 */
export type Report = typeof Report.Type

/**
 * The prices of a verification (they appear once it is no longer `PENDING`).
 *
 * @since 0.3.0
 * @category schemas
 */
export class VerificationPrice extends Schema.Class<VerificationPrice>("VerificationPrice")({
  verificationPrice: optional(Price),
  /** Calls only, when termination debiting is enabled. */
  terminationPrice: optional(Price),
  billableDuration: optional(Schema.Number)
}) {}

/**
 * A verification's state: the answer of a report and of every status read.
 *
 * @since 0.3.0
 * @category schemas
 */
export class Verification extends Schema.Class<Verification>("Verification")({
  id: Schema.String,
  method: optional(ReceivedMethod),
  status: optional(ReceivedStatus),
  reason: optional(Reason),
  reference: optional(Schema.String),
  identity: optional(ReceivedIdentity),
  countryId: optional(Schema.String),
  /** As sent: `YYYY-MM-DDThh:mm:ss.SSS`, UTC without a zone (the reference's note). */
  verificationTimestamp: optional(Schema.String),
  source: optional(Source),
  callComplete: optional(Schema.Boolean),
  callResult: optional(CallResult),
  price: optional(VerificationPrice)
}) {}

// ---------------------------------------------------------------------------------------------------
// Callback events

/**
 * Sent when a verification starts, if the application has a callback URL: answer it with
 * `VerificationCallback.allow*` or `deny`.
 *
 * @since 0.3.0
 * @category schemas
 */
export class RequestEvent extends Schema.Class<RequestEvent>("RequestEvent")({
  event: Schema.tag("VerificationRequestEvent"),
  id: Schema.String,
  method: ReceivedMethod,
  identity: ReceivedIdentity,
  price: optional(Price),
  rate: optional(Price),
  reference: optional(Schema.String),
  custom: optional(Schema.String),
  acceptLanguage: optional(Schema.Array(Schema.String))
}) {}

/**
 * Sent when a verification ends (reported, expired, denied).
 *
 * @since 0.3.0
 * @category schemas
 */
export class ResultEvent extends Schema.Class<ResultEvent>("ResultEvent")({
  event: Schema.tag("VerificationResultEvent"),
  id: Schema.String,
  method: ReceivedMethod,
  identity: ReceivedIdentity,
  status: ReceivedStatus,
  reason: optional(Reason),
  reference: optional(Schema.String),
  source: optional(Source),
  custom: optional(Schema.String)
}) {}

/**
 * Sent when the SMS of an SMS verification was delivered, or failed to be.
 *
 * @since 0.3.0
 * @category schemas
 */
export class SmsDeliveredEvent extends Schema.Class<SmsDeliveredEvent>("SmsDeliveredEvent")({
  event: Schema.tag("VerificationSmsDeliveredEvent"),
  id: Schema.String,
  method: ReceivedMethod,
  identity: ReceivedIdentity,
  smsResult: OpenEnum.open(Schema.Literal("Successful", "Failed")),
  reference: optional(Schema.String),
  custom: optional(Schema.String)
}) {}

/**
 * A Verification callback event, told apart by its `event` field.
 *
 * @since 0.3.0
 * @category schemas
 */
export const CallbackEvent = Schema.Union(RequestEvent, ResultEvent, SmsDeliveredEvent)

/**
 * @since 0.3.0
 * @category models
 */
export type CallbackEvent = typeof CallbackEvent.Type

/**
 * Allow or deny a verification: the answer to a `RequestEvent`. An SMS answer may set the code, its
 * type, its expiry and the languages; a flash call the calling number and its timeouts; a phone call
 * the code and the speech locale.
 *
 * @since 0.3.0
 * @category schemas
 */
export const RequestEventResponse = Schema.Struct({
  action: Schema.Literal("allow", "deny"),
  sms: Schema.optional(Schema.Struct({
    code: Schema.optional(Schema.String),
    codeType: Schema.optional(CodeType),
    /** `HH:MM:SS`. */
    expiry: Schema.optional(Schema.String),
    acceptLanguage: Schema.optional(Schema.Array(Schema.String))
  })),
  flashCall: Schema.optional(Schema.Struct({
    cli: Schema.optional(Schema.String),
    dialTimeout: Schema.optional(Schema.Int),
    interceptionTimeout: Schema.optional(Schema.Int)
  })),
  callout: Schema.optional(Schema.Struct({
    code: Schema.optional(Schema.String),
    speech: Schema.optional(Schema.Struct({ locale: Schema.optional(Schema.String) }))
  }))
})

/**
 * @since 0.3.0
 * @category models
 */
export type RequestEventResponse = typeof RequestEventResponse.Type
