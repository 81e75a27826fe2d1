/**
 * The Sinch Numbers API as an Effect service: search and rent numbers, manage the project's active
 * numbers (a lazy `Stream` over `pageToken` pages), list regions and manage the callback
 * configuration. Every phone number in a path is percent-encoded (`+` as `%2B`), every query value
 * encoded, and every request body encoded from its Schema.
 *
 * @since 0.1.0
 */
import type { AuthError } from "@sinch-effect/auth-core"
import type { SinchClient } from "@sinch-effect/sinch-http"
import { Pagination } from "@sinch-effect/sinch-http"
import type { Layer, Stream } from "effect"
import { Context, Effect } from "effect"
import * as NumbersSchema from "./NumbersSchema.js"
import * as Product from "./Product.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** `GET /availableNumbers`: numbers that can be rented in a region, at most `size` of them. */
  readonly listAvailableNumbers: (
    params: NumbersSchema.ListAvailableNumbersParams
  ) => Effect.Effect<ReadonlyArray<NumbersSchema.AvailableNumber>, AuthError.SinchError>
  /** `GET /availableNumbers/{phoneNumber}`: whether one number can be rented, and at what price. */
  readonly getAvailableNumber: (
    phoneNumber: string
  ) => Effect.Effect<NumbersSchema.AvailableNumber, AuthError.SinchError>
  /** `POST /availableNumbers/{phoneNumber}:rent`. Never resent automatically: renting costs money. */
  readonly rentNumber: (
    phoneNumber: string,
    request?: NumbersSchema.RentNumberRequest | undefined
  ) => Effect.Effect<NumbersSchema.ActiveNumber, AuthError.SinchError>
  /** `POST /availableNumbers:rentAny`: rents the first number matching the criteria. */
  readonly rentAnyNumber: (
    request: NumbersSchema.RentAnyNumberRequest
  ) => Effect.Effect<NumbersSchema.ActiveNumber, AuthError.SinchError>
  /** `GET /activeNumbers`, every page, fetched only as the stream is pulled. */
  readonly listActiveNumbers: (
    params?: NumbersSchema.ListActiveNumbersParams | undefined
  ) => Stream.Stream<NumbersSchema.ActiveNumber, AuthError.SinchError>
  /** `GET /activeNumbers/{phoneNumber}`. */
  readonly getActiveNumber: (phoneNumber: string) => Effect.Effect<NumbersSchema.ActiveNumber, AuthError.SinchError>
  /** `PATCH /activeNumbers/{phoneNumber}`: display name, SMS / voice (RTC, EST, FAX) configuration, callback URL. */
  readonly updateActiveNumber: (
    phoneNumber: string,
    request: NumbersSchema.UpdateActiveNumberRequest
  ) => Effect.Effect<NumbersSchema.ActiveNumber, AuthError.SinchError>
  /** `POST /activeNumbers/{phoneNumber}:release`: answers the number as it was before the release. */
  readonly releaseNumber: (phoneNumber: string) => Effect.Effect<NumbersSchema.ActiveNumber, AuthError.SinchError>
  /** `GET /availableRegions`, optionally only regions offering some of `types`. */
  readonly listAvailableRegions: (
    params?: NumbersSchema.ListAvailableRegionsParams | undefined
  ) => Effect.Effect<ReadonlyArray<NumbersSchema.AvailableRegion>, AuthError.SinchError>
  /** `GET /callbackConfiguration`. */
  readonly getCallbackConfiguration: Effect.Effect<NumbersSchema.CallbackConfiguration, AuthError.SinchError>
  /** `PATCH /callbackConfiguration`: sets the HMAC secret that signs Numbers callbacks. */
  readonly updateCallbackConfiguration: (
    request: NumbersSchema.UpdateCallbackConfigurationRequest
  ) => Effect.Effect<NumbersSchema.CallbackConfiguration, AuthError.SinchError>
  /** `GET /activeNumbers/{phoneNumber}/emergencyAddress`: the number's emergency (E911) address. */
  readonly getEmergencyAddress: (
    phoneNumber: string
  ) => Effect.Effect<NumbersSchema.EmergencyAddressResponse, AuthError.SinchError>
  /** `POST /activeNumbers/{phoneNumber}/emergencyAddress:provision`: sets it. Never resent automatically. */
  readonly provisionEmergencyAddress: (
    phoneNumber: string,
    request: NumbersSchema.EmergencyAddressRequest
  ) => Effect.Effect<NumbersSchema.EmergencyAddressResponse, AuthError.SinchError>
  /** `POST /activeNumbers/{phoneNumber}/emergencyAddress:deprovision`: removes it. */
  readonly deprovisionEmergencyAddress: (phoneNumber: string) => Effect.Effect<void, AuthError.SinchError>
  /** `POST /activeNumbers/{phoneNumber}/emergencyAddress:validate`: checks an address without setting it. */
  readonly validateEmergencyAddress: (
    phoneNumber: string,
    request: NumbersSchema.EmergencyAddressRequest
  ) => Effect.Effect<NumbersSchema.ValidateEmergencyAddressResponse, AuthError.SinchError>
  /** The underlying client, for endpoints this service does not cover. */
  readonly client: SinchClient.SinchClient
}

/**
 * @since 0.1.0
 * @category tags
 */
export class Numbers extends Context.Tag("@sinch-effect/products/Numbers")<Numbers, Service>() {}

/**
 * @since 0.1.0
 * @category models
 */
export type Options<R = never> = Product.ProjectOptions<R>

const patternQuery = (pattern: NumbersSchema.NumberPattern | undefined) => ({
  "numberPattern.pattern": pattern?.pattern,
  "numberPattern.searchPattern": pattern?.searchPattern
})

/**
 * The service over an existing client (its `baseUrl` must end with `/v1/projects/{projectId}`).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromClient = (client: SinchClient.SinchClient): Service => {
  const phone = (phoneNumber: string) => ({ path: { phoneNumber } })

  const listActiveNumbers = (params: NumbersSchema.ListActiveNumbersParams = {}) =>
    Pagination.tokenPages({
      fetch: (pageToken) =>
        client.request("GET", "/activeNumbers", NumbersSchema.ActiveNumbersPage, {
          query: {
            regionCode: params.regionCode,
            type: params.type,
            ...patternQuery(params.numberPattern),
            capability: params.capability,
            pageSize: params.pageSize,
            orderBy: params.orderBy,
            pageToken
          }
        }),
      items: (page) => page.activeNumbers,
      next: (page) => page.nextPageToken
    })

  return {
    client,
    listAvailableNumbers: (params) =>
      client.request("GET", "/availableNumbers", NumbersSchema.AvailableNumbersResponse, {
        query: {
          regionCode: params.regionCode,
          type: params.type,
          ...patternQuery(params.numberPattern),
          capabilities: params.capabilities,
          size: params.size
        }
      }).pipe(Effect.map((response) => response.availableNumbers)),
    getAvailableNumber: (phoneNumber) =>
      client.request("GET", "/availableNumbers/{phoneNumber}", NumbersSchema.AvailableNumber, phone(phoneNumber)),
    rentNumber: (phoneNumber, request = {}) =>
      Product.send(
        client,
        "POST",
        "/availableNumbers/{phoneNumber}:rent",
        NumbersSchema.RentNumberRequest,
        request,
        NumbersSchema.ActiveNumber,
        phone(phoneNumber)
      ),
    rentAnyNumber: (request) =>
      Product.send(
        client,
        "POST",
        "/availableNumbers:rentAny",
        NumbersSchema.RentAnyNumberRequest,
        request,
        NumbersSchema.ActiveNumber
      ),
    listActiveNumbers,
    getActiveNumber: (phoneNumber) =>
      client.request("GET", "/activeNumbers/{phoneNumber}", NumbersSchema.ActiveNumber, phone(phoneNumber)),
    updateActiveNumber: (phoneNumber, request) =>
      Product.send(
        client,
        "PATCH",
        "/activeNumbers/{phoneNumber}",
        NumbersSchema.UpdateActiveNumberRequest,
        request,
        NumbersSchema.ActiveNumber,
        phone(phoneNumber)
      ),
    releaseNumber: (phoneNumber) =>
      client.request("POST", "/activeNumbers/{phoneNumber}:release", NumbersSchema.ActiveNumber, phone(phoneNumber)),
    listAvailableRegions: (params = {}) =>
      client.request("GET", "/availableRegions", NumbersSchema.AvailableRegionsResponse, {
        query: { types: params.types }
      }).pipe(Effect.map((response) => response.availableRegions)),
    getEmergencyAddress: (phoneNumber) =>
      client.request(
        "GET",
        "/activeNumbers/{phoneNumber}/emergencyAddress",
        NumbersSchema.EmergencyAddressResponse,
        phone(phoneNumber)
      ),
    provisionEmergencyAddress: (phoneNumber, request) =>
      Product.send(
        client,
        "POST",
        "/activeNumbers/{phoneNumber}/emergencyAddress:provision",
        NumbersSchema.EmergencyAddressRequest,
        request,
        NumbersSchema.EmergencyAddressResponse,
        phone(phoneNumber)
      ),
    deprovisionEmergencyAddress: (phoneNumber) =>
      client.requestVoid("POST", "/activeNumbers/{phoneNumber}/emergencyAddress:deprovision", phone(phoneNumber)),
    validateEmergencyAddress: (phoneNumber, request) =>
      Product.send(
        client,
        "POST",
        "/activeNumbers/{phoneNumber}/emergencyAddress:validate",
        NumbersSchema.EmergencyAddressRequest,
        request,
        NumbersSchema.ValidateEmergencyAddressResponse,
        phone(phoneNumber)
      ),
    getCallbackConfiguration: client.request("GET", "/callbackConfiguration", NumbersSchema.CallbackConfiguration),
    updateCallbackConfiguration: (request) =>
      Product.send(
        client,
        "PATCH",
        "/callbackConfiguration",
        NumbersSchema.UpdateCallbackConfigurationRequest,
        request,
        NumbersSchema.CallbackConfiguration
      )
  }
}

const product = Product.project({ tag: Numbers, api: "numbers", fromClient })

/**
 * Builds the service with a chosen authentication strategy.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith: <R = never>(
  options: Options<R>
) => Effect.Effect<Service, never, R | Product.ProjectContext> = product.makeWith

/**
 * Builds the service with OAuth2 tokens from the shared `TokenProvider`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, Product.OAuth2Context> = product.make

/**
 * The service with OAuth2 tokens from the shared `TokenProvider`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Numbers, never, Product.OAuth2Context> = product.layer

/**
 * The service with another strategy, e.g. `AuthStrategy.projectBasic` (for tests and scripts: Sinch
 * rate limits Basic auth much more tightly than OAuth2).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith: <R = never>(
  options: Options<R>
) => Layer.Layer<Numbers, never, R | Product.ProjectContext> = product.layerWith
