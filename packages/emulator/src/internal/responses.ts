/**
 * The error bodies Sinch answers with: one builder, by shape.
 *
 * @internal
 */
import type { ApiName, ErrorBody, ProductResponse } from "../ProductApi.js"
import { describe } from "../ProductApi.js"

const grpcStatus: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "ALREADY_EXISTS",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED"
}

/**
 * An API's error shape, or the OAuth2 token endpoint's (RFC 6749 5.2).
 *
 * @internal
 */
export type Shape = ErrorBody | "oauth"

/** @internal */
export interface ErrorOptions {
  /**
   * `sinch`: the status name (default: from the HTTP status); `application`: the `errorCode` (default:
   * the HTTP status times 100); `oauth`: the `error` (default `invalid_request`).
   */
  readonly code?: string | number | undefined
  /** `sinch` only: the `details` array. */
  readonly details?: ReadonlyArray<unknown> | undefined
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/**
 * The error body of `shape`: `sinch` `{"error":{"code","message","status","details"}}`, `application`
 * (Voice, Verification) `{errorCode, message, reference}`, `mailgun` `{message}`, `oauth`
 * `{error, error_description}`.
 *
 * @internal
 */
export const error = (shape: Shape, status: number, message: string, options: ErrorOptions = {}): ProductResponse => {
  const headers = options.headers === undefined ? {} : { headers: options.headers }
  switch (shape) {
    case "sinch":
      return {
        status,
        ...headers,
        body: {
          error: {
            code: status,
            message,
            status: options.code ?? grpcStatus[status] ?? (status >= 500 ? "INTERNAL" : "UNKNOWN"),
            details: options.details ?? []
          }
        }
      }
    case "application":
      return { status, ...headers, body: { errorCode: options.code ?? status * 100, message, reference: "emulator" } }
    case "mailgun":
      return { status, ...headers, body: { message } }
    case "oauth":
      return { status, ...headers, body: { error: options.code ?? "invalid_request", error_description: message } }
  }
}

/**
 * The project APIs' shape.
 *
 * @internal
 */
export const sinchError = (
  status: number,
  message: string,
  options?: ErrorOptions
): ProductResponse => error("sinch", status, message, options)

/**
 * An error of the token endpoint (`auth`) or of an API, in its declared shape.
 *
 * @internal
 */
export const forTarget = (
  target: "auth" | ApiName,
  status: number,
  message: string,
  options?: ErrorOptions
): ProductResponse =>
  target === "auth"
    ? error("oauth", status, message, { code: status === 404 ? "not_found" : "invalid_request", ...options })
    : error(describe(target).errorBody, status, message, options)

/**
 * The default body of an injected status fault, in the shape of the target it is injected into.
 *
 * @internal
 */
export const injected = (target: "auth" | ApiName, status: number): ProductResponse =>
  forTarget(target, status, `Injected fault: ${status}`, {
    code: target === "auth" ? (status === 429 ? "too_many_requests" : "server_error") : undefined
  })
