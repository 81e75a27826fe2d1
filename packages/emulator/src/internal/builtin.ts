/**
 * Minimal Verification and Mailgun routes, enough for a client to prove its signing and Basic
 * auth end to end. A registered product API for the same API takes precedence.
 *
 * @internal
 */
import { Effect } from "effect"
import type { ProductApi, ProductRequest, ProductResponse } from "../ProductApi.js"

const route = (
  request: ProductRequest,
  method: ProductRequest["method"],
  path: string
): boolean => request.method === method && request.segments.join("/") === path

/** @internal */
export const verification: ProductApi = {
  api: "verification",
  handle: (request) =>
    Effect.sync((): ProductResponse | undefined => {
      if (!route(request, "POST", "verification/v1/verifications")) return undefined
      const body = request.body as { readonly method?: unknown; readonly identity?: { readonly endpoint?: unknown } }
      const method = typeof body?.method === "string" ? body.method : "sms"
      const endpoint = typeof body?.identity?.endpoint === "string" ? body.identity.endpoint : undefined
      if (endpoint === undefined) {
        return {
          status: 400,
          body: { errorCode: 40001, message: "identity.endpoint is required", reference: "emulator" }
        }
      }
      const id = `1ce0ffee${Buffer.from(endpoint).toString("hex").slice(0, 24)}`
      return {
        status: 200,
        body: {
          id,
          method,
          ...(method === "sms"
            ? { sms: { template: "Your verification code is {{CODE}}", interceptionTimeout: 298 } }
            : {}),
          _links: [
            { rel: "status", href: `/verification/v1/verifications/id/${id}`, method: "GET" },
            { rel: "report", href: `/verification/v1/verifications/id/${id}`, method: "PUT" }
          ]
        }
      }
    })
}

/** @internal */
export const mailgun = (domain: string): ProductApi => ({
  api: "mailgun",
  handle: (request) =>
    Effect.sync((): ProductResponse | undefined =>
      route(request, "GET", "v3/domains")
        ? {
          status: 200,
          body: {
            total_count: 1,
            items: [{
              name: domain,
              state: "active",
              type: "sandbox",
              created_at: "Mon, 02 Jan 2023 10:00:00 GMT",
              smtp_login: `postmaster@${domain}`,
              spam_action: "disabled",
              wildcard: false,
              require_tls: false,
              skip_verification: false,
              is_disabled: false,
              web_scheme: "https",
              id: "64d2b1f0e4b0c1a2b3c4d5e6"
            }]
          }
        }
        : undefined
    )
})
