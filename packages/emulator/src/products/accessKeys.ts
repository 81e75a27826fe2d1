/**
 * The emulated Access Keys Management API (`/account` on the emulator; in production
 * `https://account.api.sinch.com/v1/projects/{projectId}/accessKeys`), written from its reference:
 * https://developers.sinch.com/docs/accesskeys/api-reference/accesskeys/access-key and the getting
 * started guide https://developers.sinch.com/docs/accesskeys/getting-started.
 *
 * The keys are the emulator's own (`KeyRegistry`): a key created here gets tokens from the emulator's
 * token endpoint at once, and a deleted key gets none (its tokens stop working too).
 *
 * @since 0.3.0
 */
import { Clock, Effect, Redacted } from "effect"
import { randomBytes, randomUUID } from "node:crypto"
import * as Responses from "../internal/responses.js"
import type { KeyInfo, ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"
import { KeyRegistry } from "../ProductApi.js"

/** "You can have a maximum of 10 keys per project." (getting started) */
const maxKeysPerProject = 10

const defaultPageSize = 100

const json = (status: number, body: unknown): ProductResponse => ({ status, body })

const accessKey = (projectId: string, key: KeyInfo) => ({
  accessKeyId: key.keyId,
  displayName: key.displayName,
  projectId,
  createTime: new Date(key.createTime).toISOString(),
  updateTime: new Date(key.updateTime).toISOString()
})

const invalid = (field: string, description: string) =>
  Responses.sinchError(400, description, {
    code: "INVALID_ARGUMENT",
    details: [{ type: "BadRequest", fieldViolations: [{ field, description }] }]
  })

const notFound = (keyId: string) => Responses.sinchError(404, `Access key ${keyId} not found`)

/** The `displayName` of a create or update body: "Required", and unique within the project. */
const displayNameOf = (body: unknown): string | ProductResponse => {
  const value = typeof body === "object" && body !== null ? (body as Record<string, unknown>)["displayName"] : undefined
  if (typeof value !== "string" || value.trim() === "") return invalid("displayName", "displayName is required")
  return value
}

const taken = (keys: ReadonlyArray<KeyInfo>, displayName: string, except?: string) =>
  keys.some((key) => key.displayName === displayName && key.keyId !== except)

// Page tokens are offsets, opaque to the caller.
const encodeToken = (offset: number) => Buffer.from(`offset:${offset}`).toString("base64url")
const decodeToken = (token: string): number | undefined => {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"))
  return match === null ? undefined : Number(match[1])
}

/**
 * @since 0.3.0
 * @category constructors
 */
export const make: Effect.Effect<ProductApi, never, KeyRegistry> = Effect.gen(function*() {
  const registry = yield* KeyRegistry

  const list = (request: ProductRequest, projectId: string) =>
    Effect.sync(() => {
      const rawSize = request.query.get("pageSize")
      const size = rawSize === null || rawSize === "" || rawSize === "0" ? defaultPageSize : Number(rawSize)
      if (!Number.isInteger(size) || size < 1 || size > 1000) {
        return invalid("pageSize", "pageSize must be in the range 1-1000")
      }
      const rawToken = request.query.get("pageToken")
      const offset = rawToken === null || rawToken === "" ? 0 : decodeToken(rawToken)
      if (offset === undefined) return invalid("pageToken", "Invalid page token")
      const keys = registry.list(projectId)
      const page = keys.slice(offset, offset + size)
      const next = offset + size < keys.length ? encodeToken(offset + size) : ""
      return json(200, { accessKeys: page.map((key) => accessKey(projectId, key)), nextPageToken: next })
    })

  const create = (request: ProductRequest, projectId: string, now: number) =>
    Effect.sync(() => {
      const displayName = displayNameOf(request.body)
      if (typeof displayName !== "string") return displayName
      const keys = registry.list(projectId)
      if (taken(keys, displayName)) {
        return Responses.sinchError(409, `An access key named "${displayName}" already exists in the project`)
      }
      if (keys.length >= maxKeysPerProject) {
        return Responses.sinchError(
          400,
          `The project already holds ${maxKeysPerProject} access keys, the maximum; delete one first`,
          { code: "FAILED_PRECONDITION" }
        )
      }
      const secret = randomBytes(24).toString("base64url")
      const created = registry.add({
        keyId: randomUUID(),
        secret: Redacted.make(secret),
        projectIds: [projectId],
        displayName,
        createTime: now,
        updateTime: now
      })
      return json(200, { accessKey: accessKey(projectId, created), secret })
    })

  // A key of another project is answered as absent.
  const ownKey = (keyId: string, projectId: string): KeyInfo | undefined => {
    const key = registry.get(keyId)
    return key !== undefined && key.projectIds.includes(projectId) ? key : undefined
  }

  const one = (request: ProductRequest, projectId: string, keyId: string, now: number) =>
    Effect.sync(() => {
      const key = ownKey(keyId, projectId)
      if (key === undefined) return notFound(keyId)
      switch (request.method) {
        case "GET":
          return json(200, accessKey(projectId, key))
        case "PATCH": {
          const displayName = displayNameOf(request.body)
          if (typeof displayName !== "string") return displayName
          if (taken(registry.list(projectId), displayName, keyId)) {
            return Responses.sinchError(409, `An access key named "${displayName}" already exists in the project`)
          }
          const updated = registry.update(keyId, { displayName, updateTime: now })!
          return json(200, accessKey(projectId, updated))
        }
        default:
          registry.remove(keyId)
          // The reference documents a 200 without fields.
          return json(200, {})
      }
    })

  const methodNotAllowed = (request: ProductRequest) =>
    Effect.succeed(Responses.sinchError(405, `Method ${request.method} not allowed on ${request.path}`))

  const handle = (request: ProductRequest): Effect.Effect<ProductResponse | undefined> => {
    const [v1, projectsSegment, projectId, resource, keyId, ...extra] = request.segments
    if (v1 !== "v1" || projectsSegment !== "projects" || projectId === undefined) return Effect.succeed(undefined)
    if (resource !== "accessKeys" || extra.length > 0) return Effect.succeed(undefined)
    if (request.projectId !== undefined && request.projectId !== projectId) {
      return Effect.succeed(
        Responses.sinchError(403, `The credentials used belong to project ${request.projectId}, not to ${projectId}`)
      )
    }
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      if (keyId === undefined) {
        if (request.method === "GET") return list(request, projectId)
        if (request.method === "POST") return create(request, projectId, now)
        return methodNotAllowed(request)
      }
      if (request.method === "GET" || request.method === "PATCH" || request.method === "DELETE") {
        return one(request, projectId, keyId, now)
      }
      return methodNotAllowed(request)
    })
  }

  return { api: "account", handle }
})
