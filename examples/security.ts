/**
 * The code of docs/security.md, type-checked here (the docs check finds every ts block of the docs in examples/).
 */
import { SinchEndpoints } from "@sinch-effect/sinch-http"

// In code:
const endpoints = SinchEndpoints.layer(
  { numbers: "http://numbers.internal:8080" },
  { allowInsecureHttp: true }
)
// From the environment: SINCH_ALLOW_INSECURE_HTTP=true

export { endpoints }
