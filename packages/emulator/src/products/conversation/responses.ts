/**
 * Conversation API answers: its JSON error envelope (`{"error":{code,message,status,details}}`) and
 * the 200 shapes every handler uses.
 *
 * @since 0.1.0
 */
import * as Responses from "../../internal/responses.js"
import type { ProductResponse } from "../../ProductApi.js"

/**
 * @since 0.1.0
 * @category models
 */
export interface FieldViolation {
  readonly field: string
  readonly description: string
}

/**
 * @since 0.1.0
 * @category constructors
 */
export const ok = (body: unknown): ProductResponse => ({ status: 200, body })

const failure = (code: number, status: string, message: string, details: ReadonlyArray<unknown>): ProductResponse =>
  Responses.sinchError(code, message, { code: status, details })

/**
 * 400 `INVALID_ARGUMENT` with its field violations.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidArgument = (
  message: string,
  violations: ReadonlyArray<FieldViolation>
): ProductResponse =>
  failure(
    400,
    "INVALID_ARGUMENT",
    message,
    violations.length === 0 ? [] : [{
      type: "BadRequest",
      fieldViolations: violations
    }]
  )

/**
 * 404 `NOT_FOUND`: also what another region answers for an app that lives elsewhere.
 *
 * @since 0.1.0
 * @category constructors
 */
export const notFound = (message: string): ProductResponse => failure(404, "NOT_FOUND", message, [])

/**
 * 403 `PERMISSION_DENIED`: the token's project is not the project in the path.
 *
 * @since 0.1.0
 * @category constructors
 */
export const permissionDenied = (message: string): ProductResponse => failure(403, "PERMISSION_DENIED", message, [])
