import { Redacted } from "effect"

/** @internal */
export const credentials = {
  projectId: "6f1c2a9e-4b7d-4c3a-9e21-5d8b0f7a3c14",
  keyId: "0b7e5c3a-2f19-4d6e-8a41-9c2d7e6f5b30",
  keySecret: Redacted.make("demo-key-secret"),
  applicationKey: "c3d9a7e1-5b2f-4e8a-9d6c-1f0b3a7e2d45",
  applicationSecret: Redacted.make("ZGVtby1hcHBsaWNhdGlvbi1zZWNyZXQ="),
  mailgunApiKey: Redacted.make("key-demo-0123456789abcdef0123456789ab"),
  mailgunDomain: "sandbox-demo.mailgun.org"
} as const
