/**
 * The Verification API (`https://verification.api.sinch.com`): start a verification of a phone number
 * by SMS, flash call, phone call or data, report what the user received, and read a verification's
 * status by id, by number or by your reference. Requests are signed with the application key
 * (`ApplicationCredentials`) by default; `layerWith({ strategy: AuthStrategy.applicationBasic })` sends
 * application Basic auth instead.
 *
 * @example
 * ```ts
 * import { Verification } from "@sinch-effect/products"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const verification = yield* Verification.Verification
 *   const started = yield* verification.startSms({ identity: { type: "number", endpoint: "+46700000000" } })
 *   const result = yield* verification.reportById(started.id, { method: "sms", sms: { code: "0000" } })
 *   return result.status // "SUCCESSFUL" | "FAIL" | ...
 * })
 * ```
 *
 * @since 0.3.0
 */
import type { AuthError } from "@sinch-effect/auth-core"
import type { SinchClient } from "@sinch-effect/sinch-http"
import type { Effect, Schema } from "effect"
import { Context } from "effect"
import * as Product from "./Product.js"
import * as VerificationSchema from "./VerificationSchema.js"

type Result<A> = Effect.Effect<A, AuthError.SinchError>

/**
 * Settings of an SMS verification sent as headers rather than in the body.
 *
 * @since 0.3.0
 * @category models
 */
export interface SmsHeaders {
  /** The SMS's language, sent as `Accept-Language` (e.g. `sv-SE`); a subset of IANA tags is accepted. */
  readonly locale?: string | undefined
}

/**
 * @since 0.3.0
 * @category models
 */
export interface Service {
  /** `POST /verification/v1/verifications` with `method: "sms"`: Sinch texts the user a code. */
  readonly startSms: (
    request: VerificationSchema.StartSms,
    options?: SmsHeaders | undefined
  ) => Result<VerificationSchema.Started>
  /** `POST /verification/v1/verifications` with `method: "flashcall"`: the calling number is the code. */
  readonly startFlashCall: (request: VerificationSchema.StartFlashCall) => Result<VerificationSchema.Started>
  /** `POST /verification/v1/verifications` with `method: "callout"`: a call speaks the code. */
  readonly startPhoneCall: (request: VerificationSchema.StartPhoneCall) => Result<VerificationSchema.Started>
  /** `POST /verification/v1/verifications` with `method: "seamless"`: verified through the mobile operator. */
  readonly startData: (request: VerificationSchema.StartData) => Result<VerificationSchema.Started>
  /** `PUT /verification/v1/verifications/id/{id}`: what the user received, for one verification. */
  readonly reportById: (id: string, report: VerificationSchema.Report) => Result<VerificationSchema.Verification>
  /** `PUT /verification/v1/verifications/number/{endpoint}`: for the number's verification in progress. */
  readonly reportByIdentity: (
    endpoint: string,
    report: VerificationSchema.Report
  ) => Result<VerificationSchema.Verification>
  /** `GET /verification/v1/verifications/id/{id}`. */
  readonly getById: (id: string) => Result<VerificationSchema.Verification>
  /** `GET /verification/v1/verifications/{method}/number/{endpoint}`: the number's latest verification. */
  readonly getByIdentity: (
    endpoint: string,
    method: VerificationSchema.ReportableMethod
  ) => Result<VerificationSchema.Verification>
  /** `GET /verification/v1/verifications/reference/{reference}`. */
  readonly getByReference: (reference: string) => Result<VerificationSchema.Verification>
}

/**
 * @since 0.3.0
 * @category tags
 */
export class Verification extends Context.Tag("@sinch-effect/products/Verification")<Verification, Service>() {}

const verifications = "/verification/v1/verifications"

/**
 * The service over a client of the Verification API's URL.
 *
 * @since 0.3.0
 * @category constructors
 */
export const fromClient = (client: SinchClient.SinchClient): Service => {
  const start = <A, I>(
    schema: Schema.Schema<A, I>,
    request: NoInfer<A>,
    headers?: Record<string, string>
  ) => Product.send(client, "POST", verifications, schema, request, VerificationSchema.Started, { headers })
  const report = (route: string, path: Record<string, string>, request: VerificationSchema.Report) =>
    Product.send(client, "PUT", route, VerificationSchema.Report, request, VerificationSchema.Verification, { path })
  const status = (route: string, path: Record<string, string>) =>
    client.request("GET", route, VerificationSchema.Verification, { path })
  return {
    startSms: (request, options) =>
      start(
        VerificationSchema.StartSms,
        { ...request, method: "sms" },
        options?.locale === undefined ? undefined : { "accept-language": options.locale }
      ),
    startFlashCall: (request) => start(VerificationSchema.StartFlashCall, { ...request, method: "flashcall" }),
    startPhoneCall: (request) => start(VerificationSchema.StartPhoneCall, { ...request, method: "callout" }),
    startData: (request) => start(VerificationSchema.StartData, { ...request, method: "seamless" }),
    reportById: (id, request) => report(`${verifications}/id/{id}`, { id }, request),
    reportByIdentity: (endpoint, request) => report(`${verifications}/number/{endpoint}`, { endpoint }, request),
    getById: (id) => status(`${verifications}/id/{id}`, { id }),
    getByIdentity: (endpoint, method) => status(`${verifications}/{method}/number/{endpoint}`, { method, endpoint }),
    getByReference: (reference) => status(`${verifications}/reference/{reference}`, { reference })
  }
}

/**
 * `layer()` / `make()` sign every request with the `ApplicationCredentials` in context;
 * `layerWith({ strategy })` / `makeWith` take another strategy (e.g. `AuthStrategy.applicationBasic`)
 * and the client options of `SinchClient.ClientOptions`.
 *
 * @since 0.3.0
 * @category layers
 */
export const { layer, layerWith, make, makeWith } = Product.application({
  tag: Verification,
  api: "verification",
  baseUrl: (endpoints) => endpoints.verification,
  fromClient
})
