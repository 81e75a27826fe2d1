/**
 * The error bodies Sinch answers with, by API family.
 *
 * @internal
 */
import type { ProductResponse } from "../ProductApi.js"

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
 * The project APIs' shape: `{"error":{"code","message","status"}}`.
 *
 * @internal
 */
export const sinchError = (
  code: number,
  message: string,
  headers?: Readonly<Record<string, string>>
): ProductResponse => ({
  status: code,
  headers,
  body: { error: { code, message, status: grpcStatus[code] ?? (code >= 500 ? "INTERNAL" : "UNKNOWN"), details: [] } }
})

/**
 * The OAuth2 token endpoint's shape (RFC 6749 5.2).
 *
 * @internal
 */
export const oauthError = (
  status: number,
  error: string,
  description: string,
  headers?: Readonly<Record<string, string>>
): ProductResponse => ({ status, headers, body: { error, error_description: description } })

/**
 * Voice and Verification's shape: `{errorCode, message, reference}`.
 *
 * @internal
 */
export const applicationError = (status: number, errorCode: number, message: string): ProductResponse => ({
  status,
  body: { errorCode, message, reference: "emulator" }
})

/**
 * Mailgun's shape: `{message}`.
 *
 * @internal
 */
export const mailgunError = (status: number, message: string): ProductResponse => ({ status, body: { message } })

/**
 * The default body of an injected status fault, in the shape of the API it is injected into.
 *
 * @internal
 */
export const faultBody = (target: string, status: number): ProductResponse => {
  const message = `Injected fault: ${status}`
  switch (target) {
    case "auth":
      return oauthError(status, status === 429 ? "too_many_requests" : "server_error", message)
    case "voice":
    case "verification":
      return applicationError(status, status * 100, message)
    case "mailgun":
      return mailgunError(status, message)
    default:
      return sinchError(status, message)
  }
}
