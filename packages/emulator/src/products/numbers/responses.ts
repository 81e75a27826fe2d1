/**
 * Numbers API answers: JSON bodies and the documented Google-style error bodies
 * (`{"error":{"code","message","status","details"}}`).
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
export const ok = (body: unknown): ProductResponse => ({ status: 200, body, contentType: "application/json" })

/**
 * 400 `INVALID_ARGUMENT` with a `BadRequest` detail listing every field violation.
 *
 * @since 0.1.0
 * @category constructors
 */
export const invalidArgument = (violations: ReadonlyArray<FieldViolation>): ProductResponse =>
  Responses.sinchError(
    400,
    violations.length === 1
      ? `Invalid argument: ${violations[0]!.field}: ${violations[0]!.description}`
      : "Request contains invalid arguments",
    { details: [{ type: "BadRequest", fieldViolations: violations }] }
  )

/**
 * 404 `NOT_FOUND` with a `ResourceInfo` detail naming the missing resource.
 *
 * @since 0.1.0
 * @category constructors
 */
export const notFound = (resourceType: string, resourceName: string, description: string): ProductResponse =>
  Responses.sinchError(404, description, {
    details: [{ type: "ResourceInfo", resourceType, resourceName, owner: "", description }]
  })

/**
 * 403 `PERMISSION_DENIED`: the caller authenticated for another project than the one in the path.
 *
 * @since 0.1.0
 * @category constructors
 */
export const permissionDenied = (projectId: string): ProductResponse =>
  Responses.sinchError(403, `The caller does not have permission to access project ${projectId}`)
